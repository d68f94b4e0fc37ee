"""Per-request context: the correlation id (for every log line) and the metric labels.

The middleware puts a :class:`RequestInfo` in the ASGI scope's state before the route runs;
routes fill in plant, entity, source and outcome; the middleware reads them back to log and
count the request. The correlation id is also a context variable, so every log line written
while serving the request carries it, in whichever thread the route runs.
"""

from __future__ import annotations

import random
import re
from contextvars import ContextVar
from dataclasses import dataclass

CORRELATION_HEADER = "X-Correlation-ID"
#: the canonical Identifier: 1-64 characters, no tabs or line breaks, no space at either end
_IDENTIFIER = re.compile(r"^[^\s](?:[^\t\r\n]{0,62}[^\s])?$")

#: version 4 and the RFC 4122 variant in a 128-bit number
_CLEAR = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_V4 = (0x4000 << 64) | (0x8000 << 48)

correlation: ContextVar[str | None] = ContextVar("canonical_correlation_id", default=None)


def valid_correlation_id(value: str) -> bool:
    return _IDENTIFIER.fullmatch(value) is not None


def new_correlation_id() -> str:
    """A random UUID (version 4). Not a secret (every response and log line shows it), so
    from :mod:`random`'s generator (seeded from the OS, reseeded in a forked child): ``uuid4()``
    asks the kernel for randomness on every call."""
    digits = f"{random.getrandbits(128) & _CLEAR | _V4:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


@dataclass(slots=True)
class RequestInfo:
    """What a route tells the middleware about the request it served."""

    correlation_id: str
    plant: str = ""
    entity: str = ""
    source: str = ""
    outcome: str = ""  # accepted, rejected, replayed, idempotent, ok, refused
    client: str = ""
    queued: bool = False  # its outcome waits for (or had) its group commit

    def counted(self) -> bool:
        """Messages (mapped, validated or replayed) are counted by plant/entity/source/outcome."""
        return bool(self.entity and self.outcome)
