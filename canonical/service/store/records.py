"""What the service stores: idempotent responses, outbox events and dead letters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """The response given to a request with an ``Idempotency-Key``; repeated verbatim."""

    request_hash: str  # SHA-256 of method, path, query and body: the same key with another body is a 409
    status: int
    content_type: str
    body: str

    @classmethod
    def from_row(cls, row: Sequence[object]) -> StoredResponse:
        """A response as stored: the ``request_hash, status, content_type, body`` columns."""
        h, status, ctype, body = row
        return cls(str(h), int(str(status)), str(ctype), str(body))


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    """An accepted event (the canonical Event envelope, as JSON), in commit order."""

    cursor: int  # 0 until stored
    event_id: str
    plant: str
    entity: str
    source: str
    correlation_id: str
    body: str


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A rejected message: the native payload exactly as received, and why it was rejected."""

    id: str
    plant: str
    entity: str
    source: str
    targets: str  # comma-separated target systems of the original request
    correlation_id: str
    received_at: str  # ISO 8601, UTC
    payload: str  # the native JSON text as received
    findings: str  # JSON list of the problem findings
    replayed_event: str | None = None  # event id once a replay succeeded


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one request writes (with its idempotent response), in one transaction."""

    event: OutboxEvent | None = None
    dead_letter: DeadLetter | None = None
    replayed: tuple[str, str] | None = None  # (dead letter id, event id)
