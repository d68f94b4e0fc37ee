"""Group commit: the writes of concurrent requests share one transaction and one sync to disk.

Every outcome a request commits (its outbox event or dead letter, a replay mark, its
idempotent response) joins the *group* waiting on the event loop. The group is written in
one transaction, a few statements in all (:mod:`~canonical.service.store.batch`; a group of
events alone is one statement, which SQLite commits on its own), and committed (SQLite: one
``fsync`` of the WAL with ``synchronous=FULL``; PostgreSQL: one WAL flush), then each
request's future completes. A request answers its
client only after its own future completed, so what a client was told is durable; when the
commit fails, every request of the group fails (a 500, nothing acknowledged, nothing
written).

While other requests are still being served (:class:`Load`), or while the group holds fewer
writes than the last group did, it waits for more up to :data:`GATHER_SECONDS`
(PostgreSQL's ``commit_delay`` with ``commit_siblings``): under load, one sync to disk is
shared by every concurrent request. The second condition keeps the groups of a steady load
from shrinking to the few requests being served at the instant the last group was answered
(its clients are still sending their next messages): each sync, its wake-ups and its answers
cost CPU per group, so a group of 16 costs each message about half what a group of 5 does. A
lone client's groups hold one write, so it never waits; after a burst, one group waits at most
:data:`GATHER_SECONDS` and the groups shrink to the load. A group is committed by one thread
while the event loop serves the requests that will form the next group (which goes as soon
as the disk is done with the last one): two cross-thread wake-ups per *group*, never per
request (handing each request's write to a thread and back cost more CPU than the write).
The thread is the store's own, fed by a queue and answering with ``call_soon_threadsafe``
(a third less CPU per round trip than an executor's futures); it ends after the
interpreter's main thread, once the group it is committing is done.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from canonical.service.store.batch import one_statement
from canonical.service.store.records import Outcome, StoredResponse

if TYPE_CHECKING:
    from collections.abc import Callable

    from canonical.service.store.sql import SqlStore

#: what a commit returns: the event's cursor, or the response another request stored first
Committed = tuple[int | None, StoredResponse | None]
#: most writes in one transaction
MAX_GROUP = 128
#: longest a group waits for the writes of requests still being served (seconds)
GATHER_SECONDS = 0.002
_STEP = GATHER_SECONDS / 4
#: how often an idle commit thread looks whether the interpreter is ending (seconds)
_IDLE_CHECK = 0.5
_Group = list[tuple["Write", "asyncio.Future[Committed]"]]


class Load:
    """Requests being served and, of them, those waiting for a commit (kept by the envelope
    middleware and the message route, on the event loop)."""

    __slots__ = ("in_flight", "queued")

    def __init__(self) -> None:
        self.in_flight = 0
        self.queued = 0

    def coming(self) -> int:
        """Requests being served that may still send a write."""
        return self.in_flight - self.queued


@dataclass(frozen=True, slots=True)
class Write:
    """One request's outcome, its idempotency key and the response stored under it."""

    outcome: Outcome
    key: str | None = None
    respond: Callable[[int | None], StoredResponse] | None = None


class GroupCommit:
    """The group of one store, and the thread that commits it."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store
        self.load = Load()
        self._waiting: list[tuple[Write, asyncio.Future[Committed]]] = []
        self._opened = 0.0  # loop time the waiting group started
        self._syncing = False  # a group is being committed
        self._expected = 1  # writes of the last group: the next one gathers as many, if they come
        self._queue: queue.SimpleQueue[tuple[asyncio.AbstractEventLoop, _Group] | None] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        self.groups = self.writes = 0  # committed so far (the mean group: writes / groups)

    async def commit(self, write: Write) -> Committed:
        """``write`` committed with its group; returns once it is durable."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Committed] = loop.create_future()
        self._waiting.append((write, done))
        if len(self._waiting) == 1:
            self._opened = loop.time()
            if not self._syncing:  # else the group goes when the disk is done with the last one
                loop.call_soon(self._flush, loop)
        return await done

    def _flush(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._syncing or not self._waiting:
            return
        waiting = len(self._waiting)
        if (waiting < MAX_GROUP and (self.load.coming() > 0 or waiting < self._expected)
                and loop.time() - self._opened < GATHER_SECONDS):
            loop.call_later(_STEP, self._flush, loop)  # others are still on their way
            return
        group, self._waiting = self._waiting, []
        self._expected = len(group)
        if self._writer is None or not self._writer.is_alive():
            self._writer = threading.Thread(target=self._committing, name="canon-commit")
            self._writer.start()
        self._syncing = True
        self._queue.put((loop, group))

    def _committing(self) -> None:
        """The commit thread: each group queued, committed, answered on its loop."""
        while True:
            try:
                item = self._queue.get(timeout=_IDLE_CHECK)
            except queue.Empty:
                if threading.main_thread().is_alive():
                    continue
                return  # the interpreter is ending and nothing is left to commit
            if item is None:
                return
            loop, group = item
            results = self.run([write for write, _ in group])
            try:
                loop.call_soon_threadsafe(self._answer, loop, group, results)
            except RuntimeError:  # that loop is closed: nobody waits for this answer any more
                continue

    def _answer(self, loop: asyncio.AbstractEventLoop, group: _Group,
                results: list[Committed | BaseException]) -> None:
        self._syncing = False
        for (_, done), result in zip(group, results, strict=True):
            if done.cancelled():  # the client went away; what it sent is stored all the same
                continue
            if isinstance(result, BaseException):
                done.set_exception(result)
            else:
                done.set_result(result)
        self._flush(loop)  # what gathered meanwhile

    def close(self) -> None:
        """Stop the commit thread (after the group being committed)."""
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join()
            self._writer = None

    def run(self, group: list[Write]) -> list[Committed | BaseException]:
        """Write ``group`` in one transaction and commit it: each write's result, or the
        error that refused it (a refused write wrote nothing; a failed commit fails all)."""
        try:
            alone = one_statement(group, self._store.max_params)
            with self._store.statement() if alone else self._store.transaction() as cur:
                results = self._store.write(cur, group)
        except BaseException as exc:  # nothing of the group was committed
            return [exc] * len(group)
        self.groups, self.writes = self.groups + 1, self.writes + len(group)
        return results
