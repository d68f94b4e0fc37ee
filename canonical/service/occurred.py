"""When a canonical object's event happened in the source system (the Event's ``occurred_at``).

The object's own business time: an order's scheduled start, a posting time, an inspection
time, a confirmation time, a lot's manufacturing date; the receiving time only when the
object carries none.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from canonical.models import CanonicalModel, Lot, Operation

_TIME_FIELDS = ("scheduled_start", "posted_at", "inspected_at",
                # 1.1.0 (issue 17): labour, machine states, nonconformances, order patches
                "start", "detected_at", "actual_end", "actual_start", "reported_at")


def occurred_at(obj: CanonicalModel, *, received: datetime | None = None) -> datetime:
    """The business time of ``obj``; ``received`` (default: now, UTC) when it has none."""
    fields = type(obj).model_fields  # (getattr with a default is slow on a pydantic model)
    for name in _TIME_FIELDS:
        value = getattr(obj, name) if name in fields else None
        if isinstance(value, datetime):
            return value
    if isinstance(obj, Operation) and obj.confirmations:
        return obj.confirmations[0].confirmed_at
    if isinstance(obj, Lot) and obj.manufactured_on is not None:
        return datetime.combine(obj.manufactured_on, time(), UTC)
    return received or datetime.now(UTC)
