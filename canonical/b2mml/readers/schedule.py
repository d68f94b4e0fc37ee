"""Production / operations schedules -> production orders with operations and components.

One ``ProductionRequest`` / ``OperationsRequest`` is one order. Its segment requirements
form a tree: leaf segments are the routing operations (their ID is the operation number,
"0010" is 10), other segments (and a segment whose ID is the order id) are containers. The
produced material requirement (``MaterialUse`` Produced, or ``MaterialProducedRequirement``)
gives the order's material and ordered quantity; consumed requirements are components,
assigned to the operation they sit in.

A segment is identified by its ``ID``, else its ``ProductSegmentID`` / ``ProcessSegmentID``
(``ID`` is optional in V0600). Documents are partial in practice: an operation or component
that cannot be mapped is skipped with a finding (B2M-302) and the rest of the order imports;
only what the order itself needs (id, plant, status, produced material) drops the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from canonical.b2mml import quantities, rules, vocabulary
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.parameters import segment_parameters
from canonical.b2mml.readers.properties import Property
from canonical.b2mml.readers.scope import site_of
from canonical.models import OperationStatus, OrderStatus, ProductionOrder

_SEGMENTS = ("SegmentRequirement", "SegmentRequirementChild")
_SEGMENT_IDS = ("ID", "ProductSegmentID", "ProcessSegmentID")
_ORDER_PARAMETERS = {"bomrevision": "bom_revision", "routingrevision": "routing_revision"}
_OPERATION_QUANTITIES = {"plannedquantity": "planned_quantity",
                         "setupduration": "setup_duration", "runduration": "run_duration"}


@dataclass
class _Order:
    """What is collected while walking one request's segment tree."""

    produced: list[tuple[Node, dict[str, Any] | None, str | None]] = field(default_factory=list)
    operations: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)
    skipped_errors: int = 0


def read(ctx: Context, schedule: Node) -> list[ProductionOrder]:
    plant = site_of(schedule)
    orders: list[ProductionOrder] = []
    for request in schedule.children("ProductionRequest", "OperationsRequest"):
        order = _order(ctx, request, plant)
        if order is not None:
            orders.append(order)
    return orders


def _order(ctx: Context, request: Node, inherited_plant: str | None) -> ProductionOrder | None:
    start = ctx.errors()
    order_id = ctx.ident(request, "ID", what="request ID (the order id)")
    kind = ctx.text(request, "OperationsType")
    if kind is not None and kind != "Production":
        ctx.add(rules.NOT_PRODUCTION, f"OperationsType {kind!r} is not a production order",
                request, value=kind)
        return None
    data: dict[str, Any] = {"id": order_id, "plant": ctx.site(
        request, site_of(request, inherited_plant), "the order's plant")}
    state = request.child("RequestState")
    if state is None:
        default = ctx.defaults.order_status
        data["status"] = ctx.defaulted(request, "RequestState", default and default.value,
                                       "the order status", patchable=True)
    else:
        data["status"] = ctx.word(state, "order_statuses", vocabulary.ORDER_STATE[ctx.version],
                                  [s.value for s in OrderStatus], "RequestState")
    priority = ctx.text(request, "Priority")
    if priority is not None:
        data["priority"] = ctx.integer(request, priority)
    for element, name in (("StartTime", "scheduled_start"), ("EndTime", "scheduled_end")):
        if (stamp := ctx.timestamp(request, element)) is not None:
            data[name] = stamp
    collected = _Order()
    request_state = state.text() if state is not None else None
    for segment in request.children(*_SEGMENTS):
        _walk(ctx, segment, order_id, request_state, None, collected)
    data.update(collected.parameters)
    _produced(ctx, request, collected, data)
    if collected.operations:
        data["operations"] = sorted(collected.operations, key=lambda op: op["sequence"])
    if collected.components:
        data["components"] = collected.components
    if ctx.errors() - collected.skipped_errors > start:
        return None
    return ctx.build(ProductionOrder, data, request)


def _live(ctx: Context, collected: _Order) -> int:
    """Errors so far that count against the order (not those of skipped elements)."""
    return ctx.errors() - collected.skipped_errors


def _skip(ctx: Context, node: Node, start: int, collected: _Order, what: str) -> bool:
    """Whether ``node`` added errors since ``start`` (a :func:`_live` count); if so it is
    skipped with B2M-302 and its errors no longer count against the order."""
    added = _live(ctx, collected) - start
    if added == 0:
        return False
    collected.skipped_errors += added
    ctx.add(rules.SKIPPED, f"{what} skipped (see the findings above); the rest of the order "
            "is imported", node)
    return True


def _produced(ctx: Context, request: Node, collected: _Order, data: dict[str, Any]) -> None:
    if not collected.produced:
        if ctx.partial:
            return  # a partial record leaves the order's material and quantity as they are
        ctx.add(rules.MISSING_FIELD, "no produced material requirement (MaterialUse Produced): "
                "the order's material and quantity", request, suffix="/SegmentRequirement")
        data["material"] = None
        return
    if len(collected.produced) > 1:
        node = collected.produced[1][0]
        ctx.add(rules.AMBIGUOUS, "more than one produced material requirement in one order",
                node)
    _, quantity, material = collected.produced[0]
    data["material"] = material
    data["ordered_quantity"] = quantity


