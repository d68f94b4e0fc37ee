"""SQLite storage: embedded, zero set-up, the default for one service process.

WAL journal. ``synchronous=NORMAL`` (the default): a commit is in the WAL file before the
client hears 2xx, so a killed or crashed *process* never loses an acknowledged message (the
kill-mid-load test); an operating-system crash or power cut may lose the last commits.
``sqlite:///PATH?synchronous=full`` syncs every commit to disk as well (an fsync per message:
about 7 ms on an ordinary disk, several times the whole message's cost). One connection,
serialised by a lock (SQLite has one writer at a time anyway).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from canonical.errors import InputError
from canonical.service.store.sql import SCHEMA, Cursor, Row, SqlStore


class _SqliteCursor(Cursor):
    def __init__(self, cur: sqlite3.Cursor) -> None:
        self._cur = cur

    def run(self, sql: str, params: Sequence[object] = ()) -> None:
        self._cur.execute(sql, tuple(params))

    def rows(self) -> list[Row]:
        return list(self._cur.fetchall())


class SqliteStore(SqlStore):
    """The store in one SQLite file (``:memory:`` for a throwaway one)."""

    def __init__(self, path: str, *, synchronous: str = "normal") -> None:
        if synchronous not in ("normal", "full"):
            raise InputError(f"synchronous={synchronous!r}: use normal or full", source="--database")
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                     timeout=30.0)
        self._lock = threading.Lock()
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(f"PRAGMA synchronous={synchronous.upper()}")
        with self.transaction() as cur:
            for statement in SCHEMA:
                # the rowid: outbox rows are never deleted, so it only grows (AUTOINCREMENT's
                # extra bookkeeping would cost a third of the commit)
                cur.run(statement.format(serial="INTEGER PRIMARY KEY"))

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteCursor(cur)
            except BaseException:
                self._conn.rollback()
                raise
            cur.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[Cursor]:
        with self._lock:
            yield _SqliteCursor(self._conn.cursor())

    def ping(self) -> bool:
        with self.reading() as cur:
            cur.run("SELECT 1")
            return cur.rows() == [(1,)]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
