"""Rules across the records of one extract: uniqueness, references, genealogy cycles.

:class:`Collection` sees the records one at a time (:meth:`Collection.add`) and keeps only
what the rules across records need, so a validation streams: an id fingerprint per record
(:class:`~canonical.validation.idindex.IdIndex`), the material of each inventory
transaction (as a code), the parents of lots that have some, and resource parents not seen
(yet) when their child is read. :meth:`Collection.finish`
gives every finding, in the order duplicate ids, reversals, genealogy, resource parents,
overlapping equipment state intervals.
A finding is located where its record was (:data:`Where`: file, line, record index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from canonical.models import CanonicalModel, EquipmentStateChange, InventoryTransaction, Lot, Resource
from canonical.report import Finding
from canonical.validation import rules as r
from canonical.validation.equipment_states import Intervals
from canonical.validation.hierarchy import Hierarchy
from canonical.validation.idindex import IdIndex

#: where a record was read: file (or None), line (or None), index of the record
Where = tuple[str | None, int | None, int]

# what the first record of an id was: a lot, a resource, an inventory transaction (the code of
# its material from _MATERIAL up), anything else; a fingerprint and this tag are all it costs
_OTHER, _LOT, _MATERIAL = 0, 1, 3
#: resources from here up: the number of their kind and plant (see :class:`Hierarchy`)
_RESOURCES = 1 << 31


#: the classes whose records the rules across records read (any other: ``object``)
_READ = (InventoryTransaction, Lot, EquipmentStateChange, Resource)
_KINDS: dict[type[CanonicalModel], type] = {}  # a record's class -> the first of _READ it is


def _kind(cls: type[CanonicalModel]) -> type:
    return next((read for read in _READ if issubclass(cls, read)), object)


def at(finding: Finding, where: Where) -> Finding:
    return finding.located(file=where[0], line=where[1], record=where[2])


class Collection:
    """The facts of a stream of records that the rules across records need."""

    def __init__(
        self, expected: int = 0,
        again: Callable[[], Iterable[tuple[CanonicalModel, Where]]] | None = None,
    ) -> None:
        """``expected``: about how many records will come (0: unknown; sizes the id index);
        ``again``: the same (well-formed) records once more, for a rule that reads them again
        at the end rather than keeping them all in case (see :class:`Intervals`), and to tell
        a repeated id from two ids that share a fingerprint (see :meth:`finish`)."""
        self._again = again
        self._ids = IdIndex(expected)  # id -> what its first record was (tag)
        self._codes: dict[str, int] = {}  # material -> code (materials are few, ids many)
        self._duplicates: list[Finding] = []
        self._reversals: list[tuple[Where, str, str]] = []  # where, reversal_of, material
        self._lots: dict[str, tuple[Where, tuple[str, ...]]] = {}  # lots with parents only
        self._parents: list[tuple[Where, str]] = []  # resources whose parent was not seen yet
        # EQS-003: state intervals per resource (schema 1.1.0)
        self._intervals = Intervals(None if again is None else lambda: (
            (obj, where) for obj, where in again() if isinstance(obj, EquipmentStateChange)))
        self._hierarchy: Hierarchy[Where] = Hierarchy(self._resource)  # RES-010, RES-011

    def add(self, obj: CanonicalModel, where: Where) -> None:
        """Remember what the rules across records need of one (well-formed) record."""
        self.adder(type(obj))(obj, where)

    def adder(self, cls: type[CanonicalModel]) -> Callable[[CanonicalModel, Where], None]:
        """:meth:`add` for records of class ``cls`` (a stream of one class looks it up once)."""
        kind = _KINDS.get(cls)
        if kind is None:
            kind = _KINDS[cls] = _kind(cls)
        added: dict[type, Callable[[Any, Where], None]] = {
            InventoryTransaction: self._transaction, Lot: self._lot,
            EquipmentStateChange: self._state, Resource: self._resource_added}
        return added.get(kind, self._identified)

    def _identified(self, obj: CanonicalModel, where: Where, tag: int = _OTHER) -> None:
        """The id of any record (with ``tag``, what the first record of the id was)."""
        rid = obj.__dict__.get("id")  # a field's value (``getattr`` of a missing one costs 4 us)
        if type(rid) is str and self._ids.first(rid, tag) is not None:
            rule = r.INV_DUPLICATE_ID if _MATERIAL <= tag < _RESOURCES else r.ID_DUPLICATE
            self._duplicates.append(at(rule.finding(
                f"id {rid!r} already used by an earlier record", path="$.id", value=rid), where))

    def _transaction(self, tx: InventoryTransaction, where: Where) -> None:
        if tx.reversal_of is not None:
            self._reversals.append((where, tx.reversal_of, tx.material))
        self._identified(tx, where, _MATERIAL + self._codes.setdefault(tx.material, len(self._codes)))

    def _lot(self, lot: Lot, where: Where) -> None:
        if lot.genealogy:
            self._lots[lot.id] = (where, tuple(link.parent_lot for link in lot.genealogy))
        self._identified(lot, where, _LOT)

    def _state(self, change: EquipmentStateChange, where: Where) -> None:
        self._intervals.add(change, where)
        self._identified(change, where)

    def _resource_added(self, res: Resource, where: Where) -> None:
        # a resource without a parent is nothing to remember; one whose parent is not seen yet
        # is judged at the end (the parent's lookup is the hierarchy's: made once)
        if res.parent is not None and self._hierarchy.add(res, where) is None:
            self._parents.append((where, res.parent))
        self._identified(res, where, _RESOURCES + self._hierarchy.number(res))

    def _tag(self, rid: str) -> int | None:
        return self._ids.get(rid)

    def _resource(self, rid: str) -> int | None:
        """The number of the kind and plant of resource ``rid`` (``None``: not a resource)."""
        tag = self._ids.get(rid)
        return tag - _RESOURCES if tag is not None and tag >= _RESOURCES else None

    def finish(self) -> list[Finding]:
        """Every finding across the records added.

        The id index remembers fingerprints, not ids: with ``again``, the records are read
        again when some id seemed repeated, and only a record whose id text an earlier record
        has is reported (two ids that share a fingerprint are not a duplicate)."""
        found = self._repeated() if self._again is not None and self._duplicates else list(
            self._duplicates)
        found.extend(self._reversal_findings())
        found.extend(self._genealogy())
        found.extend(at(r.RES_PARENT_EXISTS.finding(
            f"parent {parent!r} is not in this extract", path="$.parent", value=parent), where)
            for where, parent in self._parents if self._resource(parent) is None)
        found.extend(at(finding, where) for where, finding in self._hierarchy.findings())
        found.extend(self._intervals.findings())
        return found

    def _repeated(self) -> list[Finding]:
        """The duplicate-id findings whose id an earlier record has, checked on the ids read
        again (only ids that seemed repeated are held: as many as there are such findings)."""
        suspects = {str(finding.value) for finding in self._duplicates}
        seen: set[str] = set()
        repeats: set[tuple[str | None, int | None, int]] = set()
        for obj, where in self._again() if self._again is not None else ():
            rid = obj.__dict__.get("id")
            if rid in suspects:
                if rid in seen:
                    repeats.add(where)
                seen.add(rid)
        return [finding for finding in self._duplicates
                if (finding.file, finding.line, finding.record) in repeats]

    def _reversal_findings(self) -> Iterator[Finding]:
        materials = list(self._codes)  # code -> material
        for where, original_id, material in self._reversals:
            tag = self._tag(original_id)
            original = (materials[tag - _MATERIAL] if tag is not None
                        and _MATERIAL <= tag < _RESOURCES else None)
            if original is None:
                yield at(r.INV_REVERSAL_MATERIAL.finding(
                    f"reversal_of {original_id!r} names no transaction in this extract",
                    path="$.reversal_of", value=original_id), where)
            elif original != material:
                yield at(r.INV_REVERSAL_MATERIAL.finding(
                    f"reversal is for material {material!r} but {original_id!r} moved "
                    f"{original!r}", path="$.material", value=material), where)

    def _genealogy(self) -> Iterator[Finding]:
        lots = self._lots
        for lot_id, (where, parents) in lots.items():
            for i, parent in enumerate(parents):
                if self._tag(parent) != _LOT and parent != lot_id:
                    yield at(r.LOT_PARENT_EXISTS.finding(
                        f"parent lot {parent!r} is not in this extract",
                        path=f"$.genealogy[{i}].parent_lot", value=parent), where)
        yield from _cycles(lots)


def _cycles(lots: dict[str, tuple[Where, tuple[str, ...]]]) -> Iterator[Finding]:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(lot_id: str, path: list[str]) -> Iterator[Finding]:
        state[lot_id] = 1
        path.append(lot_id)
        for parent in lots[lot_id][1]:
            if parent == lot_id or parent not in lots:
                continue  # self-reference is LOT-001; missing parents are LOT-005
            if state.get(parent) == 1:
                cycle = path[path.index(parent):]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    yield at(r.LOT_CYCLE.finding(
                        "genealogy cycle: " + " -> ".join([*cycle, parent]),
                        path="$.genealogy", value=parent), lots[lot_id][0])
            elif parent not in state:
                yield from visit(parent, path)
        path.pop()
        state[lot_id] = 2

    for lot_id in lots:
        if lot_id not in state:
            yield from visit(lot_id, [])
