"""Business rules of an :class:`~canonical.models.EquipmentStateChange` (EQS-001..003).

One record is an interval: the resource entered ``state`` at ``start`` and left it at
``end`` (absent while it lasts). Across records, the intervals of one resource must not
overlap: a closed interval that reaches past the start of the next change is a finding;
an open interval simply lasts until the next change of its resource.
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from typing import IO, Any, cast

from canonical.models import EquipmentStateChange, ResourceState
from canonical.report import Finding
from canonical.validation import rules as r

#: where a record was read: file (or None), line (or None), index of the record
Where = tuple[str | None, int | None, int]
#: States that stop the resource and need a reason (downtime).
STOPPED = frozenset({ResourceState.DOWN, ResourceState.MAINTENANCE})
_STOPPED = tuple(STOPPED)  # a member found by identity: no hash (an enum's is a Python call)


def equipment_state_change(change: EquipmentStateChange) -> list[Finding]:
    found: list[Finding] = []
    start_at, end_at = instants_of(change)  # exact, and worked out once for EQS-003 too
    if change.end is not None and end_at is not None and end_at < start_at:
        found.append(r.EQS_TIMES.finding(
            f"end {change.end.isoformat()} is before start {change.start.isoformat()}",
            path="$.end",
        ))
    if change.reason_code is None and change.state in _STOPPED:
        found.append(r.EQS_REASON.finding(
            f"resource {change.resource!r} went {change.state.value} without a reason code",
            path="$.reason_code",
        ))
    return found


#: one change kept in case its resource's changes are not in start order: the number of the
#: resource; start and end as their distance from :data:`_EPOCH` (days, seconds,
#: microseconds: a ``timedelta``'s own fields, read without arithmetic), each with the number
#: of its time zone (end: -1 when there is none); record index, line (-1: none), file and
#: state numbers; the length of the UTF-8 id that follows
_KEPT = struct.Struct("<iiIIiiIIiqqiiI")
_SPILL = 1 << 22  # bytes of kept changes held in memory; more go to a temporary file
#: instants are compared as their distance from this one (a ``timedelta``: exact, and compared
#: without the time zone calls that each comparison of two aware datetimes makes)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class _Sweep:
    """EQS-003 over the changes of one resource given in (start, record index) order."""

    __slots__ = ("latest", "previous", "resource")

    def __init__(self, resource: str) -> None:
        self.resource = resource
        # furthest explicit end: its instant, end, id, state
        self.latest: tuple[timedelta, datetime, str, str] | None = None
        self.previous: tuple[timedelta, str] | None = None  # start's instant, id

    def step(self, start: datetime, where: Where, change_id: str, state: str,
             end: datetime | None, at: _Instants) -> Finding | None:
        """The finding of the next change (``None``: it overlaps nothing before it); ``at``
        holds the instants of its start and end (:func:`_instants`)."""
        latest, previous, finding = self.latest, self.previous, None
        start_at, end_at = at
        if previous is not None and start_at == previous[0]:
            finding = r.EQS_OVERLAP.finding(
                f"resource {self.resource!r}: {change_id!r} and {previous[1]!r} both start at "
                f"{start.isoformat()}", path="$.start", value=change_id)
        elif latest is not None and start_at < latest[0]:
            finding = r.EQS_OVERLAP.finding(
                f"resource {self.resource!r}: {state} from {start.isoformat()} starts "
                f"before {latest[2]!r} ({latest[3]}) ends at "
                f"{latest[1].isoformat()}", path="$.start", value=change_id)
        if end is not None and end_at is not None and (latest is None or end_at > latest[0]):
            self.latest = (end_at, end, change_id, state)
        self.previous = (start_at, change_id)
        if finding is None:
            return None
        return finding.located(file=where[0], line=where[1], record=where[2])


class _Track:
    """One resource: swept as its changes come while they come in start order."""

    __slots__ = ("found", "last", "number", "sweep")

    def __init__(self, resource: str, number: int) -> None:
        self.sweep: _Sweep | None = _Sweep(resource)  # None: out of order, sorted at the end
        self.number = number
        self.last: tuple[timedelta, int] | None = None  # (start's instant, record) of the latest
        self.found: list[Finding] = []


class Intervals:
    """EQS-003 across records: the state intervals seen, per resource, and their overlaps.

    Per resource, in start order, an interval starting before an earlier interval's
    explicit end, or at the same instant as the previous change, overlaps it (reported on
    the later record, located where that record was read: file, line, record index).
    Changes that come in start order per resource (the usual extract) are judged as they
    come, keeping a few values per resource. A resource whose changes turn out not to come in
    start order is sorted and judged at the end, from its changes kept packed (~60 bytes each;
    beyond :data:`_SPILL` bytes in a temporary file, so memory stays flat). Without ``again``
    every change is kept as it comes, since any resource may turn out of order later; with
    ``again``, a callable that gives the same changes (and where they were read) once more,
    nothing is kept while reading and the changes of those resources are read again at the end
    (an extract in start order per resource, the usual one, is read once and keeps nothing).
    """

    def __init__(self, again: Callable[[], Iterable[tuple[EquipmentStateChange, Where]]] | None = None,
                 ) -> None:
        self._again = again
        self._tracks: dict[str, _Track] = {}
        self._zones: dict[tzinfo | None, int] = {}  # time zones (equal when their offsets are)
        self._files: dict[str | None, int] = {}
        self._states: dict[str, int] = {}
        self._kept = bytearray()
        self._spilled: IO[bytes] | None = None
        self._blocks: list[int] = []  # sizes of the blocks written to it (whole changes each)

    def add(self, change: EquipmentStateChange, where: Where) -> None:
        track = self._tracks.get(change.resource)
        if track is None:
            track = self._tracks[change.resource] = _Track(change.resource, len(self._tracks))
        # ``_value_``: the enum's ``value`` property costs three times as much
        start, end, change_id, state = change.start, change.end, change.id, change.state._value_
        at = instants_of(change)
        sweep = track.sweep
        if sweep is not None:
            key = (at[0], where[2])
            if track.last is not None and key < track.last:
                track.sweep = None
                track.found.clear()
            else:
                finding = sweep.step(start, where, change_id, state, end, at)
                if finding is not None:
                    track.found.append(finding)
                track.last = key
        if self._again is None:
            self._keep(track.number, at, start, end, where, change_id, state)

    def _keep(self, number: int, at: _Instants, start: datetime, end: datetime | None,
              where: Where, change_id: str, state: str) -> None:
        # once per change of a stream (issue 20): plain integers and dict lookups, no calls
        zones = self._zones
        zone = start.tzinfo
        start_code = zones.get(zone)
        if start_code is None:
            start_code = zones[zone] = len(zones)
        start_at, end_at = at
        end_days, end_seconds, end_micros, end_code = 0, 0, 0, -1
        if end is not None and end_at is not None:
            zone = end.tzinfo
            end_code = zones.get(zone, -1)
            if end_code < 0:
                end_code = zones[zone] = len(zones)
            end_days, end_seconds, end_micros = end_at.days, end_at.seconds, end_at.microseconds
        file, states = where[0], self._states
        file_code = self._files.get(file)
        if file_code is None:
            file_code = self._files[file] = len(self._files)
        state_code = states.get(state)
        if state_code is None:
            state_code = states[state] = len(states)
        name = change_id.encode("utf-8", "surrogatepass")
        kept = self._kept
        kept += _KEPT.pack(
            number, start_at.days, start_at.seconds, start_at.microseconds, start_code,
            end_days, end_seconds, end_micros, end_code, where[2],
            -1 if where[1] is None else where[1], file_code, state_code, len(name))
        kept += name
        if len(kept) > _SPILL:
            if self._spilled is None:
                # closed by findings() (or with this object): not a context of one call
                self._spilled = tempfile.TemporaryFile(prefix="canon-eqs-")  # noqa: SIM115
            self._spilled.write(kept)
            self._blocks.append(len(kept))
            self._kept = bytearray()

    def _kept_again(self, again: Callable[[], Iterable[tuple[EquipmentStateChange, Where]]],
                    unordered: set[int]) -> None:
        """Keep the changes of the resources numbered ``unordered``, read ``again``."""
        tracks = self._tracks
        for change, where in again():
            track = tracks.get(change.resource)
            if track is not None and track.number in unordered:
                self._keep(track.number, _instants(change.start, change.end), change.start,
                           change.end, where, change.id, change.state._value_)

    def findings(self) -> Iterator[Finding]:
        unordered = {track.number for track in self._tracks.values() if track.sweep is None}
        if unordered and self._again is not None:
            self._kept_again(self._again, unordered)
        changes: dict[int, list[_Change]] = {number: [] for number in unordered}
        if unordered:
            for number, change in self._kept_changes():
                if number in changes:
                    changes[number].append(change)
        if self._spilled is not None:
            self._spilled.close()
            self._spilled = None
        for resource, track in self._tracks.items():
            if track.sweep is None:
                sweep = _Sweep(resource)
                kept = [(_instants(change[0], change[4]), change) for change in changes[track.number]]
                kept.sort(key=lambda item: (item[0][0], item[1][1][2]))
                for at, (start, where, change_id, state, end) in kept:
                    finding = sweep.step(start, where, change_id, state, end, at)
                    if finding is not None:
                        yield finding
            else:
                yield from track.found

    def _kept_changes(self) -> Iterator[tuple[int, _Change]]:
        """Every change kept, with the number of its resource (only for resources out of order)."""
        zones, files, states = list(self._zones), list(self._files), list(self._states)
        for chunk in self._chunks():
            pos = 0
            while pos < len(chunk):
                (number, start_days, start_seconds, start_micros, start_zone, end_days,
                 end_seconds, end_micros, end_zone, record, line, file, state,
                 size) = _KEPT.unpack_from(chunk, pos)
                start = timedelta(start_days, start_seconds, start_micros)
                end = timedelta(end_days, end_seconds, end_micros)
                pos += _KEPT.size
                change_id = bytes(chunk[pos:pos + size]).decode("utf-8", "surrogatepass")
                pos += size
                where: Where = (files[file], None if line < 0 else line, record)
                yield number, (_restored(start, zones[start_zone]), where, change_id,
                               states[state],
                               None if end_zone < 0 else _restored(end, zones[end_zone]))

    def _chunks(self) -> Iterator[bytes | bytearray]:
        if self._spilled is not None:
            self._spilled.seek(0)
            for size in self._blocks:  # one block in memory at a time
                yield self._spilled.read(size)
        yield self._kept


#: a kept change as the sweep reads it: start, where, id, state, end
_Change = tuple[datetime, Where, str, str, datetime | None]
#: the instants of a change's start and end (end: ``None`` while it lasts), see :data:`_EPOCH`
_Instants = tuple[timedelta, timedelta | None]


def _instants(start: datetime, end: datetime | None) -> _Instants:
    return start - _EPOCH, None if end is None else end - _EPOCH


#: the change whose instants were worked out last, its start and end, and them: EQS-001 and
#: EQS-003 both read a change's instants, and each costs a time-zone call (pydantic's offsets
#: are not the standard library's: about 0.3 us a call)
_last: list[Any] = [None, None, None, None]


def instants_of(change: EquipmentStateChange) -> _Instants:
    """The instants of ``change``'s start and end (:func:`_instants`), worked out once while
    the same change, with the same start and end, is asked again."""
    last, start, end = _last, change.start, change.end
    if last[0] is change and last[1] is start and last[2] is end:
        return cast("_Instants", last[3])
    at = last[3] = _instants(start, end)
    last[0], last[1], last[2] = change, start, end
    return at


def _restored(instant: timedelta, zone: tzinfo | None) -> datetime:
    """The datetime ``instant`` after :data:`_EPOCH` in ``zone``: equal to the one kept, with
    the same wall time and offset (the same ``isoformat``)."""
    moment = _EPOCH + instant
    # a change's times are aware (the model refuses others): naive only if built by hand
    return moment.astimezone(zone) if zone is not None else moment.replace(tzinfo=None)
