"""Business rules of an :class:`~canonical.models.EquipmentStateChange` (EQS-001..003).

One record is an interval: the resource entered ``state`` at ``start`` and left it at
``end`` (absent while it lasts). Across records, the intervals of one resource must not
overlap: a closed interval that reaches past the start of the next change is a finding;
an open interval simply lasts until the next change of its resource.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Generic, TypeVar

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


T = TypeVar("T")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_ZERO = timedelta(0)
_OPEN = -(1 << 63)  # the end of an interval that lasts (no instant is this early)


def _instant(moment: datetime) -> int:
    """Microseconds since the epoch (aware timestamps: orders and equals like ``moment``)."""
    return (moment - _EPOCH) // _MICROSECOND


class _Codes(Generic[T]):
    """Values that repeat over many changes (files, states, UTC offsets), each with a number."""

    __slots__ = ("numbers", "values")

    def __init__(self) -> None:
        self.numbers: dict[T, int] = {}
        self.values: list[T] = []

    def number(self, value: T) -> int:
        number = self.numbers.get(value)
        if number is None:
            number = self.numbers[value] = len(self.values)
            self.values.append(value)
        return number


class _Track:
    """The changes of one resource, in flat arrays: what EQS-003 reads, some 70 bytes each."""

    __slots__ = ("ends", "files", "id_ends", "ids", "lines", "ordered", "records", "starts",
                 "states", "zones")

    def __init__(self) -> None:
        self.starts, self.ends = array("q"), array("q")  # microseconds; ends: _OPEN if none
        self.zones = array("i")  # the UTC offsets (codes) of start and end, two per change
        self.records, self.lines = array("q"), array("q")  # where: record index, line (-1)
        self.files, self.states = array("i"), array("i")  # codes
        self.ids, self.id_ends = bytearray(), array("q")  # UTF-8 ids, end of each
        self.ordered = True  # added in (start, record) order: no sort needed

    def id(self, i: int) -> str:
        return self.ids[self.id_ends[i - 1] if i else 0:self.id_ends[i]].decode(
            "utf-8", "surrogatepass")


class Intervals:
    """EQS-003 across records: the state intervals seen, per resource, and their overlaps.

    Per resource, in start order, an interval starting before an earlier interval's
    explicit end, or at the same instant as the previous change, overlaps it (reported on
    the later record, located where that record was read: file, line, record index).
    Only what the rule reads is kept of each change, in flat arrays (:class:`_Track`: some
    70 bytes a change, not the record); changes that arrive in start order per resource
    (the usual extract) are swept as they are, others are sorted first.
    """

    def __init__(self) -> None:
        self._by_resource: dict[str, _Track] = {}
        self._files: _Codes[str | None] = _Codes()
        self._states: _Codes[str] = _Codes()
        self._zones: _Codes[timedelta] = _Codes()  # UTC offsets

    def add(self, change: EquipmentStateChange, where: Where) -> None:
        track = self._by_resource.get(change.resource)
        if track is None:
            track = self._by_resource[change.resource] = _Track()
        start, end, record = change.start, change.end, where[2]
        instant = _instant(start)
        starts, records = track.starts, track.records
        if track.ordered and starts and (instant, record) < (starts[-1], records[-1]):
            track.ordered = False
        starts.append(instant)
        records.append(record)
        zone = self._zones.number
        track.zones.append(zone(start.utcoffset() or _ZERO))
        if end is None:
            track.ends.append(_OPEN)
            track.zones.append(0)
        else:
            track.ends.append(_instant(end))
            track.zones.append(zone(end.utcoffset() or _ZERO))
        track.lines.append(-1 if where[1] is None else where[1])
        track.files.append(self._files.number(where[0]))
        track.states.append(self._states.number(change.state.value))
        track.ids += change.id.encode("utf-8", "surrogatepass")
        track.id_ends.append(len(track.ids))

    def findings(self) -> Iterator[Finding]:
        for resource, track in self._by_resource.items():
            yield from self._overlaps(resource, track)

    def _moment(self, instant: int, zone: int) -> str:
        offset = timezone(self._zones.values[zone])
        return (_EPOCH + instant * _MICROSECOND).astimezone(offset).isoformat()

    def _overlaps(self, resource: str, track: _Track) -> Iterator[Finding]:
        starts, ends, zones, records = track.starts, track.ends, track.zones, track.records
        order: Iterable[int] = range(len(starts))
        if not track.ordered:
            order = sorted(order, key=lambda i: (starts[i], records[i]))
        latest = previous = -1  # the change with the furthest explicit end; the one before
        for i in order:
            start = starts[i]
            message = None
            if previous >= 0 and start == starts[previous]:
                message = (f"resource {resource!r}: {track.id(i)!r} and {track.id(previous)!r} "
                           f"both start at {self._moment(start, zones[2 * i])}")
            elif latest >= 0 and start < ends[latest]:
                message = (f"resource {resource!r}: {self._states.values[track.states[i]]} from "
                           f"{self._moment(start, zones[2 * i])} starts before "
                           f"{track.id(latest)!r} ({self._states.values[track.states[latest]]}) "
                           f"ends at {self._moment(ends[latest], zones[2 * latest + 1])}")
            if message is not None:
                line = track.lines[i]
                yield r.EQS_OVERLAP.finding(message, path="$.start", value=track.id(i)).located(
                    file=self._files.values[track.files[i]],
                    line=None if line < 0 else line, record=records[i])
            end = ends[i]
            if end != _OPEN and (latest < 0 or end > ends[latest]):
                latest = i
            previous = i
