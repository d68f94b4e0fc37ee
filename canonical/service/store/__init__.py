"""Storage of the integration service: idempotent responses, the outbox, dead letters.

One SQL schema (:mod:`~canonical.service.store.sql`) over two databases: SQLite by default
(:mod:`~canonical.service.store.sqlite`, embedded, zero set-up) and PostgreSQL for several
replicas (:mod:`~canonical.service.store.postgres`). The same storage tests run on both.
"""

from __future__ import annotations

from canonical.errors import InputError
from canonical.service.store.records import DeadLetter, OutboxEvent, Outcome, StoredResponse
from canonical.service.store.sql import SqlStore

__all__ = ["DeadLetter", "OutboxEvent", "Outcome", "SqlStore", "StoredResponse", "open_store"]


def open_store(url: str) -> SqlStore:
    """The store of a database URL: ``sqlite:///path`` (every commit synced to disk;
    ``?synchronous=normal`` to skip the sync, see :mod:`~canonical.service.store.sqlite`;
    ``sqlite:///:memory:`` for a throwaway one), ``postgresql://...``."""
    if url.startswith("sqlite:///"):
        from canonical.service.store.sqlite import SqliteStore

        path, _, query = url.removeprefix("sqlite:///").partition("?")
        options = dict(part.partition("=")[::2] for part in query.split("&") if part)
        unknown = sorted(set(options) - {"synchronous"})
        if unknown:
            raise InputError(f"unknown SQLite option(s) {', '.join(unknown)} in {url!r}",
                             source="--database")
        return SqliteStore(path, synchronous=options.get("synchronous", "full").lower())
    if url.startswith(("postgresql://", "postgres://")):
        from canonical.service.store.postgres import PostgresStore

        return PostgresStore(url)
    raise InputError(f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://...",
                     source="--database")