def _walk(ctx: Context, segment: Node, order_id: str | None, request_state: str | None,
          operation: int | None, collected: _Order) -> None:
    children = segment.children(*_SEGMENTS)
    if children:  # a container: order-level parameters, materials, nested segments
        _order_parameters(ctx, segment_parameters(segment), collected)
        _materials(ctx, segment, operation, collected)
        for child in children:
            _walk(ctx, child, order_id, request_state, operation, collected)
        return
    start = _live(ctx, collected)
    seg_id = _segment_id(ctx, segment)
    if seg_id is not None and seg_id == order_id:  # the order's own segment
        _order_parameters(ctx, segment_parameters(segment), collected)
        _materials(ctx, segment, operation, collected)
        return
    sequence = ctx.integer(segment.child(*_SEGMENT_IDS) or segment, seg_id) \
        if seg_id is not None else None
    op = _operation(ctx, segment, sequence or 0, request_state, segment_parameters(segment),
                    collected)
    components = len(collected.components)
    _materials(ctx, segment, sequence, collected)
    if _skip(ctx, segment, start, collected, "operation"):
        del collected.components[components:]
    else:
        collected.operations.append(op)


def _segment_id(ctx: Context, segment: Node) -> str | None:
    for name in _SEGMENT_IDS:
        if segment.child(name) is not None and segment.text_of(name):
            return ctx.ident(segment, name, what="segment ID")
    ctx.add(rules.MISSING_ID, "operation segment has no ID, ProductSegmentID or "
            "ProcessSegmentID (its operation number)", segment, suffix="/ID")
    return None


def _order_parameters(ctx: Context, params: dict[str, Property], collected: _Order) -> None:
    for pkey, field_name in _ORDER_PARAMETERS.items():
        if (prop := params.get(pkey)) is not None:
            collected.parameters[field_name] = prop.text()
    if (prop := params.get("overdeliverytolerance")) is not None and prop.text():
        start = _live(ctx, collected)
        tolerance = ctx.decimal(prop.node, prop.text() or "")
        if not _skip(ctx, prop.node, start, collected, "parameter"):
            collected.parameters["overdelivery_tolerance"] = tolerance


def _operation(ctx: Context, segment: Node, sequence: int, request_state: str | None,
               params: dict[str, Property], collected: _Order) -> dict[str, Any]:
    op: dict[str, Any] = {"sequence": sequence}
    equipment = segment.child("EquipmentRequirement")
    resource = ctx.ident(equipment, "EquipmentID", what="EquipmentID (the operation's resource)") \
        if equipment is not None else None
    if equipment is None:
        ctx.add(rules.MISSING_ID, "operation segment has no EquipmentRequirement/EquipmentID "
                "(its resource)", segment, suffix="/EquipmentRequirement")
    op["resource"] = resource
    if (description := ctx.text(segment, "Description")) is not None:
        op["description"] = description
    allowed = [s.value for s in OperationStatus]
    state = segment.child("SegmentState")
    if state is not None:
        op["status"] = ctx.word(state, "operation_statuses",
                                vocabulary.SEGMENT_STATE[ctx.version], allowed, "SegmentState")
    elif request_state is not None:
        op["status"] = ctx.codes.word("operation_statuses", request_state,
                                      vocabulary.SEGMENT_STATE[ctx.version], allowed,
                                      "RequestState").code
        if op["status"] is None:
            ctx.add(rules.UNMAPPED_STATUS, f"operation has no SegmentState and the request "
                    f"state {request_state!r} means no operation status", segment)
    else:
        default = ctx.defaults.operation_status
        op["status"] = ctx.defaulted(segment, "SegmentState", default and default.value,
                                     "the operation status; the request has no RequestState")
    for pkey, name in _OPERATION_QUANTITIES.items():
        if (prop := params.get(pkey)) is not None and prop.values:
            start = _live(ctx, collected)
            value = ctx.value_quantity(prop.values[0])
            if not _skip(ctx, prop.node, start, collected, "parameter"):
                op[name] = value
    return op


def _materials(ctx: Context, segment: Node, operation: int | None, collected: _Order) -> None:
    for req in segment.children("MaterialRequirement", "MaterialProducedRequirement",
                                "MaterialConsumedRequirement"):
        start = _live(ctx, collected)
        use = {"MaterialProducedRequirement": "Produced",
               "MaterialConsumedRequirement": "Consumed"}.get(req.name) or ctx.text(req, "MaterialUse")
        material = ctx.ident(req, "MaterialDefinitionID")
        qty_node = quantities.select(ctx, req)
        quantity = ctx.quantity(qty_node) if qty_node is not None else None
        if not req.children("Quantity"):
            ctx.add(rules.MISSING_FIELD, "material requirement has no Quantity", req,
                    suffix="/Quantity")
        if use in vocabulary.PRODUCED_USES:
            collected.produced.append((req, quantity, material))
        elif use in vocabulary.CONSUMED_USES:
            if _skip(ctx, req, start, collected, "component (consumed material requirement)"):
                continue
            component: dict[str, Any] = {"material": material, "quantity": quantity}
            if operation is not None:
                component["operation_sequence"] = operation
            collected.components.append(component)
        else:
            ctx.add(rules.IGNORED_USE, f"material requirement with MaterialUse {use!r} is "
                    "neither produced nor consumed; not imported", req, value=use)
