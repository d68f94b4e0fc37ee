"""Business rules of an :class:`~canonical.models.EquipmentStateChange` (EQS-001..003).

One record is an interval: the resource entered ``state`` at ``start`` and left it at
``end`` (absent while it lasts). Across records, the intervals of one resource must not
overlap: a closed interval that reaches past the start of the next change is a finding;
an open interval simply lasts until the next change of its resource.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from canonical.models import EquipmentStateChange, ResourceState
from canonical.report import Finding
from canonical.validation import rules as r

#: where a record was read: file (or None), line (or None), index of the record
Where = tuple[str | None, int | None, int]
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


#: what EQS-003 keeps of one change: start, record index, where, id, state, end (not the record)
_Interval = tuple[datetime, int, Where, str, str, datetime | None]


class Intervals:
    """EQS-003 across records: the state intervals seen, per resource, and their overlaps.

    Per resource, in start order, an interval starting before an earlier interval's
    explicit end, or at the same instant as the previous change, overlaps it (reported on
    the later record, located where that record was read: file, line, record index).
    Only what the rule reads is kept of each change (about 300 bytes, not the record).
    """

    def __init__(self) -> None:
        self._by_resource: dict[str, list[_Interval]] = {}

    def add(self, change: EquipmentStateChange, where: Where) -> None:
        self._by_resource.setdefault(change.resource, []).append(
            (change.start, where[2], where, change.id, change.state.value, change.end))

    def findings(self) -> Iterator[Finding]:
        for resource, changes in self._by_resource.items():
            changes.sort(key=lambda item: (item[0], item[1]))
            yield from _overlaps(resource, changes)


def _overlaps(resource: str, changes: list[_Interval]) -> Iterator[Finding]:
    latest: tuple[datetime, str, str] | None = None  # furthest explicit end: end, id, state
    previous: tuple[datetime, str] | None = None  # start, id
    for start, _, where, change_id, state, end in changes:
        finding = None
        if previous is not None and start == previous[0]:
            finding = r.EQS_OVERLAP.finding(
                f"resource {resource!r}: {change_id!r} and {previous[1]!r} both start at "
                f"{start.isoformat()}", path="$.start", value=change_id)
        elif latest is not None and start < latest[0]:
            finding = r.EQS_OVERLAP.finding(
                f"resource {resource!r}: {state} from {start.isoformat()} starts "
                f"before {latest[1]!r} ({latest[2]}) ends at "
                f"{latest[0].isoformat()}", path="$.start", value=change_id)
        if finding is not None:
            yield finding.located(file=where[0], line=where[1], record=where[2])
        if end is not None and (latest is None or end > latest[0]):
            latest = (end, change_id, state)
        previous = (start, change_id)
