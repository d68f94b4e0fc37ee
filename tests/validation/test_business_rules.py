"""Every business rule of record validation: a valid case without it, an invalid case with it.

Cases are built by deep-copying a shipped example record and changing one thing. Record
rules go through :func:`canonical.validate`; rules across records (duplicates, references,
genealogy cycles) through :func:`canonical.validate_many`.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import canonical
from canonical.report import Report, Severity
from canonical.rules import Rule
from canonical.validation import rules as validation_rules
from canonical.validation.record import transition_findings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "records"


def _load(stem: str) -> Any:
    return json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))


ORDER: dict[str, Any] = _load("production_order")
OPERATION: dict[str, Any] = _load("operation")
MATERIALS: list[dict[str, Any]] = _load("material")
LOTS: list[dict[str, Any]] = _load("lot")
RESOURCES: list[dict[str, Any]] = _load("resource")
RESULTS: list[dict[str, Any]] = _load("quality_result")
TRANSACTIONS: list[dict[str, Any]] = _load("inventory_transaction")
EVENT: dict[str, Any] = _load("event")

Edit = Callable[[Any], None]


def _q(value: str, unit: str) -> dict[str, str]:
    return {"value": value, "unit": unit}


def _none(_: Any) -> None:
    """The unchanged example."""


# =========================================================================== single records
@dataclass(frozen=True)
class Case:
    """One rule, one entity, a base record and an edit; ``path`` is where the finding points."""

    rule: str
    entity: str
    base: dict[str, Any]
    edit: Edit
    path: str | None = None

    def report(self) -> Report:
        data = copy.deepcopy(self.base)
        self.edit(data)
        return canonical.validate(data, entity=self.entity)


def _order(**changes: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d.update(changes)

    return edit


def _without_production(d: dict[str, Any]) -> None:
    d.pop("produced_quantity")
    d.pop("scrapped_quantity")


def _in_kilograms(produced: str, scrapped: str | None = None) -> Edit:
    """Order 1 KGM with produced (and scrapped) in grams: needs exact unit conversion."""

    def edit(d: dict[str, Any]) -> None:
        d["ordered_quantity"] = _q("1", "KGM")
        d.pop("overdelivery_tolerance")
        d["produced_quantity"] = _q(produced, "GRM")
        if scrapped is None:
            d.pop("scrapped_quantity")
        else:
            d["scrapped_quantity"] = _q(scrapped, "GRM")

    return edit


def _op(index: int, **changes: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["operations"][index].update(changes)

    return edit


def _swap_operations(d: dict[str, Any]) -> None:
    ops = d["operations"]
    ops[0], ops[1] = ops[1], ops[0]


def _duplicate_confirmation(d: dict[str, Any]) -> None:
    d["operations"][1]["confirmations"][0]["id"] = d["operations"][0]["confirmations"][0]["id"]


def _second_confirmation(same_id: bool) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        second = copy.deepcopy(d["confirmations"][0])
        second["id"] = second["id"] if same_id else second["id"] + "-2"
        d["confirmations"].append(second)

    return edit


def _component(index: int, **changes: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["components"][index].update(changes)

    return edit


def _alt(index: int, **changes: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["alternative_units"][index].update(changes)

    return edit


def _set(**changes: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        for key, value in changes.items():
            if value is None:
                d.pop(key, None)
            else:
                d[key] = value

    return edit


def _genealogy_parent(parent: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["genealogy"][0]["parent_lot"] = parent

    return edit


def _serials(*serials: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["serial_numbers"] = list(serials)

    return edit


def _spec(**limits: dict[str, str] | None) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        for key, value in limits.items():
            if value is None:
                d["specification"].pop(key, None)
            else:
                d["specification"][key] = value

    return edit


def _measured(value: str, unit: str = "MMT", verdict: str | None = None) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["measured_value"] = _q(value, unit)
        if verdict is not None:
            d["verdict"] = verdict
            if verdict in ("fail", "conditional"):
                d["nonconformance_code"] = "NC-DIM"

    return edit


def _both(*edits: Edit) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        for one in edits:
            one(d)

    return edit


def _payload(**changes: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["payload"].update(changes)

    return edit


def _nested(path: str, value: Any) -> Edit:
    """Set a dotted path ("operations.0.confirmations.0.labor_time")."""

    def edit(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return edit


GOODS_ISSUE, GOODS_RECEIPT, SCRAP, TRANSFER, GI_2, REVERSAL, ADJUSTMENT = TRANSACTIONS
PASS_RESULT, FAIL_RESULT, ATTRIBUTE_RESULT = RESULTS
SITE, AREA = RESOURCES[0], RESOURCES[1]
FINISHED_LOT = LOTS[2]

#: rule id -> (valid cases, invalid cases). Valid cases sit at the rule's boundary.
VALID: list[Case] = [
    # ORD-001: end equal to start is fine
    Case("ORD-001", "ProductionOrder", ORDER, _order(scheduled_end=ORDER["scheduled_start"])),
    Case("ORD-001", "ProductionOrder", ORDER,
         _order(actual_end="2026-03-02T06:12:40+01:00")),
    Case("ORD-001", "ProductionOrder", ORDER,  # same instant, other offset
         _order(scheduled_end="2026-03-02T05:00:00Z")),
    Case("ORD-002", "ProductionOrder", ORDER, _none),
    Case("ORD-002", "ProductionOrder", ORDER, _op(0, order=ORDER["id"])),
    Case("ORD-003", "ProductionOrder", ORDER, _none),
    # 500 ordered + 2.5 % = 512.5: produced 508.5 + scrapped 4 is exactly the limit
    Case("ORD-003", "ProductionOrder", ORDER, _order(produced_quantity=_q("508.5", "H87"))),
    Case("ORD-003", "ProductionOrder", ORDER, _without_production),
    Case("ORD-003", "ProductionOrder", ORDER, _in_kilograms("999", "1")),
    Case("ORD-005", "ProductionOrder", ORDER, _none),
    Case("ORD-006", "ProductionOrder", ORDER, _none),
    Case("ORD-007", "ProductionOrder", ORDER, _op(0, order=ORDER["id"])),
    Case("OPR-001", "Operation", OPERATION, _none),
    Case("ORD-006", "Operation", OPERATION, _second_confirmation(same_id=False)),
    Case("MAT-001", "Material", MATERIALS[0], _alt(0, numerator="0.001", denominator="1000")),
    Case("MAT-002", "Material", MATERIALS[0], _none),
    Case("LOT-001", "Lot", FINISHED_LOT, _none),
    Case("LOT-003", "Lot", LOTS[1], _set(expires_on=LOTS[1]["manufactured_on"])),
    Case("LOT-004", "Lot", FINISHED_LOT, _none),
    Case("RES-001", "Resource", SITE, _none),
    Case("RES-001", "Resource", AREA, _none),
    Case("QUA-001", "QualityResult", PASS_RESULT, _none),
    Case("QUA-001", "QualityResult", FAIL_RESULT, _none),
    Case("QUA-001", "QualityResult", PASS_RESULT, _measured("42.015")),  # limits inclusive
    Case("QUA-001", "QualityResult", PASS_RESULT, _measured("41.985")),
    Case("QUA-001", "QualityResult", PASS_RESULT, _measured("0.042004", "MTR")),
    Case("QUA-001", "QualityResult", PASS_RESULT, _measured("43", verdict="conditional")),
    Case("QUA-002", "QualityResult", PASS_RESULT,  # lower == upper is a point specification
         _both(_spec(lower_limit=_q("42.015", "MMT"), target=None), _measured("42.015"))),
    Case("QUA-002", "QualityResult", PASS_RESULT,
         _spec(lower_limit=_q("4.1985", "CMT"))),
    Case("QUA-003", "QualityResult", FAIL_RESULT, _none),
    Case("QUA-004", "QualityResult", PASS_RESULT, _none),
    Case("QUA-004", "QualityResult", ATTRIBUTE_RESULT, _none),  # lot only
    Case("QUA-004", "QualityResult", PASS_RESULT, _set(lot=None)),  # order only
    Case("INV-002", "InventoryTransaction", REVERSAL, _none),
    Case("INV-002", "InventoryTransaction", GOODS_ISSUE, _none),
    *[Case("INV-003", "InventoryTransaction", tx, _none) for tx in TRANSACTIONS],
    Case("INV-003", "InventoryTransaction", ADJUSTMENT,
         _set(from_location=None, to_location="DE01-SL-0003")),
    Case("INV-003", "InventoryTransaction", GOODS_RECEIPT,
         _set(type="count", order=None, operation=None)),
    Case("INV-005", "InventoryTransaction", SCRAP, _none),
    Case("EVT-001", "Event", EVENT, _none),
    Case("EVT-002", "Event", EVENT, _none),
    Case("EVT-002", "Event", EVENT, _set(recorded_at="2026-03-02T15:30:00Z")),  # same instant
    Case("EVT-003", "Event", EVENT, _set(schema_version="1.7.3")),
    Case("QTY-001", "ProductionOrder", ORDER, _order(scrapped_quantity=_q("0", "H87"))),
    Case("QTY-001", "Lot", FINISHED_LOT, _set(quantity=_q("0.000", "H87"))),
    Case("QTY-002", "ProductionOrder", ORDER,
         _nested("operations.0.confirmations.0.labor_time", _q("18000", "SEC"))),
    Case("QTY-002", "Operation", OPERATION, _set(setup_duration=_q("45", "MIN"))),
    Case("QTY-003", "ProductionOrder", ORDER, _none),
    Case("QTY-003", "Material", MATERIALS[0], _none),  # Rec 21 package codes are canonical
]

INVALID: list[Case] = [
    Case("ORD-001", "ProductionOrder", ORDER,
         _order(scheduled_end="2026-03-02T05:59:59+01:00"), "$.scheduled_end"),
    Case("ORD-001", "ProductionOrder", ORDER,  # earlier instant although the clock reads later
         _order(scheduled_end="2026-03-02T06:30:00+02:00"), "$.scheduled_end"),
    Case("ORD-001", "ProductionOrder", ORDER,
         _order(actual_end="2026-03-02T06:12:39+01:00"), "$.actual_end"),
    Case("ORD-002", "ProductionOrder", ORDER, _op(1, sequence=10), "$.operations[1].sequence"),
    Case("ORD-002", "ProductionOrder", ORDER, _swap_operations, "$.operations[1].sequence"),
    Case("ORD-003", "ProductionOrder", ORDER,
         _order(produced_quantity=_q("508.6", "H87")), "$.produced_quantity"),
    Case("ORD-003", "ProductionOrder", ORDER,
         _set(overdelivery_tolerance=None, produced_quantity=_q("497", "H87")),
         "$.produced_quantity"),
    Case("ORD-003", "ProductionOrder", ORDER, _in_kilograms("999", "1.001"), "$.produced_quantity"),
    Case("ORD-003", "ProductionOrder", ORDER, _in_kilograms("1000.001"), "$.produced_quantity"),
    Case("ORD-005", "ProductionOrder", ORDER,
         _component(0, operation_sequence=15), "$.components[0].operation_sequence"),
    Case("ORD-006", "ProductionOrder", ORDER,
         _duplicate_confirmation, "$.operations[1].confirmations[0].id"),
    Case("ORD-007", "ProductionOrder", ORDER, _op(0, order="DE01-9999999"), "$.operations[0].order"),
    Case("OPR-001", "Operation", OPERATION, _set(order=None), "$.order"),
    Case("ORD-006", "Operation", OPERATION,
         _second_confirmation(same_id=True), "$.confirmations[1].id"),
    Case("MAT-001", "Material", MATERIALS[0],
         _alt(0, numerator="0"), "$.alternative_units[0].numerator"),
    Case("MAT-001", "Material", MATERIALS[0],
         _alt(1, denominator="-1"), "$.alternative_units[1].denominator"),
    Case("MAT-002", "Material", MATERIALS[0], _alt(0, unit="H87"), "$.alternative_units[0].unit"),
    Case("MAT-002", "Material", MATERIALS[0], _alt(1, unit="XBX"), "$.alternative_units[1].unit"),
    Case("LOT-001", "Lot", FINISHED_LOT,
         _genealogy_parent(FINISHED_LOT["id"]), "$.genealogy[0].parent_lot"),
    Case("LOT-003", "Lot", LOTS[1], _set(expires_on="2026-02-01"), "$.expires_on"),
    Case("LOT-004", "Lot", FINISHED_LOT,
         _serials("PH200-26-000101", "PH200-26-000102", "PH200-26-000101"),
         "$.serial_numbers[2]"),
    Case("RES-001", "Resource", AREA, _set(parent=AREA["id"]), "$.parent"),
    Case("RES-001", "Resource", SITE, _set(parent="GROUP"), "$.parent"),
    Case("QUA-001", "QualityResult", PASS_RESULT, _measured("42.016"), "$.verdict"),
    Case("QUA-001", "QualityResult", PASS_RESULT, _measured("41.984"), "$.verdict"),
    Case("QUA-001", "QualityResult", PASS_RESULT, _measured("0.04202", "MTR"), "$.verdict"),
    Case("QUA-001", "QualityResult", FAIL_RESULT, _measured("1.6", "4H"), "$.verdict"),
    Case("QUA-002", "QualityResult", PASS_RESULT,
         _spec(lower_limit=_q("42.016", "MMT"), target=None), "$.specification.lower_limit"),
    Case("QUA-002", "QualityResult", PASS_RESULT,
         _spec(lower_limit=_q("4.2016", "CMT")), "$.specification.lower_limit"),
    Case("QUA-003", "QualityResult", FAIL_RESULT,
         _set(nonconformance_code=None), "$.nonconformance_code"),
    Case("QUA-003", "QualityResult", PASS_RESULT,
         _set(verdict="conditional"), "$.nonconformance_code"),
    Case("QUA-004", "QualityResult", PASS_RESULT, _set(order=None, lot=None), None),
    Case("QUA-004", "QualityResult", PASS_RESULT, _set(order=None), "$.operation"),
    Case("INV-002", "InventoryTransaction", REVERSAL, _set(reversal_of=None), "$.reversal_of"),
    Case("INV-002", "InventoryTransaction", GOODS_ISSUE,
         _set(reversal_of=GI_2["id"]), "$.reversal_of"),
    Case("INV-002", "InventoryTransaction", REVERSAL,
         _set(reversal_of=REVERSAL["id"]), "$.reversal_of"),
    Case("INV-003", "InventoryTransaction", GOODS_ISSUE, _set(to_location="DE01-SL-0100"), None),
    Case("INV-003", "InventoryTransaction", GOODS_ISSUE, _set(from_location=None), None),
    Case("INV-003", "InventoryTransaction", GOODS_RECEIPT, _set(to_location=None), None),
    Case("INV-003", "InventoryTransaction", TRANSFER, _set(to_location=None), None),
    Case("INV-003", "InventoryTransaction", SCRAP, _set(to_location="DE01-SL-9999"), None),
    Case("INV-003", "InventoryTransaction", ADJUSTMENT, _set(to_location="DE01-SL-0004"), None),
    Case("INV-003", "InventoryTransaction", ADJUSTMENT, _set(from_location=None), None),
    Case("INV-003", "InventoryTransaction", GOODS_RECEIPT,
         _set(type="count", from_location="DE01-SL-0001"), None),
    Case("INV-005", "InventoryTransaction", SCRAP, _set(reason_code=None), "$.reason_code"),
    Case("EVT-001", "Event", EVENT, _set(payload_type="Lot"), "$.payload_type"),
    Case("EVT-001", "Event", EVENT,
         _set(payload_type="InventoryTransaction", payload=FINISHED_LOT), "$.payload_type"),
    Case("EVT-002", "Event", EVENT, _set(recorded_at="2026-03-02T15:29:59Z"), "$.recorded_at"),
    Case("EVT-003", "Event", EVENT, _set(schema_version="2.0.0"), "$.schema_version"),
    Case("EVT-003", "Event", EVENT, _set(schema_version="0.9.0"), "$.schema_version"),
    Case("QTY-001", "ProductionOrder", ORDER,
         _order(ordered_quantity=_q("-1", "H87")), "$.ordered_quantity.value"),
    Case("QTY-001", "ProductionOrder", ORDER,
         _nested("operations.0.confirmations.0.scrap_quantity", _q("-2", "H87")),
         "$.operations[0].confirmations[0].scrap_quantity.value"),
    Case("QTY-001", "ProductionOrder", ORDER,
         _nested("components.0.issued_quantity", _q("-0.1", "KGM")),
         "$.components[0].issued_quantity.value"),
    Case("QTY-001", "Lot", FINISHED_LOT,
         _nested("genealogy.1.quantity", _q("-120", "H87")), "$.genealogy[1].quantity.value"),
    Case("QTY-001", "InventoryTransaction", GOODS_ISSUE,
         _set(quantity=_q("-63.000", "KGM")), "$.quantity.value"),
    Case("QTY-001", "Event", EVENT,
         _payload(quantity=_q("-120", "H87")), "$.payload.quantity.value"),
    Case("QTY-002", "ProductionOrder", ORDER,
         _nested("operations.0.confirmations.0.labor_time", _q("5", "KGM")),
         "$.operations[0].confirmations[0].labor_time.unit"),
    Case("QTY-002", "Operation", OPERATION, _set(run_duration=_q("6", "H87")),
         "$.run_duration.unit"),
    Case("QTY-003", "ProductionOrder", ORDER,
         _order(ordered_quantity=_q("500", "ZZZ")), "$.ordered_quantity.unit"),
    Case("QTY-003", "ProductionOrder", ORDER,  # "KG" is the deleted Rec 20 code for keg
         _nested("components.0.quantity", _q("262.5", "KG")), "$.components[0].quantity.unit"),
    Case("QTY-003", "Lot", FINISHED_LOT,
         _set(quantity=_q("120", "PCE")), "$.quantity.unit"),
    Case("QTY-003", "Event", EVENT,
         _payload(quantity=_q("120", "ZZZ")), "$.payload.quantity.unit"),
]


# --------------------------------------------------------------------- 1.1.0 (issue 17)
LABOR: list[dict[str, Any]] = _load("labor_report")
STATES: list[dict[str, Any]] = _load("equipment_state_change")
NCRS: list[dict[str, Any]] = _load("nonconformance")
ORDER_PATCH: dict[str, Any] = _load("production_order_patch")[0]
NCR_PATCH: dict[str, Any] = _load("nonconformance_patch")[0]
LOT_PATCH: dict[str, Any] = _load("lot_patch")[0]
RUN, CREW_SETUP, INDIRECT = LABOR
RUNNING, DOWN, RUNNING_OPEN, MAINTENANCE = STATES
OPEN_NCR, CLOSED_NCR = NCRS

VALID += [
    Case("LAB-001", "LaborReport", RUN, _none),
    Case("LAB-001", "LaborReport", CREW_SETUP, _none),  # a crew with its size
    Case("LAB-002", "LaborReport", CREW_SETUP, _none),  # duration only
    Case("LAB-002", "LaborReport", RUN, _set(duration=None)),  # start and end only
    Case("LAB-003", "LaborReport", RUN, _set(duration=_q("12600", "SEC"))),  # same time, other unit
    Case("LAB-003", "LaborReport", INDIRECT, _none),  # end in another offset, later instant
    Case("LAB-003", "LaborReport", RUN, _set(end=RUN["start"], duration=_q("0", "MIN"))),
    Case("LAB-004", "LaborReport", INDIRECT, _none),
    Case("LAB-004", "LaborReport", CREW_SETUP, _none),
    Case("EQS-001", "EquipmentStateChange", RUNNING, _none),
    Case("EQS-001", "EquipmentStateChange", RUNNING_OPEN, _none),  # still lasting
    Case("EQS-001", "EquipmentStateChange", DOWN, _set(end=DOWN["start"])),
    Case("EQS-002", "EquipmentStateChange", DOWN, _none),
    Case("EQS-002", "EquipmentStateChange", RUNNING, _none),  # running needs no reason
    Case("NCR-002", "Nonconformance", CLOSED_NCR, _none),
    Case("NCR-002", "Nonconformance", OPEN_NCR, _none),  # under review: not decided yet
    Case("NCR-003", "Nonconformance", OPEN_NCR, _none),
    Case("NCR-003", "Nonconformance", CLOSED_NCR, _none),
    Case("NCR-004", "Nonconformance", OPEN_NCR, _set(lots=["0000460001", "0000460002"])),
    Case("NCR-001", "NonconformancePatch", NCR_PATCH, _none),
    Case("NCR-001", "NonconformancePatch", NCR_PATCH,  # reopened for review
         _set(previous_status="dispositioned", status="under_review", disposition=None)),
    Case("ORD-004", "ProductionOrderPatch", ORDER_PATCH, _none),
    Case("PAT-001", "LotPatch", LOT_PATCH, _none),
    Case("PAT-002", "LotPatch", LOT_PATCH, _set(status=None, supplier_lot="S-1")),
    Case("PAT-002", "NonconformancePatch", NCR_PATCH,
         _both(_set(previous_status=None, status=None), _nested("disposition", None))),
    Case("PAT-003", "ProductionOrderPatch", ORDER_PATCH, _none),
]

INVALID += [
    Case("LAB-001", "LaborReport", RUN, _set(crew="DE01-LP-SHIFT-A"), "$.person"),
    Case("LAB-001", "LaborReport", CREW_SETUP, _set(crew=None), "$.person"),
    Case("LAB-001", "LaborReport", RUN, _set(crew_size=2), "$.crew_size"),
    Case("LAB-002", "LaborReport", CREW_SETUP, _set(duration=None), "$.start"),
    Case("LAB-002", "LaborReport", RUN, _set(duration=None, end=None), "$.end"),
    Case("LAB-003", "LaborReport", RUN, _set(end="2026-03-02T06:12:39+01:00", duration=None),
         "$.end"),
    Case("LAB-003", "LaborReport", RUN, _set(duration=_q("211", "MIN")), "$.duration.value"),
    Case("LAB-003", "LaborReport", INDIRECT,  # 5 h 15 min, not 5 h: offsets count
         _set(duration=_q("5", "HUR")), "$.duration.value"),
    Case("LAB-004", "LaborReport", INDIRECT, _set(reason_code=None), "$.reason_code"),
    Case("LAB-004", "LaborReport", RUN, _set(order=None), "$.order"),
    Case("LAB-004", "LaborReport", INDIRECT, _set(operation=10), "$.operation"),
    Case("EQS-001", "EquipmentStateChange", DOWN, _set(end="2026-03-02T09:12:30+01:00"), "$.end"),
    Case("EQS-002", "EquipmentStateChange", DOWN, _set(reason_code=None), "$.reason_code"),
    Case("EQS-002", "EquipmentStateChange", MAINTENANCE, _set(reason_code=None), "$.reason_code"),
    Case("NCR-002", "Nonconformance", CLOSED_NCR, _set(disposition=None), "$.disposition"),
    Case("NCR-002", "Nonconformance", OPEN_NCR, _set(status="dispositioned"), "$.disposition"),
    Case("NCR-003", "Nonconformance", OPEN_NCR, _set(order=None), "$.operation"),
    Case("NCR-004", "Nonconformance", OPEN_NCR, _set(lots=["0000460001", "0000460001"]),
         "$.lots[1]"),
    Case("NCR-004", "Nonconformance", OPEN_NCR,
         _set(quality_results=["QR-1", "QR-2", "QR-1"]), "$.quality_results[2]"),
    Case("NCR-001", "NonconformancePatch", NCR_PATCH, _set(previous_status="open"), "$.status"),
    Case("NCR-001", "NonconformancePatch", NCR_PATCH,
         _set(previous_status="closed", status="open", disposition=None), "$.status"),
    Case("ORD-004", "ProductionOrderPatch", ORDER_PATCH, _set(status="closed"), "$.status"),
    Case("PAT-001", "LotPatch", LOT_PATCH, _set(status=None), "$"),
    Case("PAT-001", "ProductionOrderPatch", ORDER_PATCH, _set(status=None), None),
    Case("PAT-002", "LotPatch", LOT_PATCH, _nested("status", None), "$.status"),
    Case("PAT-002", "NonconformancePatch", NCR_PATCH, _nested("defect_code", None),
         "$.defect_code"),
    Case("PAT-003", "ProductionOrderPatch", ORDER_PATCH, _set(status=None, priority=3),
         "$.previous_status"),
]


def _case_id(case: Case) -> str:
    return f"{case.rule}-{case.entity}"


@pytest.mark.parametrize("case", VALID, ids=_case_id)
def test_valid_case_has_no_finding_of_the_rule(case: Case) -> None:
    report = case.report()
    assert case.rule not in report.rule_ids(), [f.render() for f in report]
    assert report.ok, [f.render() for f in report.errors]


@pytest.mark.parametrize("case", INVALID, ids=_case_id)
def test_invalid_case_reports_the_rule(case: Case) -> None:
    report = case.report()
    hits = [f for f in report if f.rule_id == case.rule]
    assert hits, f"expected {case.rule}; got {[f.render() for f in report]}"
    if case.path is not None:
        assert case.path in {f.path for f in hits}
    # structural problems would hide the business rules: the edit must keep the record well-formed
    assert not [f for f in report if f.rule_id.startswith("SCH-")]


@pytest.mark.parametrize("case", INVALID, ids=_case_id)
def test_invalid_case_reports_the_rule_once(case: Case) -> None:
    """One problem, one finding: a rule does not repeat itself for the same place."""
    report = case.report()
    located = [(f.rule_id, f.path) for f in report if f.rule_id == case.rule]
    assert len(located) == len(set(located)), located


def test_severity_follows_the_declared_rule() -> None:
    report = Case("QUA-003", "QualityResult", FAIL_RESULT, _set(nonconformance_code=None)).report()
    (finding,) = [f for f in report if f.rule_id == "QUA-003"]
    assert finding.severity is Severity.WARNING
    assert report.ok  # warnings alone do not fail a record


def test_event_payload_quantity_finding_is_reported_once() -> None:
    """A payload quantity is checked once, not once per member of the payload union."""
    report = Case("QTY-001", "Event", EVENT, _payload(quantity=_q("-120", "H87"))).report()
    assert report.rule_ids() == ["QTY-001"]


def test_event_payload_rules_are_located_in_the_payload() -> None:
    report = Case("INV-003", "Event", EVENT, _payload(from_location="DE01-SL-0001")).report()
    assert ("INV-003", "$.payload.from_location") in {(f.rule_id, f.path) for f in report}


# =========================================================================== ORD-004 transitions
def _schema_transitions() -> dict[str, set[str]]:
    """Allowed OrderStatus transitions as written in the LinkML source (the single truth)."""
    schema = yaml.safe_load((ROOT / "schemas" / "canonical.yaml").read_text(encoding="utf-8"))
    values = schema["enums"]["OrderStatus"]["permissible_values"]
    return {
        name: set(str(spec["annotations"]["transitions_to"]).split())
        for name, spec in values.items()
    }


STATUSES = sorted(_schema_transitions())


def test_issue_life_cycle_is_allowed() -> None:
    chain = ["created", "released", "in_progress", "completed", "closed"]
    for old, new in itertools.pairwise(chain):
        assert transition_findings(old, new) == []
    assert transition_findings("created", "cancelled") == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("created", "completed"),
        ("created", "in_progress"),
        ("completed", "in_progress"),
        ("closed", "released"),
        ("cancelled", "released"),
        ("closed", "cancelled"),
        ("in_progress", "cancelled"),  # production was reported: no cancel
        ("released", "created"),
    ],
)
def test_forbidden_transition_reports_ord_004(old: str, new: str) -> None:
    findings = transition_findings(old, new)
    assert [f.rule_id for f in findings] == ["ORD-004"]
    assert findings[0].path == "$.status"


@pytest.mark.parametrize("old", STATUSES)
@pytest.mark.parametrize("new", STATUSES)
def test_transitions_follow_the_schema(old: str, new: str) -> None:
    allowed = old == new or new in _schema_transitions()[old]
    rule_ids = [f.rule_id for f in transition_findings(old, new)]
    assert rule_ids == ([] if allowed else ["ORD-004"])


@pytest.mark.parametrize(("old", "new"), [("draft", "released"), ("released", "shipped")])
def test_transition_with_unknown_status_reports_ord_004(old: str, new: str) -> None:
    assert [f.rule_id for f in transition_findings(old, new)] == ["ORD-004"]


# =========================================================================== collections
@dataclass(frozen=True)
class Extract:
    """A list of records validated together; ``record`` is the index the finding names."""

    rule: str
    entity: str
    records: list[dict[str, Any]]
    record: int | None = None
    path: str | None = None
    severity: Severity = Severity.ERROR
    count: int = 1

    def report(self) -> Report:
        return canonical.validate_many(copy.deepcopy(self.records), entity=self.entity)


def _lot(lot_id: str, *parents: str) -> dict[str, Any]:
    lot = copy.deepcopy(FINISHED_LOT)
    lot["id"] = lot_id
    lot["genealogy"] = [
        {"parent_lot": p, "quantity": _q("1", "H87")} for p in parents
    ]
    return lot


def _tx(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    tx = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            tx.pop(key, None)
        else:
            tx[key] = value
    return tx


COLLECTION_VALID: list[Extract] = [
    Extract("LOT-002", "Lot", LOTS),
    Extract("LOT-002", "Lot", [_lot("A"), _lot("B", "A"), _lot("C", "A", "B")]),  # diamond
    Extract("LOT-005", "Lot", LOTS),
    Extract("RES-002", "Resource", RESOURCES),
    Extract("INV-001", "InventoryTransaction", TRANSACTIONS),
    Extract("INV-004", "InventoryTransaction", TRANSACTIONS),
    Extract("ID-001", "Lot", LOTS),
    Extract("ID-001", "Resource", RESOURCES),
    Extract("ID-001", "Lot", [_lot("0010"), _lot("10")]),  # ids are exact strings
]

COLLECTION_INVALID: list[Extract] = [
    Extract("LOT-002", "Lot", [_lot("A", "B"), _lot("B", "A")], path="$.genealogy"),
    Extract("LOT-002", "Lot", [_lot("A", "C"), _lot("B", "A"), _lot("C", "B")],
            path="$.genealogy"),
    Extract("LOT-005", "Lot", [LOTS[2]], record=0, path="$.genealogy[0].parent_lot",
            severity=Severity.WARNING, count=2),
    Extract("LOT-005", "Lot", [LOTS[0], LOTS[2]], record=1, path="$.genealogy[1].parent_lot",
            severity=Severity.WARNING),
    Extract("RES-002", "Resource", RESOURCES[1:], record=0, path="$.parent",
            severity=Severity.WARNING),
    Extract("INV-001", "InventoryTransaction", [REVERSAL], record=0, path="$.reversal_of"),
    Extract("INV-001", "InventoryTransaction",
            [GI_2, _tx(REVERSAL, material="4711", lot=None)], record=1, path="$.material"),
    Extract("INV-004", "InventoryTransaction", [GOODS_ISSUE, _tx(GI_2, id=GOODS_ISSUE["id"])],
            record=1, path="$.id"),
    Extract("ID-001", "Lot", [LOTS[0], LOTS[1], _lot(LOTS[0]["id"])], record=2, path="$.id"),
    Extract("ID-001", "Resource", [*RESOURCES, RESOURCES[3]], record=len(RESOURCES),
            path="$.id"),
]


# --------------------------------------------------------------------- 1.1.0 (issue 17)
def _state(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return _tx(base, **changes)


COLLECTION_VALID += [
    Extract("EQS-003", "EquipmentStateChange", STATES),  # end == next start, other offsets
    Extract("EQS-003", "EquipmentStateChange",  # an open interval lasts until the next change
            [_state(RUNNING, end=None), DOWN, RUNNING_OPEN]),
    Extract("EQS-003", "EquipmentStateChange",  # same times on another resource
            [RUNNING, _state(DOWN, resource="DE01-M-DMG-0418", id="X-1")]),
]

COLLECTION_INVALID += [
    Extract("EQS-003", "EquipmentStateChange",  # down starts one second before running ends
            [RUNNING, _state(DOWN, start="2026-03-02T08:12:30Z")], record=1, path="$.start"),
    Extract("EQS-003", "EquipmentStateChange",  # nested inside a long interval, given first
            [DOWN, _state(RUNNING, end="2026-03-02T12:00:00+01:00")], record=0, path="$.start"),
    Extract("EQS-003", "EquipmentStateChange",  # two changes at the same instant
            [RUNNING_OPEN, _state(DOWN, id="X-2", start="2026-03-02T08:47:00Z", end=None)],
            path="$.start"),
]


# --------------------------------------------------------------------- issue 15 (b2-field)
COLLECTION_VALID += [
    Extract("RES-010", "Resource", RESOURCES),  # site > area > line > work center > machine
    Extract("RES-011", "Resource", RESOURCES),
    Extract("RES-010", "Resource", RESOURCES[4:]),  # parents outside the extract: RES-002
]
COLLECTION_INVALID += [
    # the machine made the parent of its own work center
    Extract("RES-010", "Resource",
            [*RESOURCES[:3], {**RESOURCES[3], "parent": RESOURCES[4]["id"]}, RESOURCES[4]],
            record=3, path="$.parent"),
    # a line of another plant in this plant's area
    Extract("RES-011", "Resource", [*RESOURCES[:2], {**RESOURCES[2], "plant": "CZ03"}],
            record=2, path="$.plant"),
]

def _extract_id(case: Extract) -> str:
    return f"{case.rule}-{case.entity}"


@pytest.mark.parametrize("case", COLLECTION_VALID, ids=_extract_id)
def test_valid_extract_has_no_finding_of_the_rule(case: Extract) -> None:
    report = case.report()
    assert case.rule not in report.rule_ids(), [f.render() for f in report]


@pytest.mark.parametrize("case", COLLECTION_INVALID, ids=_extract_id)
def test_invalid_extract_reports_the_rule(case: Extract) -> None:
    report = case.report()
    hits = [f for f in report if f.rule_id == case.rule]
    assert len(hits) == case.count, [f.render() for f in report]
    assert {f.severity for f in hits} == {case.severity}
    if case.record is not None:
        assert case.record in {f.record for f in hits}
    if case.path is not None:
        assert case.path in {f.path for f in hits}


def test_validate_many_locates_record_findings_by_index() -> None:
    lots = copy.deepcopy(LOTS)
    lots[1]["expires_on"] = "2026-01-01"
    report = canonical.validate_many(lots, entity="Lot")
    assert [(f.rule_id, f.record) for f in report] == [("LOT-003", 1)]


def test_validate_many_keeps_going_after_a_structural_failure() -> None:
    lots = copy.deepcopy(LOTS)
    lots[0]["quantity"]["value"] = 1250.0
    lots[2]["serial_numbers"].append(lots[2]["serial_numbers"][0])
    report = canonical.validate_many(lots, entity="Lot")
    assert {(f.rule_id, f.record) for f in report} >= {("SCH-007", 0), ("LOT-004", 2)}


# =========================================================================== coverage, never stops
RECORD_RULES = {c.rule for c in INVALID} | {"ORD-004", "PAT-004"}  # PAT-004: test_patch.py
COLLECTION_RULES = {c.rule for c in COLLECTION_INVALID}


def test_every_declared_business_rule_has_valid_and_invalid_cases() -> None:
    declared = {
        value.id for value in vars(validation_rules).values()
        if isinstance(value, Rule) and not value.id.startswith("SCH-")
    }
    assert declared <= RECORD_RULES | COLLECTION_RULES, sorted(
        declared - RECORD_RULES - COLLECTION_RULES
    )
    with_valid = ({c.rule for c in VALID} | {c.rule for c in COLLECTION_VALID}
                  | {"ORD-004", "PAT-004"})
    assert declared <= with_valid, sorted(declared - with_valid)


def test_validate_reports_every_business_rule_finding_not_just_the_first() -> None:
    data = copy.deepcopy(ORDER)
    data["scheduled_end"] = "2026-03-01T00:00:00+01:00"  # ORD-001
    data["operations"][1]["sequence"] = 10  # ORD-002
    data["scrapped_quantity"] = _q("-4", "H87")  # QTY-001
    report = canonical.validate(data, entity="ProductionOrder")
    assert {"ORD-001", "ORD-002", "QTY-001"} <= set(report.rule_ids())


def test_validate_reports_every_structural_finding_not_just_the_first() -> None:
    data = copy.deepcopy(ORDER)
    data["colour"] = "red"  # SCH-003
    data["status"] = "done"  # SCH-006
    data["ordered_quantity"]["value"] = 500.0  # SCH-007
    report = canonical.validate(data, entity="ProductionOrder")
    assert {"SCH-003", "SCH-006", "SCH-007"} <= set(report.rule_ids())


# ==================================================================== units that cannot compare
def _error_paths(report: Report) -> set[str]:
    return {f.path for f in report.errors}


def test_overdelivery_in_an_incompatible_unit_is_not_silently_accepted() -> None:
    """9000 KGM produced on a 500 H87 order: ORD-003 cannot compare, so something must say so."""
    report = Case("ORD-003", "ProductionOrder", ORDER,
                  _order(produced_quantity=_q("9000", "KGM"))).report()
    assert any(p.startswith("$.produced_quantity") for p in _error_paths(report)), (
        [f.render() for f in report]
    )
    assert {"ORD-003", "QTY-002"} & set(report.rule_ids())


def test_measured_value_in_an_incompatible_unit_is_not_silently_accepted() -> None:
    """A 99 KGM measurement against millimetre limits cannot be judged pass."""
    report = Case("QUA-001", "QualityResult", PASS_RESULT, _measured("99", "KGM")).report()
    assert not report.ok, [f.render() for f in report]
    assert {"QUA-001", "QTY-002"} & set(report.rule_ids())


def test_specification_limits_in_incompatible_units_are_not_silently_accepted() -> None:
    report = Case("QUA-002", "QualityResult", PASS_RESULT,
                  _spec(upper_limit=_q("1", "KGM"))).report()
    assert any(p.startswith("$.specification") for p in _error_paths(report)), (
        [f.render() for f in report]
    )


# =================================================================== documented, not yet a rule
def test_standalone_operation_names_its_order() -> None:
    """Schema: Operation.order is "required when the operation travels on its own"."""
    report = Case("OPR-001", "Operation", OPERATION, _set(order=None)).report()
    assert "$.order" in _error_paths(report), [f.render() for f in report]
    assert "OPR-001" in report.rule_ids()
