"""Operations with confirmations -> v7 ``OperationsPerformance``.

One ``OperationsResponse`` per order, one ``SegmentResponse`` per confirmation (ID =
confirmation id, ``ActualEndTime`` = confirmed_at, ``SegmentRequirementID`` = operation
sequence, ``EquipmentActual`` = resource, quantities, times, reason and final flag as
``SegmentData``). The operation's status is the ``SegmentState`` of its last confirmation.
"""

from __future__ import annotations

from types import MappingProxyType

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import vocabulary
from canonical.b2mml.specload import standard
from canonical.b2mml.writer.xml import el, named, quantity_value, stamp, value
from canonical.models import Operation, OperationConfirmation

CARRIED = frozenset({"order", "sequence", "resource", "status", "confirmations"})
_QUANTITIES = ("yield_quantity", "scrap_quantity", "rework_quantity", "labor_time",
               "machine_time")


def response_words() -> dict[str, str]:
    """Operation status -> the first v7 ``SegmentState`` word the performance spec reads as it
    (so reading what is written gives the same status)."""
    spec = standard("v7", "performance").spec
    record = spec.record("operation") if spec is not None else None
    status = record.field("status") if record is not None else None
    return vocabulary.inverse(MappingProxyType(dict(status.words))) if status else {}


def document(operations: list[Operation], doc_id: str) -> etree._Element:
    by_order: dict[str, list[Operation]] = {}
    for op in operations:
        by_order.setdefault(op.order or "", []).append(op)
    return el("OperationsPerformance", el("ID", text=doc_id),
              el("OperationsType", text="Production"),
              *[_response(order, ops) for order, ops in by_order.items()])


def _response(order: str, operations: list[Operation]) -> etree._Element:
    segments: list[etree._Element] = []
    words = response_words()
    for op in operations:
        confirmations = op.confirmations or []
        for n, conf in enumerate(confirmations, start=1):
            state = op.status.value if n == len(confirmations) else None
            segments.append(_segment(op, conf, state, words))
    return el("OperationsResponse", el("ID", text=order), el("OperationsType", text="Production"),
              el("OperationsRequestID", text=order), *segments)


def _segment(op: Operation, conf: OperationConfirmation, state: str | None,
             words: dict[str, str]) -> etree._Element:
    data = [named("SegmentData", name, quantity_value(q)) for name in _QUANTITIES
            if (q := getattr(conf, name)) is not None]
    if conf.reason_code is not None:
        data.append(named("SegmentData", "reason_code", value(conf.reason_code,
                                                               data_type="Code")))
    if conf.final is not None:
        data.append(named("SegmentData", "final", value("true" if conf.final else "false",
                                                         data_type="Indicator")))
    return el(
        "SegmentResponse", el("ID", text=conf.id), el("ActualEndTime", text=stamp(conf.confirmed_at)),
        el("SegmentRequirementID", text=str(op.sequence)),
        None if state is None else el("SegmentState", text=words[state]),
        *data, el("EquipmentActual", el("ID", text=op.resource), el("EquipmentID", text=op.resource)),
    )
