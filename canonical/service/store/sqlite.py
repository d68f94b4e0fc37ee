"""SQLite storage: embedded, zero set-up, the default for one service process.

WAL journal with ``synchronous=FULL`` (the default): every commit is synced to disk (an
``fsync`` of the WAL) before the client hears 2xx, so an acknowledged message survives a killed
process (the kill-mid-load test), an operating-system crash and a power cut alike. The sync
costs a few milliseconds of waiting and a little CPU (the kernel's work), shared by every request
of a group commit (:mod:`~canonical.service.store.group`).

``sqlite:///PATH?synchronous=normal`` skips the sync: an acknowledged message still survives a
killed process (the commit is in the WAL file), but an OS crash or power cut may lose the last
commits. The service logs a warning when started so.

One writing connection (SQLite has one writer at a time anyway) and one reading connection,
each serialised by its own lock: in WAL mode a read never waits for a commit's sync.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from canonical.errors import InputError
from canonical.service.store.sql import SCHEMA, Cursor, Row, SqlStore

#: generated keys of the schema that are the table's rowid (``{serial}`` is INTEGER PRIMARY KEY)
_ROWID_KEYS = frozenset({"cursor"})
#: prepared statements kept per connection: a group's statements, one per table and group size
_STATEMENTS = 1024


class _SqliteCursor(Cursor):
    def __init__(self, cur: sqlite3.Cursor, max_params: int, *, single: bool = False) -> None:
        self._cur = cur
        self.max_params = max_params
        self._single = single  # outside a transaction: one statement, atomic on its own
        self._ran = 0

    def run(self, sql: str, params: Sequence[object] = ()) -> None:
        if self._single and self._ran:
            raise RuntimeError("a second statement outside a transaction")  # a bug, never the input
        self._ran += 1
        self._cur.execute(sql, tuple(params))

    def rows(self) -> list[Row]:
        return list(self._cur.fetchall())

    def insert_rows(self, sql: str, params: Sequence[object], *, count: int, key: str) -> list[int]:
        """The rows' rowids when ``key`` is the rowid (the outbox cursor, ``INTEGER PRIMARY
        KEY``), read without a ``RETURNING`` row (each row read is another step, and another
        wait for the interpreter lock). A row inserted without a rowid gets one more than the
        largest in the table (https://sqlite.org/autoinc.html; only past 2**63 - 1 would it
        pick at random): the rows of one INSERT, in a write transaction, are numbered one
        after the other, the last being ``lastrowid``."""
        if key not in _ROWID_KEYS:
            return super().insert_rows(sql, params, count=count, key=key)
        self.run(sql, params)
        last = self._cur.lastrowid
        if last is None or self._cur.rowcount != count:  # never for an INSERT that wrote its rows
            raise RuntimeError(f"{count} rows inserted, {self._cur.rowcount} written (last rowid {last})")
        return list(range(last - count + 1, last + 1))


class SqliteStore(SqlStore):
    """The store in one SQLite file (``:memory:`` for a throwaway one)."""

    def __init__(self, path: str, *, synchronous: str = "full") -> None:
        if synchronous not in ("normal", "full"):
            raise InputError(f"synchronous={synchronous!r}: use full or normal", source="--database")
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.synchronous = synchronous
        self._conn = _connect(path)
        self.max_params = self._conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        self._lock = threading.Lock()
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(f"PRAGMA synchronous={synchronous.upper()}")
        with self.transaction() as cur:
            for statement in SCHEMA:
                # the rowid: outbox rows are never deleted, so it only grows (AUTOINCREMENT's
                # extra bookkeeping would cost a third of the commit)
                cur.run(statement.format(serial="INTEGER PRIMARY KEY"))
        # a throwaway in-memory database has one connection; a file a reader of its own
        self._reader, self._read_lock = ((self._conn, self._lock) if path == ":memory:"
                                         else (_connect(path), threading.Lock()))

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteCursor(cur, self.max_params)
            except BaseException:
                self._conn.rollback()
                raise
            cur.execute("COMMIT")

    @contextmanager
    def statement(self) -> Iterator[Cursor]:
        """One statement in SQLite's autocommit mode: atomic and synced to disk like a
        transaction, without the ``BEGIN IMMEDIATE`` and ``COMMIT`` calls (two statements
        fewer, each another wait for the interpreter lock)."""
        with self._lock:
            yield _SqliteCursor(self._conn.cursor(), self.max_params, single=True)

    @contextmanager
    def reading(self) -> Iterator[Cursor]:
        with self._read_lock:
            yield _SqliteCursor(self._reader.cursor(), self.max_params)

    def weaker_durability(self) -> str | None:
        if self.synchronous == "full":
            return None
        return ("SQLite synchronous=normal: commits are not synced to disk; an acknowledged "
                "message survives a killed process but may be lost in an OS crash or power cut")

    def ping(self) -> bool:
        with self.reading() as cur:
            cur.run("SELECT 1")
            return cur.rows() == [(1,)]

    def close(self) -> None:
        self.close_group()
        with self._read_lock:
            self._reader.close()
        with self._lock:
            self._conn.close()


def _connect(path: str) -> sqlite3.Connection:
    """A connection keeping the statements of every group size prepared (a group's INSERT has
    a row per write; preparing one again would let go of the interpreter lock once more)."""
    return sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30.0,
                           cached_statements=_STATEMENTS)
