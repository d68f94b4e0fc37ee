"""Extracts that break each rule family: the rule id and the number of failing rows."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from canonical.report import Severity
from canonical.validation.batch import check_extract, run_suite
from canonical.validation.batch.result import BatchResult

from .conftest import as_text, examples


def _failing(result: BatchResult) -> dict[tuple[str, str], int]:
    return {(o.rule_id, o.column): o.failing for o in result.failures}


def _broken(entity: str, changes: dict[int, dict[str, Any]]) -> pd.DataFrame:
    rows = examples(entity)
    for index, change in changes.items():
        rows[index].update(change)
    return as_text(rows)


@pytest.mark.parametrize("entity", ["InventoryTransaction", "Lot", "Material", "Operation",
                                    "ProductionOrder", "QualityResult", "Resource",
                                    "LaborReport", "EquipmentStateChange", "Nonconformance"])
def test_example_records_as_extracts_pass(entity: str) -> None:
    report = run_suite(as_text(examples(entity)), entity)
    assert report.ok, [f.render() for f in report]


# (entity, changed cells per row, expected rule, column) - the count is the rows changed
FAMILIES = [
    ("InventoryTransaction", {"material": None}, "SCH-001", "material"),
    ("InventoryTransaction", {"type": "theft"}, "SCH-006", "type"),
    ("InventoryTransaction", {"lot": " 0001"}, "SCH-004", "lot"),
    ("InventoryTransaction", {"posted_at": "2026-03-02T06:20:00"}, "SCH-005", "posted_at"),
    ("InventoryTransaction", {"posted_at": "02.03.2026 06:20"}, "SCH-005", "posted_at"),
    ("InventoryTransaction", {"quantity_value": "1.234,5"}, "SCH-007", "quantity_value"),
    ("InventoryTransaction", {"quantity_value": "-3"}, "QTY-001", "quantity_value"),
    ("InventoryTransaction", {"quantity_unit": "KG"}, "QTY-003", "quantity_unit"),
    ("InventoryTransaction", {"operation": 0}, "SCH-008", "operation"),
    ("InventoryTransaction", {"operation": "ten"}, "SCH-002", "operation"),
    ("Operation", {"setup_duration_unit": "KGM"}, "QTY-002", "setup_duration_unit"),
    ("Lot", {"manufactured_on": "2026-13-01"}, "SCH-005", "manufactured_on"),
    ("Material", {"base_unit": "PCS"}, "QTY-003", "base_unit"),
    ("Material", {"lot_controlled": "yes"}, "SCH-002", "lot_controlled"),
    ("Resource", {"kind": "robot"}, "SCH-006", "kind"),
    ("QualityResult", {"sample_size": 0}, "SCH-008", "sample_size"),
    ("LaborReport", {"activity": "coffee"}, "SCH-006", "activity"),
    ("LaborReport", {"duration_unit": "KGM"}, "QTY-002", "duration_unit"),
    ("EquipmentStateChange", {"start": "02/03/2026 06:00"}, "SCH-005", "start"),
    ("Nonconformance", {"quantity_value": "-14"}, "QTY-001", "quantity_value"),
    ("Nonconformance", {"severity": "catastrophic"}, "SCH-006", "severity"),
]


@pytest.mark.parametrize(("entity", "change", "rule_id", "column"), FAMILIES)
def test_each_rule_family(entity: str, change: dict[str, Any], rule_id: str, column: str) -> None:
    rows = examples(entity)
    changed = {0: change} if len(rows) == 1 else {0: change, len(rows) - 1: change}
    result = check_extract(_broken(entity, changed), entity)
    assert _failing(result).get((rule_id, column)) == len(changed)
    assert rule_id in result.to_report().rule_ids()
    outcome = next(o for o in result.failures if o.rule_id == rule_id)
    assert outcome.percent == pytest.approx(100 * len(changed) / len(rows))


def test_duplicate_transaction_ids_are_inv_004_and_duplicate_ids_id_001() -> None:
    tx = examples("InventoryTransaction")
    tx[1]["id"] = tx[0]["id"]
    assert _failing(check_extract(as_text(tx), "InventoryTransaction"))[("INV-004", "id")] == 2
    lots = examples("Lot")
    lots[2]["id"] = lots[0]["id"]
    assert _failing(check_extract(as_text(lots), "Lot"))[("ID-001", "id")] == 2


def test_reversal_must_reference_an_existing_transaction_of_the_same_material() -> None:
    tx = examples("InventoryTransaction")
    reversal = next(i for i, r in enumerate(tx) if r.get("reversal_of"))
    tx.append({**tx[reversal], "id": "RV-2", "reversal_of": "NOT-THERE"})
    tx.append({**tx[reversal], "id": "RV-3", "material": "OTHER"})
    result = check_extract(as_text(tx), "InventoryTransaction")
    assert _failing(result)[("INV-001", "id,material,reversal_of")] == 2


def test_operations_reference_orders_and_sequences_are_unique() -> None:
    order_id = examples("ProductionOrder")[0]["id"]
    ops = [{**op, "order": order_id} for op in examples("Operation")]
    ops.append({**ops[0]})  # same order + sequence
    ops.append({**ops[0], "order": "NO-SUCH-ORDER", "sequence": 990})
    orders = as_text(examples("ProductionOrder"))
    result = check_extract(as_text(ops), "Operation", related={"ProductionOrder": orders})
    failing = _failing(result)
    assert failing[("ORD-002", "order,sequence")] == 2
    assert failing[("BAT-001", "order")] == 1
    alone = check_extract(as_text(ops), "Operation").to_report()
    skipped = [f for f in alone if f.rule_id == "BAT-004"]
    assert skipped and skipped[0].severity is Severity.INFO


def test_genealogy_references_existing_lots() -> None:
    lots = examples("Lot")
    links = [
        {"lot": lots[2]["id"], "parent_lot": lots[0]["id"], "quantity_value": "5",
         "quantity_unit": "KGM"},
        {"lot": lots[2]["id"], "parent_lot": "GHOST", "quantity_value": "1",
         "quantity_unit": "KGM"},
        {"lot": "ORPHAN", "parent_lot": lots[1]["id"], "quantity_value": "1",
         "quantity_unit": "H87"},
        {"lot": lots[1]["id"], "parent_lot": lots[1]["id"], "quantity_value": "1",
         "quantity_unit": "H87"},
    ]
    result = check_extract(as_text(links), "LotGenealogy", related={"Lot": as_text(lots)})
    failing = _failing(result)
    assert failing[("LOT-005", "parent_lot")] == 1
    assert failing[("BAT-002", "lot")] == 1
    assert failing[("LOT-001", "lot,parent_lot")] == 1
    lot_005 = next(o for o in result.failures if o.rule_id == "LOT-005")
    assert lot_005.level is Severity.WARNING  # same severity as in record validation


def test_overdelivery_per_order_row_and_from_goods_receipts() -> None:
    order = examples("ProductionOrder")[0]
    ordered = order["ordered_quantity_value"]
    unit = order["ordered_quantity_unit"]
    over = {**order, "id": "OVER", "produced_quantity_value": str(int(float(ordered)) * 2),
            "produced_quantity_unit": unit, "overdelivery_tolerance": "10"}
    within = {**order, "id": "WITHIN", "produced_quantity_value": ordered,
              "produced_quantity_unit": unit, "scrapped_quantity_value": None,
              "overdelivery_tolerance": "10"}
    orders = as_text([over, within])
    result = check_extract(orders, "ProductionOrder")
    assert _failing(result).get(("ORD-003", "ordered_quantity_value,ordered_quantity_unit,"
                                 "produced_quantity_value,produced_quantity_unit,"
                                 "scrapped_quantity_value,scrapped_quantity_unit,"
                                 "overdelivery_tolerance")) == 1
    base = examples("InventoryTransaction")[1]
    receipts = [
        {**base, "id": f"GR-{i}", "type": "goods_receipt", "order": oid,
         "quantity_value": ordered, "quantity_unit": unit}
        for i, oid in enumerate(["OVER", "OVER", "WITHIN"])
    ]
    result = check_extract(as_text(receipts), "InventoryTransaction",
                           related={"ProductionOrder": orders})
    assert _failing(result)[("BAT-003", "order,type,quantity_value,quantity_unit")] == 2


def test_sample_and_percent_are_in_the_message() -> None:
    tx = examples("InventoryTransaction")
    tx[0]["quantity_unit"] = "KG"
    finding = next(f for f in run_suite(as_text(tx), "InventoryTransaction")
                   if f.rule_id == "QTY-003")
    assert finding.path == "quantity_unit"
    assert "1 of 7 rows" in finding.message and "'KG'" in finding.message
    assert finding.value == "'KG'"
