"""Business rules of single canonical records: what types alone cannot say.

Each check takes a parsed model and returns the list of its findings (a plain function, not a
generator: it runs once per record of a stream and once per message of the mapping engine);
:func:`check` runs every rule that applies to an entity (and, recursively, the quantity rules
on every nested object). The checks never raise on bad data and never stop at the first
finding.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from functools import cache

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
    Quantity,
    Resource,
    ResourceKind,
    Specification,
    TransactionType,
)
from canonical.models.patch import PATCH_SUFFIX
from canonical.report import Finding
from canonical.units.material import material_findings
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

Check = Callable[[CanonicalModel], list[Finding]]


# ----------------------------------------------------------------------------- helpers
def _end_before_start(
    start: datetime | None, end: datetime | None, what: str, path: str, found: list[Finding],
) -> None:
    if start is not None and end is not None and end < start:
        found.append(r.ORD_DATES.finding(
            f"{what} end {end.isoformat()} is before its start {start.isoformat()}", path=path))


# ----------------------------------------------------------------------------- entities
def production_order(order: ProductionOrder) -> list[Finding]:
    found: list[Finding] = []
    _end_before_start(order.scheduled_start, order.scheduled_end, "scheduled", "$.scheduled_end",
                      found)
    _end_before_start(order.actual_start, order.actual_end, "actual", "$.actual_end", found)

    previous: int | None = None
    seen: set[int] = set()
    confirmation_ids: set[str] = set()
    for i, op in enumerate(order.operations):
        if op.sequence in seen:
            found.append(r.ORD_SEQUENCE.finding(
                f"operation sequence {op.sequence} appears more than once",
                path=f"$.operations[{i}].sequence", value=op.sequence,
            ))
        elif previous is not None and op.sequence < previous:
            found.append(r.ORD_SEQUENCE.finding(
                f"operation sequence {op.sequence} follows {previous}; sequences must ascend",
                path=f"$.operations[{i}].sequence", value=op.sequence,
            ))
        seen.add(op.sequence)
        previous = op.sequence
        if op.order is not None and op.order != order.id:
            found.append(r.ORD_OPERATION_ORDER.finding(
                f"operation names order {op.order!r} but is nested in order {order.id!r}",
                path=f"$.operations[{i}].order", value=op.order,
            ))
        for j, conf in enumerate(op.confirmations):
            if conf.id in confirmation_ids:
                found.append(r.ORD_CONFIRMATION_IDS.finding(
                    f"confirmation id {conf.id!r} is used twice",
                    path=f"$.operations[{i}].confirmations[{j}].id", value=conf.id,
                ))
            confirmation_ids.add(conf.id)

    for i, comp in enumerate(order.components):
        if comp.operation_sequence is not None and order.operations and comp.operation_sequence not in seen:
            found.append(r.ORD_COMPONENT_OP.finding(
                f"component {comp.material!r} names operation {comp.operation_sequence}, "
                "which the order does not have",
                path=f"$.components[{i}].operation_sequence", value=comp.operation_sequence,
            ))

    if order.produced_quantity is not None or order.scrapped_quantity is not None:
        _overdelivery(order, found)
    return found


def _overdelivery(order: ProductionOrder, found: list[Finding]) -> None:
    unit = order.ordered_quantity.unit
    produced = amount_in(order.produced_quantity, unit)
    scrapped = amount_in(order.scrapped_quantity, unit)
    if produced is None and order.produced_quantity is not None:
        found.extend(not_comparable(order.produced_quantity, unit, "$.produced_quantity.unit",
                                    "produced quantity vs ordered quantity"))
    if scrapped is None and order.scrapped_quantity is not None:
        found.extend(not_comparable(order.scrapped_quantity, unit, "$.scrapped_quantity.unit",
                                    "scrapped quantity vs ordered quantity"))
    if produced is None or scrapped is None:
        return
    tolerance = order.overdelivery_tolerance or Decimal(0)
    limit = order.ordered_quantity.value * (1 + tolerance / 100)
    total = produced + scrapped
    if total > limit:
        found.append(r.ORD_OVERDELIVERY.finding(
            f"produced {produced} + scrapped {scrapped} = {total} {unit} exceeds ordered "
            f"{order.ordered_quantity.value} {unit} with {tolerance} % tolerance (limit {limit})",
            path="$.produced_quantity",
        ))


def material(mat: Material) -> list[Finding]:
    found = _material_units(mat)
    if not found:  # MAT-001/002 already say what the unit checks would repeat
        found = material_findings(mat)  # a new list: cheap enough to need no cache (issue 20)
    return found


def _material_units(mat: Material) -> list[Finding]:
    # once per material of a stream (issue 20): paths are written only for a finding
    found: list[Finding] = []
    seen: set[str] = set()
    base = mat.base_unit
    for i, alt in enumerate(mat.alternative_units):
        numerator, denominator = alt.numerator, alt.denominator
        if numerator <= 0 or denominator <= 0:
            for name, value in (("numerator", numerator), ("denominator", denominator)):
                if value <= 0:
                    found.append(r.MAT_FACTOR.finding(
                        f"{alt.unit}: {name} must be greater than zero, got {value}",
                        path=f"$.alternative_units[{i}].{name}", value=value,
                    ))
        unit = alt.unit
        if unit == base or unit in seen:
            found.append(r.MAT_DUPLICATE_UNIT.finding(
                f"alternative unit {unit} is the base unit or declared twice",
                path=f"$.alternative_units[{i}].unit", value=unit,
            ))
        seen.add(unit)
    return found


def lot(item: Lot) -> list[Finding]:
    found: list[Finding] = []
    for i, link in enumerate(item.genealogy):
        if link.parent_lot == item.id:
            found.append(r.LOT_SELF.finding(
                f"lot {item.id!r} names itself as a parent", path=f"$.genealogy[{i}].parent_lot",
                value=link.parent_lot,
            ))
    if item.manufactured_on and item.expires_on and item.expires_on < item.manufactured_on:
        found.append(r.LOT_DATES.finding(
            f"expires_on {item.expires_on} is before manufactured_on {item.manufactured_on}",
            path="$.expires_on",
        ))
    if len(set(item.serial_numbers)) != len(item.serial_numbers):
        seen: set[str] = set()
        for i, serial in enumerate(item.serial_numbers):
            if serial in seen:
                found.append(r.LOT_SERIALS.finding(
                    f"serial number {serial!r} appears twice", path=f"$.serial_numbers[{i}]",
                    value=serial,
                ))
            seen.add(serial)
    return found


_SITE = ResourceKind.SITE  # an enum member read from its class costs a descriptor call


def resource(res: Resource) -> list[Finding]:
    found: list[Finding] = []
    if res.parent is not None and res.parent == res.id:
        found.append(r.RES_PARENT.finding(f"resource {res.id!r} is its own parent", path="$.parent"))
    if res.parent is not None and res.kind is _SITE:
        found.append(r.RES_PARENT.finding("a site is the top of the hierarchy and has no parent",
                                          path="$.parent"))
    return found


_PASS, _FAIL = QualityVerdict.PASS, QualityVerdict.FAIL
_NAMES_A_CODE = (QualityVerdict.FAIL, QualityVerdict.CONDITIONAL)  # QUA-003


def quality_result(result: QualityResult) -> list[Finding]:
    found: list[Finding] = []
    spec = result.specification
    if result.order is None:
        if result.lot is None:
            found.append(r.QUA_SUBJECT.finding("a result must reference an order, a lot or both",
                                               path="$"))
        if result.operation is not None:
            found.append(r.QUA_SUBJECT.finding("an operation reference needs its order",
                                               path="$.operation"))
    if spec is not None and spec.lower_limit is not None and spec.upper_limit is not None:
        upper = amount_in(spec.upper_limit, spec.lower_limit.unit)
        if upper is None:
            found.extend(not_comparable(spec.upper_limit, spec.lower_limit.unit,
                                        "$.specification.upper_limit.unit", "specification limits"))
        elif spec.lower_limit.value > upper:
            found.append(r.QUA_LIMITS.finding(
                f"lower limit {spec.lower_limit.value} is above upper limit {spec.upper_limit.value}",
                path="$.specification.lower_limit",
            ))
    verdict = result.verdict
    if verdict in _NAMES_A_CODE and not result.nonconformance_code:
        found.append(r.QUA_NC_CODE.finding(
            f"a {verdict.value} result should name a nonconformance code",
            path="$.nonconformance_code",
        ))
    measured = result.measured_value
    if spec is not None and measured is not None:
        _verdict(verdict, spec, measured, found)
    return found


def _verdict(verdict: QualityVerdict, spec: Specification, measured: Quantity,
             found: list[Finding]) -> None:
    outside: list[str] = []
    for name, limit, below in (("lower", spec.lower_limit, True), ("upper", spec.upper_limit, False)):
        if limit is None:
            continue
        value = amount_in(measured, limit.unit)
        if value is None:
            found.extend(not_comparable(measured, limit.unit, "$.measured_value.unit",
                                        f"measured value vs {name} limit"))
            return
        if (value < limit.value) if below else (value > limit.value):
            outside.append(f"{name} limit {limit.value} {limit.unit}")
    if outside:
        if verdict is _PASS:
            found.append(r.QUA_VERDICT.finding(
                f"verdict is pass but measured {measured.value} {measured.unit} is outside the "
                f"{' and '.join(outside)}",
                path="$.verdict", value=verdict.value,
            ))
    elif verdict is _FAIL and (spec.lower_limit or spec.upper_limit):
        found.append(r.QUA_VERDICT.finding(
            f"verdict is fail but measured {measured.value} {measured.unit} is within the "
            "specification limits",
            path="$.verdict", value=verdict.value,
        ))


_LOCATIONS: dict[TransactionType, tuple[bool | None, bool | None]] = {
    # type: (from_location required?, to_location required?); None = may be either
    TransactionType.GOODS_ISSUE: (True, False),
    TransactionType.GOODS_RECEIPT: (False, True),
    TransactionType.SCRAP: (True, False),
    TransactionType.TRANSFER: (True, True),
    TransactionType.COUNT: (False, True),
}


#: :data:`_LOCATIONS` by the type's text (an enum member's hash is a Python call), and the
#: members the rules name, read once (from the class, each is a descriptor call)
_LOCATIONS_OF = {kind.value: need for kind, need in _LOCATIONS.items()}
_REVERSAL, _ADJUSTMENT, _SCRAP = (
    TransactionType.REVERSAL, TransactionType.ADJUSTMENT, TransactionType.SCRAP)


def inventory_transaction(tx: InventoryTransaction) -> list[Finding]:
    found: list[Finding] = []
    kind = tx.type
    is_reversal = kind is _REVERSAL
    if is_reversal and not tx.reversal_of:
        found.append(r.INV_REVERSAL_REF.finding("a reversal must name reversal_of",
                                                path="$.reversal_of"))
    if not is_reversal and tx.reversal_of:
        found.append(r.INV_REVERSAL_REF.finding(
            f"only a reversal names reversal_of (type is {tx.type.value})", path="$.reversal_of"
        ))
    if tx.reversal_of is not None and tx.reversal_of == tx.id:
        found.append(r.INV_REVERSAL_REF.finding("a transaction cannot reverse itself",
                                                path="$.reversal_of"))
    has_from, has_to = tx.from_location is not None, tx.to_location is not None
    expected = _LOCATIONS_OF.get(kind._value_)
    if expected is not None:
        need_from, need_to = expected
        if need_from != has_from or need_to != has_to:
            found.append(r.INV_LOCATIONS.finding(
                f"{tx.type.value} needs "
                + " and ".join(
                    [f"{'a' if need else 'no'} {name}" for name, need in
                     (("from_location", need_from), ("to_location", need_to))]
                ),
                path="$.from_location" if need_from != has_from else "$.to_location",
            ))
    elif kind is _ADJUSTMENT and has_from == has_to:
        found.append(r.INV_LOCATIONS.finding(
            "an adjustment names exactly one of from_location (decrease) or to_location (increase)",
            path="$.from_location",
        ))
    if kind is _SCRAP and not tx.reason_code:
        found.append(r.INV_SCRAP_REASON.finding("a scrap transaction needs a reason code",
                                                path="$.reason_code"))
    return found


def operation(op: Operation) -> list[Finding]:
    """Rules of an operation travelling on its own (an extract row, an Event payload)."""
    found: list[Finding] = []
    if op.order is None:
        found.append(r.OPR_ORDER.finding("an operation travelling on its own must name its order",
                                         path="$.order"))
    seen: set[str] = set()
    for j, conf in enumerate(op.confirmations):
        if conf.id in seen:
            found.append(r.ORD_CONFIRMATION_IDS.finding(
                f"confirmation id {conf.id!r} is used twice", path=f"$.confirmations[{j}].id",
                value=conf.id,
            ))
        seen.add(conf.id)
    return found


def event(evt: Event) -> list[Finding]:
    from canonical.models import SCHEMA_VERSION

    found: list[Finding] = []
    if type(evt.payload).__name__ != evt.payload_type.value:
        found.append(r.EVT_PAYLOAD.finding(
            f"payload_type is {evt.payload_type.value} but the payload is a {type(evt.payload).__name__}",
            path="$.payload_type",
        ))
    if evt.recorded_at < evt.occurred_at:
        found.append(r.EVT_TIMES.finding("recorded_at is before occurred_at", path="$.recorded_at"))
    if evt.schema_version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        found.append(r.EVT_VERSION.finding(
            f"payload schema {evt.schema_version} is not major version {SCHEMA_VERSION.split('.')[0]}; "
            "migrate it first (canon migrate)",
            path="$.schema_version",
        ))
    checker = CHECKS.get(type(evt.payload))
    if checker is not None:
        found.extend(finding.located(path_prefix="$.payload") for finding in checker(evt.payload))
    return found


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
    # each patch class's rules compiled once
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
        return entity_rules  # a new list per call: the caller may keep or extend it

    def both(obj: CanonicalModel) -> list[Finding]:
        found = walk(obj, "$")
        found.extend(entity_rules(obj))
        return found

    return both


__all__ = ["check", "checks_for", "quantity_findings", "transition_findings"]
