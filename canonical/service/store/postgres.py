"""PostgreSQL storage: one database shared by several service replicas.

Outbox order across replicas: a cursor (identity column) is taken inside the writing
transaction, so two replicas could commit cursors 8 and 7 in that order and a consumer that
already read 8 would never see 7. Every outbox writer therefore takes one transaction-level
advisory lock first: cursors are committed in the order they are issued, and
``GET /v1/events?after=N`` never skips one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from canonical.errors import InputError
from canonical.service.store.sql import SCHEMA, Cursor, Row, SqlStore

#: the advisory lock key of the outbox (any constant shared by every replica)
_OUTBOX_LOCK = 0x6D6663_0001


class _PgCursor(Cursor):
    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def run(self, sql: str, params: Sequence[object] = ()) -> None:
        self._cur.execute(sql.replace("?", "%s"), tuple(params))

    def rows(self) -> list[Row]:
        return list(self._cur.fetchall())


class PostgresStore(SqlStore):
    """The store in a PostgreSQL database (``postgresql://user@host:port/db``)."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._conn = self._connect()
        self._lock = threading.Lock()
        with self.transaction() as cur:
            cur.run("SELECT pg_advisory_xact_lock(?)", (_OUTBOX_LOCK,))  # replicas start together
            for statement in SCHEMA:
                cur.run(statement.format(serial="BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"))

    def _connect(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(self._url, autocommit=False, connect_timeout=10)
        except psycopg.Error as exc:
            where = self._url.split("@")[-1]  # never print a password
            raise InputError(f"cannot connect to PostgreSQL at {where}: {exc}".strip(),
                             source="--database") from exc

    def _live(self) -> Any:
        """The connection, opened again if the server dropped it (a restart, a failover)."""
        if self._conn.closed or self._conn.broken:
            self._conn = self._connect()
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self._lock, self._live().transaction(), self._conn.cursor() as raw:
            cur = _PgCursor(raw)
            cur.run("SELECT pg_advisory_xact_lock(?)", (_OUTBOX_LOCK,))
            yield cur

    @contextmanager
    def reading(self) -> Iterator[Cursor]:
        with self._lock, self._live().transaction(), self._conn.cursor() as raw:
            yield _PgCursor(raw)

    def ping(self) -> bool:
        import psycopg

        try:
            with self.reading() as cur:
                cur.run("SELECT 1")
                return cur.rows() == [(1,)]
        except (psycopg.Error, InputError):  # the server is away: not ready
            return False

    def close(self) -> None:
        self.close_group()
        with self._lock:
            self._conn.close()
