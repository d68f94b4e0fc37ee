"""Business rules of single canonical records: what types alone cannot say.

Each check takes a parsed model and yields findings; :func:`check` runs every rule that
applies to an entity (and, recursively, the quantity rules on every nested object). The
checks never raise on bad data and never stop at the first finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from canonical.models import (
    ENTITIES,
    CanonicalModel,
    EquipmentStateChange,
    Event,
    InventoryTransaction,
    LaborReport,
    Lot,
    Material,
    Nonconformance,
    Operation,
    ProductionOrder,
    QualityResult,
    QualityVerdict,
    Resource,
    ResourceKind,
    TransactionType,
)
from canonical.models.patch import PATCH_SUFFIX
from canonical.report import Finding
from canonical.validation import rules as r
from canonical.validation.equipment_states import equipment_state_change
from canonical.validation.labor import labor_report
from canonical.validation.nonconformance import nonconformance
from canonical.validation.patch import patch_rules
from canonical.validation.quantities import (
    amount_in,
    holds_quantities,
    not_comparable,
    quantity_findings,
    quantity_rules,
)
from canonical.validation.transitions import transition_findings

if TYPE_CHECKING:
    from canonical.units.material import MaterialLike

Check = Callable[[CanonicalModel], Iterable[Finding]]


# ----------------------------------------------------------------------------- helpers
def _end_before_start(
    start: datetime | None, end: datetime | None, what: str, path: str
) -> Iterator[Finding]:
    if start is not None and end is not None and end < start:
        yield r.ORD_DATES.finding(
            f"{what} end {end.isoformat()} is before its start {start.isoformat()}", path=path
        )


# ----------------------------------------------------------------------------- entities
def production_order(order: ProductionOrder) -> Iterator[Finding]:
    yield from _end_before_start(order.scheduled_start, order.scheduled_end, "scheduled", "$.scheduled_end")
    yield from _end_before_start(order.actual_start, order.actual_end, "actual", "$.actual_end")

    previous: int | None = None
    seen: set[int] = set()
    confirmation_ids: set[str] = set()
    for i, op in enumerate(order.operations):
        if op.sequence in seen:
            yield r.ORD_SEQUENCE.finding(
                f"operation sequence {op.sequence} appears more than once",
                path=f"$.operations[{i}].sequence", value=op.sequence,
            )
        elif previous is not None and op.sequence < previous:
            yield r.ORD_SEQUENCE.finding(
                f"operation sequence {op.sequence} follows {previous}; sequences must ascend",
                path=f"$.operations[{i}].sequence", value=op.sequence,
            )
        seen.add(op.sequence)
        previous = op.sequence
        if op.order is not None and op.order != order.id:
            yield r.ORD_OPERATION_ORDER.finding(
                f"operation names order {op.order!r} but is nested in order {order.id!r}",
                path=f"$.operations[{i}].order", value=op.order,
            )
        for j, conf in enumerate(op.confirmations):
            if conf.id in confirmation_ids:
                yield r.ORD_CONFIRMATION_IDS.finding(
                    f"confirmation id {conf.id!r} is used twice",
                    path=f"$.operations[{i}].confirmations[{j}].id", value=conf.id,
                )
            confirmation_ids.add(conf.id)

    for i, comp in enumerate(order.components):
        if comp.operation_sequence is not None and order.operations and comp.operation_sequence not in seen:
            yield r.ORD_COMPONENT_OP.finding(
                f"component {comp.material!r} names operation {comp.operation_sequence}, "
                "which the order does not have",
                path=f"$.components[{i}].operation_sequence", value=comp.operation_sequence,
            )

    yield from _overdelivery(order)


def _overdelivery(order: ProductionOrder) -> Iterator[Finding]:
    if order.produced_quantity is None and order.scrapped_quantity is None:
        return
    unit = order.ordered_quantity.unit
    produced = amount_in(order.produced_quantity, unit)
    scrapped = amount_in(order.scrapped_quantity, unit)
    if produced is None and order.produced_quantity is not None:
        yield from not_comparable(order.produced_quantity, unit, "$.produced_quantity.unit",
                                   "produced quantity vs ordered quantity")
    if scrapped is None and order.scrapped_quantity is not None:
        yield from not_comparable(order.scrapped_quantity, unit, "$.scrapped_quantity.unit",
                                   "scrapped quantity vs ordered quantity")
    if produced is None or scrapped is None:
        return
    tolerance = order.overdelivery_tolerance or Decimal(0)
    limit = order.ordered_quantity.value * (1 + tolerance / 100)
    total = produced + scrapped
    if total > limit:
        yield r.ORD_OVERDELIVERY.finding(
            f"produced {produced} + scrapped {scrapped} = {total} {unit} exceeds ordered "
            f"{order.ordered_quantity.value} {unit} with {tolerance} % tolerance (limit {limit})",
            path="$.produced_quantity",
        )


def material(mat: Material) -> Iterator[Finding]:
    own = list(_material_units(mat))
    yield from own
    if not own:  # MAT-001/002 already say what the unit checks would repeat
        layout = (mat.base_unit, tuple(
            (alt.unit, str(alt.numerator), str(alt.denominator)) for alt in mat.alternative_units))
        found = _LAYOUTS.get(layout)
        if found is None:  # checked on the record itself: nothing to rebuild from the layout
            found = _remembered(layout, _unit_findings(mat))
        yield from found


#: :func:`canonical.units.check_material` of up to :data:`LAYOUTS` unit layouts seen (base
#: unit; unit, numerator and denominator as written): its findings name units and factors, never
#: the material, and an extract repeats a few layouts over many materials
_LAYOUTS: dict[tuple[str, tuple[tuple[str, str, str], ...]], tuple[Finding, ...]] = {}
LAYOUTS = 4096


def _remembered(
    layout: tuple[str, tuple[tuple[str, str, str], ...]], found: tuple[Finding, ...],
) -> tuple[Finding, ...]:
    if len(_LAYOUTS) >= LAYOUTS:
        _LAYOUTS.clear()  # start again: cheaper than finding the oldest each time
    _LAYOUTS[layout] = found
    return found


def _unit_findings(mat: MaterialLike) -> tuple[Finding, ...]:
    from canonical.units import check_material

    return tuple(check_material(mat))


def _material_units(mat: Material) -> Iterator[Finding]:
    # once per material of a stream (issue 20): paths are written only for a finding
    seen: set[str] = set()
    base = mat.base_unit
    for i, alt in enumerate(mat.alternative_units):
        numerator, denominator = alt.numerator, alt.denominator
        if numerator <= 0 or denominator <= 0:
            for name, value in (("numerator", numerator), ("denominator", denominator)):
                if value <= 0:
                    yield r.MAT_FACTOR.finding(
                        f"{alt.unit}: {name} must be greater than zero, got {value}",
                        path=f"$.alternative_units[{i}].{name}", value=value,
                    )
        unit = alt.unit
        if unit == base or unit in seen:
            yield r.MAT_DUPLICATE_UNIT.finding(
                f"alternative unit {unit} is the base unit or declared twice",
                path=f"$.alternative_units[{i}].unit", value=unit,
            )
        seen.add(unit)


def lot(item: Lot) -> Iterator[Finding]:
    for i, link in enumerate(item.genealogy):
        if link.parent_lot == item.id:
            yield r.LOT_SELF.finding(
                f"lot {item.id!r} names itself as a parent", path=f"$.genealogy[{i}].parent_lot",
                value=link.parent_lot,
            )
    if item.manufactured_on and item.expires_on and item.expires_on < item.manufactured_on:
        yield r.LOT_DATES.finding(
            f"expires_on {item.expires_on} is before manufactured_on {item.manufactured_on}",
            path="$.expires_on",
        )
    if len(set(item.serial_numbers)) != len(item.serial_numbers):
        seen: set[str] = set()
        for i, serial in enumerate(item.serial_numbers):
            if serial in seen:
                yield r.LOT_SERIALS.finding(
                    f"serial number {serial!r} appears twice", path=f"$.serial_numbers[{i}]",
                    value=serial,
                )
            seen.add(serial)


_SITE = ResourceKind.SITE  # an enum member read from its class costs a descriptor call


def resource(res: Resource) -> Iterator[Finding]:
    if res.parent is not None and res.parent == res.id:
        yield r.RES_PARENT.finding(f"resource {res.id!r} is its own parent", path="$.parent")
    if res.parent is not None and res.kind is _SITE:
        yield r.RES_PARENT.finding("a site is the top of the hierarchy and has no parent", path="$.parent")


def quality_result(result: QualityResult) -> Iterator[Finding]:
    spec = result.specification
    if result.order is None and result.lot is None:
        yield r.QUA_SUBJECT.finding("a result must reference an order, a lot or both", path="$")
    if result.operation is not None and result.order is None:
        yield r.QUA_SUBJECT.finding("an operation reference needs its order", path="$.operation")
    if spec is not None and spec.lower_limit is not None and spec.upper_limit is not None:
        upper = amount_in(spec.upper_limit, spec.lower_limit.unit)
        if upper is None:
            yield from not_comparable(spec.upper_limit, spec.lower_limit.unit,
                                       "$.specification.upper_limit.unit", "specification limits")
        elif spec.lower_limit.value > upper:
            yield r.QUA_LIMITS.finding(
                f"lower limit {spec.lower_limit.value} is above upper limit {spec.upper_limit.value}",
                path="$.specification.lower_limit",
            )
    if result.verdict in (QualityVerdict.FAIL, QualityVerdict.CONDITIONAL) and not result.nonconformance_code:
        yield r.QUA_NC_CODE.finding(
            f"a {result.verdict.value} result should name a nonconformance code",
            path="$.nonconformance_code",
        )
    yield from _verdict(result)


def _verdict(result: QualityResult) -> Iterator[Finding]:
    spec, measured = result.specification, result.measured_value
    if spec is None or measured is None:
        return
    outside: list[str] = []
    for name, limit, below in (("lower", spec.lower_limit, True), ("upper", spec.upper_limit, False)):
        if limit is None:
            continue
        value = amount_in(measured, limit.unit)
        if value is None:
            yield from not_comparable(measured, limit.unit, "$.measured_value.unit",
                                       f"measured value vs {name} limit")
            return
        if (value < limit.value) if below else (value > limit.value):
            outside.append(f"{name} limit {limit.value} {limit.unit}")
    shown = f"{measured.value} {measured.unit}"
    if outside and result.verdict is QualityVerdict.PASS:
        yield r.QUA_VERDICT.finding(
            f"verdict is pass but measured {shown} is outside the {' and '.join(outside)}",
            path="$.verdict", value=result.verdict.value,
        )
    elif not outside and result.verdict is QualityVerdict.FAIL and (spec.lower_limit or spec.upper_limit):
        yield r.QUA_VERDICT.finding(
            f"verdict is fail but measured {shown} is within the specification limits",
            path="$.verdict", value=result.verdict.value,
        )


_LOCATIONS: dict[TransactionType, tuple[bool | None, bool | None]] = {
    # type: (from_location required?, to_location required?); None = may be either
    TransactionType.GOODS_ISSUE: (True, False),
    TransactionType.GOODS_RECEIPT: (False, True),
    TransactionType.SCRAP: (True, False),
    TransactionType.TRANSFER: (True, True),
    TransactionType.COUNT: (False, True),
}


def inventory_transaction(tx: InventoryTransaction) -> Iterator[Finding]:
    is_reversal = tx.type is TransactionType.REVERSAL
    if is_reversal and not tx.reversal_of:
        yield r.INV_REVERSAL_REF.finding("a reversal must name reversal_of", path="$.reversal_of")
    if not is_reversal and tx.reversal_of:
        yield r.INV_REVERSAL_REF.finding(
            f"only a reversal names reversal_of (type is {tx.type.value})", path="$.reversal_of"
        )
    if tx.reversal_of is not None and tx.reversal_of == tx.id:
        yield r.INV_REVERSAL_REF.finding("a transaction cannot reverse itself", path="$.reversal_of")
    has_from, has_to = tx.from_location is not None, tx.to_location is not None
    expected = _LOCATIONS.get(tx.type)
    if expected is not None:
        need_from, need_to = expected
        if need_from != has_from or need_to != has_to:
            yield r.INV_LOCATIONS.finding(
                f"{tx.type.value} needs "
                + " and ".join(
                    [f"{'a' if need else 'no'} {name}" for name, need in
                     (("from_location", need_from), ("to_location", need_to))]
                ),
                path="$.from_location" if need_from != has_from else "$.to_location",
            )
    elif tx.type is TransactionType.ADJUSTMENT and has_from == has_to:
        yield r.INV_LOCATIONS.finding(
            "an adjustment names exactly one of from_location (decrease) or to_location (increase)",
            path="$.from_location",
        )
    if tx.type is TransactionType.SCRAP and not tx.reason_code:
        yield r.INV_SCRAP_REASON.finding("a scrap transaction needs a reason code", path="$.reason_code")


def operation(op: Operation) -> Iterator[Finding]:
    """Rules of an operation travelling on its own (an extract row, an Event payload)."""
    if op.order is None:
        yield r.OPR_ORDER.finding("an operation travelling on its own must name its order", path="$.order")
    seen: set[str] = set()
    for j, conf in enumerate(op.confirmations):
        if conf.id in seen:
            yield r.ORD_CONFIRMATION_IDS.finding(
                f"confirmation id {conf.id!r} is used twice", path=f"$.confirmations[{j}].id",
                value=conf.id,
            )
        seen.add(conf.id)


def event(evt: Event) -> Iterator[Finding]:
    from canonical.models import SCHEMA_VERSION

    if type(evt.payload).__name__ != evt.payload_type.value:
        yield r.EVT_PAYLOAD.finding(
            f"payload_type is {evt.payload_type.value} but the payload is a {type(evt.payload).__name__}",
            path="$.payload_type",
        )
    if evt.recorded_at < evt.occurred_at:
        yield r.EVT_TIMES.finding("recorded_at is before occurred_at", path="$.recorded_at")
    if evt.schema_version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        yield r.EVT_VERSION.finding(
            f"payload schema {evt.schema_version} is not major version {SCHEMA_VERSION.split('.')[0]}; "
            "migrate it first (canon migrate)",
            path="$.schema_version",
        )
    checker = CHECKS.get(type(evt.payload))
    if checker is not None:
        for finding in checker(evt.payload):
            yield finding.located(path_prefix="$.payload")


CHECKS: dict[type[CanonicalModel], Check] = {
    ProductionOrder: production_order,  # type: ignore[dict-item]
    Material: material,  # type: ignore[dict-item]
    Lot: lot,  # type: ignore[dict-item]
    Resource: resource,  # type: ignore[dict-item]
    QualityResult: quality_result,  # type: ignore[dict-item]
    InventoryTransaction: inventory_transaction,  # type: ignore[dict-item]
    Operation: operation,  # type: ignore[dict-item]
    Event: event,  # type: ignore[dict-item]
    # 1.1.0 (issue 17)
    LaborReport: labor_report,  # type: ignore[dict-item]
    EquipmentStateChange: equipment_state_change,  # type: ignore[dict-item]
    Nonconformance: nonconformance,  # type: ignore[dict-item]
    # each patch class's rules compiled once (they return a list: also an iterator's source)
    **{model: patch_rules(model)
       for name, model in ENTITIES.items() if name.endswith(PATCH_SUFFIX)},
}


def check(obj: CanonicalModel) -> list[Finding]:
    """Every business-rule finding for one parsed record (quantity rules included)."""
    return checks_for(type(obj))(obj)


def _nothing(obj: CanonicalModel) -> list[Finding]:
    return []


@cache
def checks_for(cls: type[CanonicalModel]) -> Callable[[CanonicalModel], list[Finding]]:
    """The business rules of one class composed once (``checks_for(type(obj))(obj)`` is
    :func:`check`), leaving out the quantity walk for a class that holds no quantity: what
    a caller checking many records of one class (the mapping engine) resolves up front."""
    checker = CHECKS.get(cls)
    quantities = holds_quantities(cls)
    walk = quantity_rules(cls)
    if checker is None:
        return quantity_findings if quantities else _nothing
    entity_rules: Check = checker
    if not quantities:
        return lambda obj: list(entity_rules(obj))

    def both(obj: CanonicalModel) -> list[Finding]:
        found = walk(obj, "$")
        found.extend(entity_rules(obj))
        return found

    return both


__all__ = ["check", "checks_for", "quantity_findings", "transition_findings"]
