"""Rules across the records of one extract: uniqueness, references, genealogy cycles."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from canonical.models import CanonicalModel, InventoryTransaction, Lot, Resource
from canonical.report import Finding
from canonical.validation import rules as r
from canonical.validation.equipment_states import overlaps

Indexed = Sequence[tuple[int, CanonicalModel]]


def duplicate_ids(records: Indexed) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, obj in records:
        rid = getattr(obj, "id", None)
        if not isinstance(rid, str):
            continue
        if rid in first:
            rule = r.INV_DUPLICATE_ID if isinstance(obj, InventoryTransaction) else r.ID_DUPLICATE
            yield rule.finding(
                f"id {rid!r} already used by record {first[rid]}", path="$.id", value=rid
            ).located(record=index)
        else:
            first[rid] = index


def reversals(records: Indexed) -> Iterator[Finding]:
    by_id = {obj.id: obj for _, obj in records if isinstance(obj, InventoryTransaction)}
    for index, obj in records:
        if not isinstance(obj, InventoryTransaction) or obj.reversal_of is None:
            continue
        original = by_id.get(obj.reversal_of)
        if original is None:
            yield r.INV_REVERSAL_MATERIAL.finding(
                f"reversal_of {obj.reversal_of!r} names no transaction in this extract",
                path="$.reversal_of", value=obj.reversal_of,
            ).located(record=index)
        elif original.material != obj.material:
            yield r.INV_REVERSAL_MATERIAL.finding(
                f"reversal is for material {obj.material!r} but {original.id!r} moved "
                f"{original.material!r}",
                path="$.material", value=obj.material,
            ).located(record=index)


def genealogy(records: Indexed) -> Iterator[Finding]:
    lots = {obj.id: (index, obj) for index, obj in records if isinstance(obj, Lot)}
    for index, lot in lots.values():
        for i, link in enumerate(lot.genealogy):
            if link.parent_lot not in lots and link.parent_lot != lot.id:
                yield r.LOT_PARENT_EXISTS.finding(
                    f"parent lot {link.parent_lot!r} is not in this extract",
                    path=f"$.genealogy[{i}].parent_lot", value=link.parent_lot,
                ).located(record=index)
    yield from _cycles(lots)


def _cycles(lots: dict[str, tuple[int, Lot]]) -> Iterator[Finding]:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(lot_id: str, path: list[str]) -> Iterator[Finding]:
        state[lot_id] = 1
        path.append(lot_id)
        for link in lots[lot_id][1].genealogy:
            parent = link.parent_lot
            if parent == lot_id or parent not in lots:
                continue  # self-reference is LOT-001; missing parents are LOT-005
            if state.get(parent) == 1:
                cycle = path[path.index(parent):]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    yield r.LOT_CYCLE.finding(
                        "genealogy cycle: " + " -> ".join([*cycle, parent]),
                        path="$.genealogy", value=parent,
                    ).located(record=lots[lot_id][0])
            elif parent not in state:
                yield from visit(parent, path)
        path.pop()
        state[lot_id] = 2

    for lot_id in lots:
        if lot_id not in state:
            yield from visit(lot_id, [])


def resource_parents(records: Indexed) -> Iterator[Finding]:
    ids = {obj.id for _, obj in records if isinstance(obj, Resource)}
    for index, obj in records:
        if isinstance(obj, Resource) and obj.parent is not None and obj.parent not in ids:
            yield r.RES_PARENT_EXISTS.finding(
                f"parent {obj.parent!r} is not in this extract", path="$.parent", value=obj.parent
            ).located(record=index)


def check(records: Indexed) -> list[Finding]:
    """Every cross-record finding for a list of parsed records (of one or several entities)."""
    found = list(duplicate_ids(records))
    found.extend(reversals(records))
    found.extend(genealogy(records))
    found.extend(resource_parents(records))
    found.extend(overlaps(records))  # EQS-003
    return found
