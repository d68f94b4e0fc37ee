"""The v7 writer: every document validates against the XSDs; canonical -> v7 -> canonical is identity."""

from __future__ import annotations

import json
from typing import Any

import pytest
import xsd
from xsd import FIXTURES

from canonical.b2mml import read_document
from canonical.b2mml.writer import write_document
from canonical.errors import B2MMLError
from canonical.models import ENTITIES, CanonicalModel, Lot, Operation, ProductionOrder

ROOT = FIXTURES.parents[2]


def examples(name: str, entity: str) -> list[CanonicalModel]:
    data = json.loads((ROOT / "examples" / "records" / f"{name}.json").read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else [data]
    return [ENTITIES[entity].model_validate(item) for item in items]


def fixture_records(name: str, entity: str) -> list[CanonicalModel]:
    return read_document(FIXTURES / name).of(entity)


ORDERS = [r for n in ("V0401/production_schedule.xml", "V0600/production_schedule.xml",
                      "V0600/operations_schedule.xml", "v7/operations_schedule.xml")
          for r in fixture_records(n, "ProductionOrder")]
OPERATIONS = [r for n in ("V0401/production_performance.xml", "V0600/production_performance.xml",
                          "v7/operations_performance.xml")
              for r in fixture_records(n, "Operation")]
LOTS = [r for n in ("V0401/material_information.xml", "v7/material_information.xml",
                    "V0600/material_information.xml") for r in fixture_records(n, "Lot")]


def carried(record: dict[str, Any], entity: str) -> dict[str, Any]:
    """The fields B2MML carries (documented in docs/reference/b2mml.md)."""
    if entity == "ProductionOrder":
        keep = {k: v for k, v in record.items() if k not in {
            "produced_quantity", "scrapped_quantity", "actual_start", "actual_end",
            "external_references"}}
        keep["operations"] = [{k: v for k, v in op.items() if k not in {"confirmations", "order"}}
                              for op in record.get("operations", [])]
        comps = [{k: v for k, v in c.items() if k not in {"issued_quantity", "backflush"}}
                 for c in record.get("components", [])]
        keep["components"] = sorted(comps, key=lambda c: c.get("operation_sequence", 0))
        return {k: v for k, v in keep.items() if v != []}
    if entity == "Operation":
        return {k: v for k, v in record.items() if k in {"order", "sequence", "resource",
                                                          "status", "confirmations"}}
    return record


@pytest.mark.parametrize(("entity", "records"), [
    ("ProductionOrder", ORDERS + examples("production_order", "ProductionOrder")),
    ("Operation", OPERATIONS),
    ("Lot", LOTS + examples("lot", "Lot")),
])
def test_written_documents_validate_and_round_trip(entity: str,
                                                   records: list[CanonicalModel]) -> None:
    written = write_document(records, entity)
    assert xsd.errors(written.xml) == []
    assert written.report.errors == ()
    back = read_document(written.xml)
    assert back.report.errors == ()
    assert [carried(r.to_json_dict(), entity) for r in back.of(entity)] == [
        carried(r.to_json_dict(), entity) for r in records]


def test_example_operations_round_trip_their_confirmations() -> None:
    ops = [op for op in examples("operation", "Operation")
           if isinstance(op, Operation) and op.order and op.confirmations]
    assert ops, "the shipped examples include an operation with confirmations"
    written = write_document(ops, "Operation")
    assert xsd.errors(written.xml) == []
    back = read_document(written.xml).of("Operation")
    assert [carried(b.to_json_dict(), "Operation") for b in back] == [
        carried(op.to_json_dict(), "Operation") for op in ops]


def test_fields_b2mml_cannot_carry_are_reported_not_silently_dropped() -> None:
    order = ORDERS[0]
    assert isinstance(order, ProductionOrder)
    richer = order.model_copy(update={"actual_start": order.scheduled_start})
    report = write_document([richer], "ProductionOrder").report
    assert [(f.rule_id, f.path) for f in report] == [("B2M-203", "$.actual_start")]


def test_operation_without_order_or_confirmations_is_not_written() -> None:
    op = OPERATIONS[0]
    assert isinstance(op, Operation)
    report = write_document([op.model_copy(update={"confirmations": []})], "Operation").report
    assert report.rule_ids() == ["B2M-201"]


def test_lot_status_and_disposition_are_written() -> None:
    lot = LOTS[0]
    assert isinstance(lot, Lot)
    xml = write_document([lot], "Lot").xml
    assert b"<Status>pending</Status>" in xml


@pytest.mark.parametrize(("entity", "version"),
                         [("Material", "v7"), ("Operation", "V0600"), ("Lot", "V0300")])
def test_unsupported_exports_are_refused(entity: str, version: str) -> None:
    with pytest.raises(B2MMLError) as info:
        write_document([], entity, version=version)
    assert info.value.rule_id == "B2M-202"
