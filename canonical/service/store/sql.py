"""The storage SQL shared by SQLite and PostgreSQL: one schema, one set of statements.

Statements are written with ``?`` placeholders; a dialect translates them. Everything one
request writes (the outbox event or the dead letter, a replay mark, the idempotent response)
is written in one transaction, committed before the client hears 2xx: what was acknowledged
is durable. Concurrent requests share a transaction (group commit,
:mod:`~canonical.service.store.group`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from functools import cached_property

from canonical.service.store.batch import DL_COLUMNS, OUT_COLUMNS, STORED, write_group
from canonical.service.store.group import Committed, GroupCommit, Load, Write
from canonical.service.store.records import DeadLetter, OutboxEvent, Outcome, StoredResponse

Row = Sequence[object]

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS idempotency (
        key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
        content_type TEXT NOT NULL, body TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS outbox (
        cursor {serial}, event_id TEXT NOT NULL, plant TEXT NOT NULL, entity TEXT NOT NULL,
        source TEXT NOT NULL, correlation_id TEXT NOT NULL, body TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS outbox_plant ON outbox (plant, cursor)",
    """CREATE TABLE IF NOT EXISTS dead_letters (
        id TEXT PRIMARY KEY, plant TEXT NOT NULL, entity TEXT NOT NULL, source TEXT NOT NULL,
        targets TEXT NOT NULL, correlation_id TEXT NOT NULL, received_at TEXT NOT NULL,
        payload TEXT NOT NULL, findings TEXT NOT NULL, replayed_event TEXT)""",
)

_DL_COLUMNS = ", ".join(DL_COLUMNS)
_OUT_COLUMNS = ", ".join(("cursor", *OUT_COLUMNS))


class Cursor(ABC):
    """The two calls the shared SQL needs from a DB-API cursor."""

    @abstractmethod
    def run(self, sql: str, params: Sequence[object] = ()) -> None: ...

    @abstractmethod
    def rows(self) -> list[Row]: ...

    #: most parameters one statement may bind (PostgreSQL's limit; SQLite reads its own)
    max_params = 65535

    def insert_rows(self, sql: str, params: Sequence[object], *, count: int, key: str) -> list[int]:
        """Run an INSERT of ``count`` rows and return their generated ``key`` column, in the
        order of the rows: an identity column numbers the rows of one INSERT in their order,
        so the keys sorted are the rows' (the order ``RETURNING`` lists them in is not
        promised)."""
        self.run(f"{sql} RETURNING {key}", params)
        keys = sorted(int(str(row[0])) for row in self.rows())
        if len(keys) != count:
            raise RuntimeError(f"{count} rows inserted, {len(keys)} {key} values returned")
        return keys


class SqlStore(ABC):
    """Idempotency, outbox and dead letters over one SQL database."""

    #: most parameters one statement may bind (PostgreSQL's limit; SQLite reads its own)
    max_params = Cursor.max_params

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Cursor]:
        """A write transaction (serialised with every other writer of the outbox)."""

    def statement(self) -> AbstractContextManager[Cursor]:
        """A cursor for a write of one statement (atomic on its own): a transaction unless the
        database can do without one."""
        return self.transaction()

    @abstractmethod
    def reading(self) -> AbstractContextManager[Cursor]:
        """A read-only transaction."""

    @abstractmethod
    def close(self) -> None: ...

    def weaker_durability(self) -> str | None:
        """Why an acknowledged message could be lost in a crash, when configured so (logged)."""
        return None

    @abstractmethod
    def ping(self) -> bool:
        """True when the database answers (``/readyz``)."""

    def stored_response(self, key: str) -> StoredResponse | None:
        with self.reading() as cur:
            cur.run(f"SELECT {STORED} FROM idempotency WHERE key = ?", (key,))
            found = cur.rows()
        return StoredResponse.from_row(found[0]) if found else None

    def commit(self, outcome: Outcome, *, key: str | None = None,
               respond: Callable[[int | None], StoredResponse] | None = None) -> Committed:
        """Write an outcome durably (a group of one); returns the event's cursor.

        With an idempotency ``key``, ``respond(cursor)`` builds the response stored under it,
        in the same transaction. If another request stored that key first, nothing is written
        and its response is returned instead.
        """
        result = self._group.run([Write(outcome, key, respond)])[0]
        if isinstance(result, BaseException):
            raise result
        return result

    async def committed(self, outcome: Outcome, *, key: str | None = None,
                        respond: Callable[[int | None], StoredResponse] | None = None) -> Committed:
        """:meth:`commit` on the event loop, with the concurrent requests' writes (group
        commit, :mod:`~canonical.service.store.group`); returns once the outcome is durable."""
        return await self._group.commit(Write(outcome, key, respond))

    def write(self, cur: Cursor, group: Sequence[Write]) -> list[Committed | BaseException]:
        """The writes of a group in the open transaction ``cur``, a few statements in all
        (:mod:`~canonical.service.store.batch`): each write's result (see :meth:`commit`), or
        the :class:`~canonical.errors.ServiceProblem` that refused it (it wrote nothing)."""
        return write_group(cur, group)

    @cached_property
    def _group(self) -> GroupCommit:
        return GroupCommit(self)

    def close_group(self) -> None:
        """Stop the group commit's thread (before closing the connection)."""
        if "_group" in self.__dict__:
            self._group.close()

    def commit_counts(self) -> tuple[int, int]:
        """Groups committed and the writes they carried, so far."""
        return self._group.groups, self._group.writes

    @property
    def load(self) -> Load:
        """The service's load, kept by its middleware and routes (a group waits for busy siblings)."""
        return self._group.load

    def _rows(self, sql: str, params: list[object], plants: Sequence[str] | None,
              order: str, limit: int) -> list[Row]:
        """``sql`` (with a WHERE clause) narrowed to ``plants`` (None: every plant), ordered, limited."""
        if plants is not None:
            if not plants:
                return []
            sql += f" AND plant IN ({', '.join('?' for _ in plants)})"
            params = [*params, *plants]
        with self.reading() as cur:
            cur.run(f"{sql} ORDER BY {order} LIMIT ?", [*params, limit])
            return cur.rows()

    def events(self, *, after: int, plants: Sequence[str] | None, limit: int) -> list[OutboxEvent]:
        """Events after a cursor, in commit order (``plants=None``: every plant)."""
        rows = self._rows(f"SELECT {_OUT_COLUMNS} FROM outbox WHERE cursor > ?", [after], plants,
                          "cursor", limit)
        return [OutboxEvent(int(str(r[0])), *(str(v) for v in r[1:])) for r in rows]

    def dead_letter(self, letter_id: str) -> DeadLetter | None:
        with self.reading() as cur:
            cur.run(f"SELECT {_DL_COLUMNS} FROM dead_letters WHERE id = ?", (letter_id,))
            found = cur.rows()
        return _letter(found[0]) if found else None

    def dead_letters(self, *, plants: Sequence[str] | None, limit: int) -> list[DeadLetter]:
        """Dead letters not yet replayed, oldest first."""
        rows = self._rows(f"SELECT {_DL_COLUMNS} FROM dead_letters WHERE replayed_event IS NULL", [],
                          plants, "received_at, id", limit)
        return [_letter(r) for r in rows]

    def all_event_ids(self) -> Iterator[str]:
        """Every event id in the outbox, in order (for audits and the kill test)."""
        with self.reading() as cur:
            cur.run("SELECT event_id FROM outbox ORDER BY cursor")
            rows = cur.rows()
        return (str(r[0]) for r in rows)


def _letter(row: Row) -> DeadLetter:
    text = [str(v) for v in row[:9]]
    return DeadLetter(text[0], text[1], text[2], text[3], text[4], text[5], text[6], text[7], text[8],
                      replayed_event=None if row[9] is None else str(row[9]))
