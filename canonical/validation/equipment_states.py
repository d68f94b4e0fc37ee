"""Business rules of an :class:`~canonical.models.EquipmentStateChange` (EQS-001..003).

One record is an interval: the resource entered ``state`` at ``start`` and left it at
``end`` (absent while it lasts). Across records, the intervals of one resource must not
overlap: a closed interval that reaches past the start of the next change is a finding;
an open interval simply lasts until the next change of its resource.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from datetime import datetime
from typing import IO

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


#: one change kept in case its resource's changes are not in start order: the number of the
#: resource, then what the sweep sorts and reads (start, record index, where, id, state, end)
_Kept = tuple[int, datetime, int, Where, str, str, datetime | None]
_BATCH = 4096  # changes kept as objects, then pickled together (C speed, ~100 bytes a change)
_SPILL = 1 << 22  # bytes of pickled changes held in memory; more go to a temporary file


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
        self.last: tuple[datetime, int] | None = None  # (start, record) of the latest change
        self.found: list[Finding] = []


class Intervals:
    """EQS-003 across records: the state intervals seen, per resource, and their overlaps.

    Per resource, in start order, an interval starting before an earlier interval's
    explicit end, or at the same instant as the previous change, overlaps it (reported on
    the later record, located where that record was read: file, line, record index).
    Changes that come in start order per resource (the usual extract) are judged as they
    come, keeping a few values per resource. Each change is also kept, pickled (beyond
    :data:`_SPILL` bytes in a temporary file, so memory stays flat), for a resource whose
    changes turn out not to come in start order: those are sorted and judged at the end.
    """

    def __init__(self) -> None:
        self._tracks: dict[str, _Track] = {}
        self._batch: list[_Kept] = []
        self._kept: list[bytes] = []  # pickled batches in memory
        self._held = 0  # their bytes
        self._spilled: IO[bytes] | None = None
        self._blocks: list[int] = []  # sizes of the batches written to it

    def add(self, change: EquipmentStateChange, where: Where) -> None:
        track = self._tracks.get(change.resource)
        if track is None:
            track = self._tracks[change.resource] = _Track(change.resource, len(self._tracks))
        start, end, change_id, state = change.start, change.end, change.id, change.state.value
        key = (start, where[2])
        sweep = track.sweep
        if sweep is not None:
            if track.last is not None and key < track.last:
                track.sweep = None
                track.found.clear()
            else:
                finding = sweep.step(start, where, change_id, state, end)
                if finding is not None:
                    track.found.append(finding)
                track.last = key
        batch = self._batch
        batch.append((track.number, start, where[2], where, change_id, state, end))
        if len(batch) >= _BATCH:
            self._keep()

    def _keep(self) -> None:
        block = pickle.dumps(self._batch, protocol=pickle.HIGHEST_PROTOCOL)
        self._batch = []
        self._kept.append(block)
        self._held += len(block)
        if self._held > _SPILL:
            if self._spilled is None:
                # closed by findings() (or with this object): not a context of one call
                self._spilled = tempfile.TemporaryFile(prefix="canon-eqs-")  # noqa: SIM115
            for kept in self._kept:
                self._spilled.write(kept)
                self._blocks.append(len(kept))
            self._kept, self._held = [], 0

    def findings(self) -> Iterator[Finding]:
        unordered = {track.number: track for track in self._tracks.values() if track.sweep is None}
        changes: dict[int, list[_Kept]] = {number: [] for number in unordered}
        if unordered:
            for block in self._blocks_kept():
                for change in block:
                    if change[0] in changes:
                        changes[change[0]].append(change)
        if self._spilled is not None:
            self._spilled.close()
            self._spilled = None
        for resource, track in self._tracks.items():
            if track.sweep is None:
                sweep = _Sweep(resource)
                kept = changes[track.number]
                kept.sort(key=lambda item: (item[1], item[2]))
                for _, start, _, where, change_id, state, end in kept:
                    finding = sweep.step(start, where, change_id, state, end)
                    if finding is not None:
                        yield finding
            else:
                yield from track.found

    def _blocks_kept(self) -> Iterator[list[_Kept]]:
        """Every change kept, a batch at a time (only for resources out of order)."""
        if self._spilled is not None:
            self._spilled.seek(0)
            for size in self._blocks:
                yield pickle.loads(self._spilled.read(size))  # written just now, by add
        for block in self._kept:
            yield pickle.loads(block)  # made by add
        yield self._batch
