"""Business rules of an :class:`~canonical.models.EquipmentStateChange` (EQS-001..003).

One record is an interval: the resource entered ``state`` at ``start`` and left it at
``end`` (absent while it lasts). Across records, the intervals of one resource must not
overlap: a closed interval that reaches past the start of the next change is a finding;
an open interval simply lasts until the next change of its resource.
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import IO, Generic, TypeVar

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
#: one change kept for a resource out of start order: resource, start, its offset, end, its
#: offset (codes), record, line (-1: none), file, state (codes), length of the UTF-8 id after it
_KEPT = struct.Struct("<iqiqiqqiiI")
_SPILL = 1 << 22  # bytes of kept changes held in memory; more go to a temporary file


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


class _Sweep:
    """EQS-003 over the changes of one resource given in (start, record index) order."""

    __slots__ = ("latest", "previous", "resource")

    def __init__(self, resource: str) -> None:
        self.resource = resource
        self.latest: tuple[datetime, str, str] | None = None  # furthest explicit end: end, id, state
        self.previous: tuple[datetime, str] | None = None  # start, id

    def step(self, start: datetime, where: Where, change_id: str, state: str,
             end: datetime | None) -> Finding | None:
        """The finding of the next change (``None``: it overlaps nothing before it)."""
        latest, previous, finding = self.latest, self.previous, None
        if previous is not None and start == previous[0]:
            finding = r.EQS_OVERLAP.finding(
                f"resource {self.resource!r}: {change_id!r} and {previous[1]!r} both start at "
                f"{start.isoformat()}", path="$.start", value=change_id)
        elif latest is not None and start < latest[0]:
            finding = r.EQS_OVERLAP.finding(
                f"resource {self.resource!r}: {state} from {start.isoformat()} starts "
                f"before {latest[1]!r} ({latest[2]}) ends at "
                f"{latest[0].isoformat()}", path="$.start", value=change_id)
        if end is not None and (latest is None or end > latest[0]):
            self.latest = (end, change_id, state)
        self.previous = (start, change_id)
        if finding is None:
            return None
        return finding.located(file=where[0], line=where[1], record=where[2])


class _Track:
    """One resource: swept as its changes come while they come in start order."""

    __slots__ = ("found", "last", "number", "sweep")

    def __init__(self, resource: str, number: int) -> None:
        self.sweep: _Sweep | None = _Sweep(resource)  # None: out of order, sorted at the end
        self.number = number
        self.last = (_OPEN, -1)  # (start, record) of the latest change
        self.found: list[Finding] = []


class Intervals:
    """EQS-003 across records: the state intervals seen, per resource, and their overlaps.

    Per resource, in start order, an interval starting before an earlier interval's
    explicit end, or at the same instant as the previous change, overlaps it (reported on
    the later record, located where that record was read: file, line, record index).
    Changes that come in start order per resource (the usual extract) are judged as they
    come, keeping a few values per resource. Each change is also kept in about 50 bytes
    (beyond :data:`_SPILL` bytes in a temporary file, so memory stays flat) for a resource
    whose changes turn out not to come in start order: those are sorted and judged at the end.
    """

    def __init__(self) -> None:
        self._tracks: dict[str, _Track] = {}
        self._files: _Codes[str | None] = _Codes()
        self._states: _Codes[str] = _Codes()
        self._zones: _Codes[timedelta] = _Codes()  # UTC offsets
        self._kept = bytearray()
        self._spilled: IO[bytes] | None = None
        self._blocks: list[int] = []  # sizes of the blocks written to it (whole changes each)

    def add(self, change: EquipmentStateChange, where: Where) -> None:
        track = self._tracks.get(change.resource)
        if track is None:
            track = self._tracks[change.resource] = _Track(change.resource, len(self._tracks))
        start, end, record = change.start, change.end, where[2]
        state = change.state.value
        key = (_instant(start), record)
        if track.sweep is not None:
            if key < track.last:
                track.sweep = None
                track.found.clear()
            else:
                finding = track.sweep.step(start, where, change.id, state, end)
                if finding is not None:
                    track.found.append(finding)
                track.last = key
        zone = self._zones.number
        name = change.id.encode("utf-8", "surrogatepass")
        self._kept += _KEPT.pack(
            track.number, key[0], zone(start.utcoffset() or _ZERO),
            _OPEN if end is None else _instant(end), 0 if end is None else zone(end.utcoffset() or _ZERO),
            record, -1 if where[1] is None else where[1], self._files.number(where[0]),
            self._states.number(state), len(name))
        self._kept += name
        if len(self._kept) > _SPILL:
            if self._spilled is None:
                # closed by findings() (or with this object): not a context of one call
                self._spilled = tempfile.TemporaryFile(prefix="canon-eqs-")  # noqa: SIM115
            self._spilled.write(self._kept)
            self._blocks.append(len(self._kept))
            self._kept = bytearray()

    def findings(self) -> Iterator[Finding]:
        unordered = {track.number: track for track in self._tracks.values() if track.sweep is None}
        changes: dict[int, list[tuple[int, int, datetime, Where, str, str, datetime | None]]] = {
            number: [] for number in unordered}
        if unordered:
            for number, *change in self._kept_changes():
                if number in changes:
                    changes[number].append(change)  # type: ignore[arg-type]
        if self._spilled is not None:
            self._spilled.close()
            self._spilled = None
        for resource, track in self._tracks.items():
            if track.sweep is None:
                sweep = _Sweep(resource)
                kept = changes[track.number]
                kept.sort(key=lambda item: (item[0], item[1]))
                for _, _, start, where, change_id, state, end in kept:
                    finding = sweep.step(start, where, change_id, state, end)
                    if finding is not None:
                        yield finding
            else:
                yield from track.found

    def _kept_changes(self) -> Iterator[tuple[int, int, int, datetime, Where, str, str, datetime | None]]:
        """Every change kept: resource number, start instant, record, then what the sweep reads."""
        states, files = self._states.values, self._files.values
        for chunk in self._chunks():
            pos = 0
            while pos < len(chunk):
                (number, start, start_zone, end, end_zone, record, line, file, state,
                 size) = _KEPT.unpack_from(chunk, pos)
                pos += _KEPT.size
                change_id = bytes(chunk[pos:pos + size]).decode("utf-8", "surrogatepass")
                pos += size
                where: Where = (files[file], None if line < 0 else line, record)
                yield (number, start, record, self._moment(start, start_zone), where, change_id,
                       states[state], None if end == _OPEN else self._moment(end, end_zone))

    def _chunks(self) -> Iterator[bytes | bytearray]:
        if self._spilled is not None:
            self._spilled.seek(0)
            for size in self._blocks:  # one block in memory at a time
                yield self._spilled.read(size)
        yield self._kept

    def _moment(self, instant: int, zone: int) -> datetime:
        return (_EPOCH + instant * _MICROSECOND).astimezone(timezone(self._zones.values[zone]))
