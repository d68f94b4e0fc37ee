"""Group commit: the writes of concurrent requests share one transaction and one sync to disk.

Every outcome a request commits (its outbox event or dead letter, a replay mark, its
idempotent response) joins the *group* waiting on the event loop. The group is written in
one transaction and committed (SQLite: one ``fsync`` of the WAL with ``synchronous=FULL``;
PostgreSQL: one WAL flush), then each request's future completes. A request answers its
client only after its own future completed, so what a client was told is durable; when the
commit fails, every request of the group fails (a 500, nothing acknowledged, nothing
written).

While other requests are still being served (:class:`Load`), the group waits for them up to
:data:`GATHER_SECONDS` (PostgreSQL's ``commit_delay`` with ``commit_siblings``): under load,
one sync to disk is shared by every concurrent request. The commit runs on the event loop:
handing each write to a writer thread and back cost more CPU than the write itself (two
cross-thread wake-ups per request), and the loop has nothing to do meanwhile that the group
does not wait for anyway.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from canonical.errors import ServiceProblem
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
    """The group of one store."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store
        self.load = Load()
        self._waiting: list[tuple[Write, asyncio.Future[Committed]]] = []
        self._opened = 0.0  # loop time the group started
        self.groups = self.writes = 0  # committed so far (the mean group: writes / groups)

    async def commit(self, write: Write) -> Committed:
        """``write`` committed with its group; returns once it is durable."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Committed] = loop.create_future()
        self._waiting.append((write, done))
        if len(self._waiting) == 1:
            self._opened = loop.time()
            loop.call_soon(self._flush, loop)
        return await done

    def _flush(self, loop: asyncio.AbstractEventLoop) -> None:
        waiting = len(self._waiting)
        if (waiting < MAX_GROUP and self.load.coming() > 0
                and loop.time() - self._opened < GATHER_SECONDS):
            loop.call_later(_STEP, self._flush, loop)  # others are still on their way
            return
        group, self._waiting = self._waiting, []
        results = self.run([write for write, _ in group])
        for (_, done), result in zip(group, results, strict=True):
            if done.cancelled():  # the client went away; what it sent is stored all the same
                continue
            if isinstance(result, BaseException):
                done.set_exception(result)
            else:
                done.set_result(result)

    def run(self, group: list[Write]) -> list[Committed | BaseException]:
        """Write ``group`` in one transaction and commit it: each write's result, or the
        error that refused it (a refused write wrote nothing; a failed commit fails all)."""
        results: list[Committed | BaseException] = []
        try:
            with self._store.transaction() as cur:
                for write in group:
                    try:
                        results.append(self._store.write(cur, write.outcome, key=write.key,
                                                         respond=write.respond))
                    except ServiceProblem as exc:  # refused before it wrote anything
                        results.append(exc)
        except Exception as exc:  # nothing of the group was committed
            return [exc] * len(group)
        self.groups, self.writes = self.groups + 1, self.writes + len(group)
        return results
