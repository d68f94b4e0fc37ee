"""Production / operations performance -> operations with confirmations, inventory transactions.

Each segment response is one confirmation of one operation of one order: its ID is the
confirmation id, ``SegmentRequirementID`` (v7) or ``ProcessSegmentID`` (V0401, V0600) the
operation number, ``ActualEndTime`` the confirmation time, ``EquipmentActual`` the resource
and ``SegmentState`` the operation's state after it. Quantities and times come from segment
data (``yield_quantity``, ``scrap_quantity``, ``rework_quantity``, ``labor_time``,
``machine_time``, ``reason_code``, ``final``); without ``yield_quantity`` the produced
material actuals are the yield. Every consumed / produced material actual is also an
inventory transaction (goods issue / goods receipt) posted against the order and operation,
and every personnel actual a labour report (:mod:`~canonical.b2mml.readers.personnel`).
Responses of one operation become one :class:`Operation` with its confirmations in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from canonical.b2mml import quantities, rules, vocabulary
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.parameters import segment_data
from canonical.b2mml.readers.personnel import labor_reports
from canonical.b2mml.readers.scope import place_below_site, site_of
from canonical.models import InventoryTransaction, LaborReport, Operation, OperationStatus
from canonical.models.types import format_decimal

_RESPONSES = ("SegmentResponse", "SegmentResponseChild")
_ACTUALS = ("MaterialActual", "MaterialProducedActual", "MaterialConsumedActual")
_QUANTITIES = {"scrapquantity": "scrap_quantity", "reworkquantity": "rework_quantity",
               "labortime": "labor_time", "machinetime": "machine_time"}


@dataclass
class _Op:
    node: Node
    data: dict[str, Any]
    confirmations: list[dict[str, Any]] = field(default_factory=list)
    status: str | None = None
    failed: bool = False


def read(ctx: Context, performance: Node) -> list[Operation | InventoryTransaction | LaborReport]:
    plant = site_of(performance)
    ops: dict[tuple[str, int], _Op] = {}
    transactions: list[InventoryTransaction | LaborReport] = []
    for response in performance.children("ProductionResponse", "OperationsResponse"):
        kind = ctx.text(response, "OperationsType")
        if kind is not None and kind != "Production":
            ctx.add(rules.NOT_PRODUCTION, f"OperationsType {kind!r} is not production", response,
                    value=kind)
            continue
        order = ctx.ident(response, "ProductionRequestID", "OperationsRequestID",
                          what="ProductionRequestID/OperationsRequestID (the order id)")
        response_plant = site_of(response, plant)
        for segment in _segments(response):
            _segment(ctx, segment, order, response_plant, ops, transactions)
    operations: list[Operation | InventoryTransaction | LaborReport] = []
    for op in ops.values():
        if op.failed:
            continue
        op.data["status"] = op.status
        op.data["confirmations"] = op.confirmations
        if op.status is None:
            default = ctx.defaults.operation_status
            op.data["status"] = ctx.defaulted(
                op.node, "SegmentState", default and default.value,
                "the operation's status: none of its responses has a SegmentState")
            if op.data["status"] is None:
                continue
        built = ctx.build(Operation, op.data, op.node)
        if built is not None:
            operations.append(built)
    return operations + list(transactions)


def _segments(node: Node) -> list[Node]:
    found: list[Node] = []
    for child in node.children(*_RESPONSES):
        found.append(child)
        found.extend(_segments(child))
    return found


def _segment(ctx: Context, segment: Node, order: str | None, plant: str | None,
             ops: dict[tuple[str, int], _Op],
             transactions: list[InventoryTransaction | LaborReport]) -> None:
    start = ctx.errors()
    conf_id = ctx.ident(segment, "ID", what="segment response ID (the confirmation id)")
    seq_node = segment.child("SegmentRequirementID", "ProcessSegmentID")
    sequence = ctx.integer(seq_node, seq_node.text()) if seq_node is not None else None
    if seq_node is None:
        ctx.add(rules.MISSING_ID, "segment response names no operation (SegmentRequirementID "
                "or ProcessSegmentID)", segment, suffix="/SegmentRequirementID")
    confirmed_at = ctx.timestamp(segment, "ActualEndTime", required=True)
    equipment = segment.child("EquipmentActual")
    resource = ctx.ident(equipment, "EquipmentID", what="EquipmentID (the resource)") \
        if equipment is not None else None
    state_node = segment.child("SegmentState")
    status = None
    if state_node is not None:
        status = ctx.word(state_node, "operation_statuses",
                          vocabulary.RESPONSE_STATE[ctx.version],
                          [s.value for s in OperationStatus], "SegmentState")
    confirmation = _confirmation(ctx, segment, conf_id, confirmed_at)
    if order is None or sequence is None:
        return
    op = ops.get((order, sequence))
    if op is None:
        if resource is None:
            ctx.add(rules.MISSING_ID, "segment response has no EquipmentActual/EquipmentID (the "
                    "operation's resource)", segment, suffix="/EquipmentActual")
        op = ops[(order, sequence)] = _Op(
            segment, {"order": order, "sequence": sequence, "resource": resource})
    elif resource is not None and resource != op.data["resource"]:
        ctx.add(rules.AMBIGUOUS, f"operation {sequence} of order {order} reported at resource "
                f"{resource!r} and {op.data['resource']!r}", segment, value=resource)
    if status is not None:
        op.status = status
    for index, actual in enumerate(segment.children(*_ACTUALS), start=1):
        tx = _transaction(ctx, actual, index, conf_id, order, sequence, plant, confirmed_at)
        if tx is not None:
            transactions.append(tx)
    if ctx.errors() > start:
        op.failed = True
        return
    op.confirmations.append(confirmation)
    transactions.extend(labor_reports(ctx, segment, conf_id, order, sequence, resource, plant))


def _confirmation(ctx: Context, segment: Node, conf_id: str | None,
                  confirmed_at: str | None) -> dict[str, Any]:
    data = segment_data(segment)
    conf: dict[str, Any] = {"id": conf_id, "confirmed_at": confirmed_at}
    yield_prop = data.get("yieldquantity")
    if yield_prop is not None and yield_prop.values:
        conf["yield_quantity"] = ctx.value_quantity(yield_prop.values[0])
    else:
        conf["yield_quantity"] = _produced_yield(ctx, segment)
    for pkey, name in _QUANTITIES.items():
        if (prop := data.get(pkey)) is not None and prop.values:
            conf[name] = ctx.value_quantity(prop.values[0])
    if (prop := data.get("reasoncode")) is not None and prop.text():
        conf["reason_code"] = prop.text()
    if (prop := data.get("final")) is not None and prop.text():
        conf["final"] = ctx.boolean(prop.node, prop.text() or "")
    return conf


def _produced_yield(ctx: Context, segment: Node) -> dict[str, str] | None:
    total: Decimal | None = None
    unit: str | None = None
    for actual in segment.children(*_ACTUALS):
        if _use(ctx, actual) not in vocabulary.PRODUCED_USES:
            continue
        qty_node = quantities.select(ctx, actual, report=False)  # reported by _transaction
        qty = ctx.quantity(qty_node) if qty_node is not None else None
        if qty is None:
            return None
        if unit is not None and qty["unit"] != unit:
            ctx.add(rules.AMBIGUOUS, "produced quantities in different units; report "
                    "yield_quantity as segment data", actual)
            return None
        unit = qty["unit"]
        total = Decimal(qty["value"]) + (total or Decimal(0))
    if total is None or unit is None:
        ctx.add(rules.MISSING_FIELD, "no yield_quantity segment data and no produced material "
                "actual (the confirmation's yield)", segment, suffix="/SegmentData")
        return None
    return {"value": format_decimal(total), "unit": unit}


def _use(ctx: Context, actual: Node) -> str | None:
    fixed = {"MaterialProducedActual": "Produced", "MaterialConsumedActual": "Consumed"}
    return fixed.get(actual.name) or ctx.text(actual, "MaterialUse")


def _location(node: Node | None) -> str | None:
    if node is None:
        return None
    inner = node.text_of("Location")
    return inner or node.text() or None


def _transaction(ctx: Context, actual: Node, index: int, conf_id: str | None, order: str,
                 sequence: int, plant: str | None,
                 posted_at: str | None) -> InventoryTransaction | None:
    use = _use(ctx, actual)
    if use in vocabulary.CONSUMED_USES:
        kind, side = "goods_issue", "from_location"
    elif use in vocabulary.PRODUCED_USES:
        kind, side = "goods_receipt", "to_location"
    else:
        ctx.add(rules.IGNORED_USE, f"material actual with MaterialUse {use!r} is no inventory "
                "movement; not imported", actual, value=use)
        return None
    start = ctx.errors()
    tx_id = ctx.text(actual, "ID") or (f"{conf_id}/{index}" if conf_id else None)
    qty_node = quantities.select(ctx, actual)
    if not actual.children("Quantity"):
        ctx.add(rules.MISSING_FIELD, "material actual has no Quantity", actual, suffix="/Quantity")
    data: dict[str, Any] = {
        "id": tx_id, "type": kind, "order": order, "operation": sequence,
        "plant": ctx.site(actual, site_of(actual, plant), "the plant of the movement"),
        "material": ctx.ident(actual, "MaterialDefinitionID"),
        "quantity": ctx.quantity(qty_node) if qty_node is not None else None,
        "posted_at": posted_at,
    }
    lot = ctx.text(actual, "MaterialLotID") or ctx.text(actual, "MaterialSubLotID")
    if lot is not None:
        data["lot"] = lot
    where = _location(actual.child("StorageLocation")) or place_below_site(actual)
    if where is None:
        element = "StorageLocation" if actual.name == "MaterialActual" else "Location"
        where = ctx.defaulted(actual, element, ctx.defaults.storage_location,
                              f"where the {kind.replace('_', ' ')} moves goods",
                              key="storage_location")
    if where is not None:
        data[side] = where
    if ctx.errors() > start:
        return None
    return ctx.build(InventoryTransaction, data, actual)
