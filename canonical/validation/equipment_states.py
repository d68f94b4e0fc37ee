"""Business rules of an :class:`~canonical.models.EquipmentStateChange` (EQS-001..003).

One record is an interval: the resource entered ``state`` at ``start`` and left it at
``end`` (absent while it lasts). Across records, the intervals of one resource must not
overlap: a closed interval that reaches past the start of the next change is a finding;
an open interval simply lasts until the next change of its resource.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from canonical.models import CanonicalModel, EquipmentStateChange, ResourceState
from canonical.report import Finding
from canonical.validation import rules as r

#: States that stop the resource and need a reason (downtime).
STOPPED = frozenset({ResourceState.DOWN, ResourceState.MAINTENANCE})


def equipment_state_change(change: EquipmentStateChange) -> Iterator[Finding]:
    if change.end is not None and change.end < change.start:
        yield r.EQS_TIMES.finding(
            f"end {change.end.isoformat()} is before start {change.start.isoformat()}",
            path="$.end",
        )
    if change.state in STOPPED and change.reason_code is None:
        yield r.EQS_REASON.finding(
            f"resource {change.resource!r} went {change.state.value} without a reason code",
            path="$.reason_code",
        )


def overlaps(records: Sequence[tuple[int, CanonicalModel]]) -> Iterator[Finding]:
    """EQS-003: per resource, in start order, an interval starting before an earlier
    interval's explicit end, or at the same instant as the previous change, overlaps it
    (reported on the later record)."""
    by_resource: dict[str, list[tuple[datetime, int, EquipmentStateChange]]] = {}
    for index, obj in records:
        if isinstance(obj, EquipmentStateChange):
            by_resource.setdefault(obj.resource, []).append((obj.start, index, obj))
    for resource, changes in by_resource.items():
        changes.sort(key=lambda item: (item[0], item[1]))
        latest: tuple[datetime, EquipmentStateChange] | None = None  # furthest explicit end
        previous: EquipmentStateChange | None = None
        for start, index, change in changes:
            if previous is not None and start == previous.start:
                yield r.EQS_OVERLAP.finding(
                    f"resource {resource!r}: {change.id!r} and {previous.id!r} both start at "
                    f"{start.isoformat()}",
                    path="$.start", value=change.id,
                ).located(record=index)
            elif latest is not None and start < latest[0]:
                yield r.EQS_OVERLAP.finding(
                    f"resource {resource!r}: {change.state.value} from {start.isoformat()} "
                    f"starts before {latest[1].id!r} ({latest[1].state.value}) ends at "
                    f"{latest[0].isoformat()}",
                    path="$.start", value=change.id,
                ).located(record=index)
            if change.end is not None and (latest is None or change.end > latest[0]):
                latest = (change.end, change)
            previous = change
