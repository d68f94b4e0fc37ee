"""Production orders -> v7 ``OperationsSchedule`` (OperationsType Production).

One ``OperationsRequest`` per order holds one segment requirement for the whole order
(ID = order id: produced material, unassigned components, revisions, tolerance) with one
``SegmentRequirementChild`` per operation (ID = sequence, resource as equipment
requirement, components consumed there, planned quantity and durations as parameters).
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import vocabulary
from canonical.b2mml.writer.xml import el, named, opt, quantity, quantity_value, site, stamp, value
from canonical.models import ComponentRequirement, Operation, ProductionOrder
from canonical.models.types import format_decimal

ORDER_WORD = vocabulary.inverse(vocabulary.ORDER_STATE_V7)
SEGMENT_WORD = vocabulary.inverse(vocabulary.SEGMENT_STATE_V7)
CARRIED = frozenset({
    "id", "plant", "material", "ordered_quantity", "status", "priority", "scheduled_start",
    "scheduled_end", "bom_revision", "routing_revision", "overdelivery_tolerance",
    "operations", "components",
})
OPERATION_CARRIED = frozenset({"sequence", "resource", "description", "status",
                               "planned_quantity", "setup_duration", "run_duration"})
COMPONENT_CARRIED = frozenset({"material", "quantity", "operation_sequence"})


def document(orders: list[ProductionOrder], doc_id: str) -> etree._Element:
    return el("OperationsSchedule", el("ID", text=doc_id),
              el("OperationsType", text="Production"), *[_request(o) for o in orders])


def _request(order: ProductionOrder) -> etree._Element:
    params = [named("SegmentParameter", name, value(text))
              for name, text in (("bom_revision", order.bom_revision),
                                 ("routing_revision", order.routing_revision)) if text is not None]
    if order.overdelivery_tolerance is not None:
        params.append(named("SegmentParameter", "overdelivery_tolerance",
                            value(format_decimal(order.overdelivery_tolerance),
                                  data_type="Numeric")))
    unassigned = [c for c in order.components or [] if c.operation_sequence is None]
    segment = el(
        "SegmentRequirement", el("ID", text=order.id), el("ProcessSegmentID", text=order.id),
        el("OperationsDefinitionID", text=order.material), el("OperationsSegmentID", text=order.id),
        *params,
        el("MaterialRequirement", el("ID", text="produced"),
           el("MaterialDefinitionID", text=order.material), el("MaterialUse", text="Produced"),
           quantity("Quantity", order.ordered_quantity)),
        *[_component(c, n) for n, c in enumerate(unassigned, start=1)],
        *[_operation(order, op) for op in order.operations or []],
    )
    return el(
        "OperationsRequest", el("ID", text=order.id),
        opt("StartTime", stamp(order.scheduled_start) if order.scheduled_start else None),
        opt("EndTime", stamp(order.scheduled_end) if order.scheduled_end else None),
        site(order.plant), el("OperationsType", text="Production"),
        opt("Priority", None if order.priority is None else str(order.priority)),
        el("RequestState", text=ORDER_WORD[order.status.value]), segment,
    )


def _operation(order: ProductionOrder, op: Operation) -> etree._Element:
    seq = str(op.sequence)
    params = [named("SegmentParameter", name, quantity_value(q))
              for name, q in (("planned_quantity", op.planned_quantity),
                              ("setup_duration", op.setup_duration),
                              ("run_duration", op.run_duration)) if q is not None]
    components = [c for c in order.components or [] if c.operation_sequence == op.sequence]
    return el(
        "SegmentRequirementChild", el("ID", text=seq), opt("Description", op.description),
        el("ProcessSegmentID", text=seq), el("OperationsDefinitionID", text=order.material),
        el("OperationsSegmentID", text=seq),
        el("SegmentState", text=SEGMENT_WORD[op.status.value]), *params,
        el("EquipmentRequirement", el("ID", text=op.resource), el("EquipmentID", text=op.resource)),
        *[_component(c, n) for n, c in enumerate(components, start=1)],
    )


def _component(component: ComponentRequirement, n: int) -> etree._Element:
    return el("MaterialRequirement", el("ID", text=f"component-{n}"),
              el("MaterialDefinitionID", text=component.material),
              el("MaterialUse", text="Consumed"), quantity("Quantity", component.quantity))
