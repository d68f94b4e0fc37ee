"""Per-request context: the correlation id (for every log line) and the metric labels.

The middleware puts a :class:`RequestInfo` in the ASGI scope's state before the route runs;
routes fill in plant, entity, source and outcome; the middleware reads them back to log and
count the request. The correlation id is also a context variable, so every log line written
while serving the request carries it, in whichever thread the route runs.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

CORRELATION_HEADER = "X-Correlation-ID"
#: the canonical Identifier: 1-64 characters, no tabs or line breaks, no space at either end
_IDENTIFIER = re.compile(r"^[^\s](?:[^\t\r\n]{0,62}[^\s])?$")

correlation: ContextVar[str | None] = ContextVar("canonical_correlation_id", default=None)


def valid_correlation_id(value: str) -> bool:
    return _IDENTIFIER.fullmatch(value) is not None


def new_correlation_id() -> str:
    return str(uuid.uuid4())


@dataclass(slots=True)
class RequestInfo:
    """What a route tells the middleware about the request it served."""

    correlation_id: str
    plant: str = ""
    entity: str = ""
    source: str = ""
    outcome: str = ""  # accepted, rejected, replayed, idempotent, ok, refused
    client: str = ""

    def counted(self) -> bool:
        """Messages (mapped, validated or replayed) are counted by plant/entity/source/outcome."""
        return bool(self.entity and self.outcome)
