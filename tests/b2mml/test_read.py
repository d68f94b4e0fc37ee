"""Reading every fixture gives exactly the expected canonical records."""

from __future__ import annotations

from typing import Any

import pytest
from xsd import FIXTURES

from canonical.b2mml import read_document

NOT_CARRIED = "B2M-304"  # declared not carried: asserted in test_accounting.py


def q(value: str, unit: str) -> dict[str, str]:
    return {"value": value, "unit": unit}


def records(name: str) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    result = read_document(FIXTURES / name)
    data = result.to_json_dict()["records"]
    assert isinstance(data, dict)
    return data, [f.rule_id for f in result.report if f.rule_id != NOT_CARRIED]


def test_v0401_production_schedule() -> None:
    data, rules = records("V0401/production_schedule.xml")
    assert rules == []
    assert data == {"ProductionOrder": [{
        "id": "US02-7700045", "plant": "US02", "material": "VB-20", "bom_revision": "B",
        "ordered_quantity": q("40", "H87"), "status": "released", "priority": 2,
        "scheduled_start": "2026-03-02T07:00:00-06:00",
        "scheduled_end": "2026-03-03T15:30:00-06:00",
        "operations": [
            {"sequence": 10, "resource": "US02-WC-CAST", "description": "Cast body",
             "status": "released"},
            {"sequence": 20, "resource": "US02-WC-CNC2", "description": "Machine and test",
             "status": "released"},
        ],
        "components": [
            {"material": "PKG-BOX-S", "quantity": q("4", "XBX")},
            {"material": "AL-INGOT", "quantity": q("52.5", "KGM"), "operation_sequence": 10},
        ],
    }]}


def test_v0600_production_schedule_is_lenient_with_ids_and_fractions() -> None:
    data, rules = records("V0600/production_schedule.xml")
    assert rules == ["B2M-112", "B2M-113"]  # trailing space in the id, 7-digit fraction
    order = data["ProductionOrder"][0]
    assert order["id"] == "DE01-1000123"
    assert order["scheduled_start"] == "2026-03-02T06:00:00.123456+01:00"
    assert order["routing_revision"] == "1"
    assert [op["sequence"] for op in order["operations"]] == [10, 20]
    assert [op["status"] for op in order["operations"]] == ["released", "created"]
    assert order["components"] == [
        {"material": "RM-100", "quantity": q("250.000", "KGM"), "operation_sequence": 10}]


def test_v0600_operations_schedule() -> None:
    data, rules = records("V0600/operations_schedule.xml")
    assert rules == []
    assert data == {"ProductionOrder": [{
        "id": "DE01-1000124", "plant": "DE01", "material": "5200",
        "ordered_quantity": q("500", "KGM"), "status": "created", "priority": 10,
        "scheduled_start": "2026-03-02T14:00:00Z",
        "operations": [{"sequence": 10, "resource": "DE01-MIX-01", "description": "Mix batch",
                        "planned_quantity": q("500.0", "KGM"),
                        "setup_duration": q("15", "MIN"), "status": "created"}],
        "components": [{"material": "RES-A", "quantity": q("480.000", "KGM"),
                        "operation_sequence": 10}],
    }]}


def test_v7_operations_schedule_transaction_document() -> None:
    data, rules = records("v7/operations_schedule.xml")
    assert rules == []
    assert data == {"ProductionOrder": [{
        "id": "DE01-1000125", "plant": "DE01", "material": "4711",
        "ordered_quantity": q("250", "H87"), "overdelivery_tolerance": "5",
        "status": "in_progress", "priority": 1,
        "scheduled_start": "2026-03-03T06:00:00+01:00",
        "scheduled_end": "2026-03-03T22:00:00+01:00",
        "operations": [
            {"sequence": 10, "resource": "DE01-WC-TURN1", "description": "Turn housing",
             "status": "completed"},
            {"sequence": 20, "resource": "DE01-WC-ASSY1", "run_duration": q("7.5", "HUR"),
             "status": "interrupted"},
        ],
        "components": [{"material": "RM-100", "quantity": q("625.000", "KGM"),
                        "operation_sequence": 10}],
    }]}


def test_v0401_production_performance() -> None:
    data, rules = records("V0401/production_performance.xml")
    assert rules == []
    posted = "2026-03-02T11:40:00-06:00"
    base = {"plant": "US02", "order": "US02-7700045", "operation": 10, "posted_at": posted}
    assert data == {
        "Operation": [{
            "sequence": 10, "order": "US02-7700045", "resource": "US02-WC-CAST",
            "status": "completed",
            "confirmations": [{"id": "CONF-000981", "yield_quantity": q("38", "H87"),
                               "scrap_quantity": q("2", "H87"), "reason_code": "POROSITY",
                               "confirmed_at": posted}],
        }],
        "InventoryTransaction": [
            # where the goods went: the V0401 Location below the Site
            {"id": "CONF-000981/1", "type": "goods_receipt", "material": "VB-20",
             "lot": "0000451200", "quantity": q("38", "H87"), "to_location": "US02-FG-01",
             **base},
            {"id": "CONF-000981/2", "type": "goods_issue", "material": "AL-INGOT",
             "lot": "AL-2026-0117", "quantity": q("51.800", "KGM"),
             "from_location": "US02-CAST-SUPPLY", **base},
        ],
    }


def test_v0600_production_performance_merges_confirmations_holding() -> None:
    data, rules = records("V0600/production_performance.xml")
    assert rules == []
    (op,) = data["Operation"]
    assert op["status"] == "interrupted"  # V0600 "Holding"
    assert op["confirmations"] == [
        {"id": "C-1000123-0010-1", "yield_quantity": q("60", "H87"),
         "machine_time": q("95", "MIN"), "confirmed_at": "2026-03-02T09:30:00+01:00"},
        {"id": "C-1000123-0010-2", "yield_quantity": q("40", "H87"), "final": True,
         "confirmed_at": "2026-03-02T11:45:00+01:00"},
    ]
    assert data["InventoryTransaction"] == [{
        "id": "C-1000123-0010-2/1", "type": "goods_issue", "plant": "DE01",
        "material": "RM-100", "lot": "0010", "quantity": q("250.000", "KGM"),
        "from_location": "DE01-LAGER-RM", "order": "DE01-1000123", "operation": 10,
        "posted_at": "2026-03-02T11:45:00+01:00",
    }]


def test_v0600_operations_performance_with_locations() -> None:
    data, rules = records("V0600/operations_performance.xml")
    assert rules == []
    assert data["Operation"][0]["confirmations"][0]["yield_quantity"] == q("498.5", "KGM")
    assert data["Operation"][0]["confirmations"][0]["labor_time"] == q("1.25", "HUR")
    receipt, issue = data["InventoryTransaction"]
    assert (receipt["type"], receipt["to_location"], receipt["lot"]) == (
        "goods_receipt", "SL-0001", "B26-0302-01")
    assert (issue["type"], issue["from_location"], issue["quantity"]) == (
        "goods_issue", "SL-LINE1", q("480.000", "KGM"))


def test_v7_operations_performance_held() -> None:
    data, rules = records("v7/operations_performance.xml")
    assert rules == []  # ".5000000": the dropped digits are zeros, nothing is lost
    stamp = "2026-03-03T12:15:30.500000+01:00"
    assert data == {
        "Operation": [{
            "sequence": 20, "order": "DE01-1000125", "resource": "DE01-WC-ASSY1",
            "status": "interrupted",
            "confirmations": [{"id": "C-1000125-0020-1", "yield_quantity": q("120", "H87"),
                               "rework_quantity": q("3", "H87"), "confirmed_at": stamp}],
        }],
        "InventoryTransaction": [{
            "id": "MA-000000000000000001", "type": "goods_receipt", "plant": "DE01",
            "material": "4711", "lot": "0000451300", "quantity": q("120", "H87"),
            "to_location": "SL-0002", "order": "DE01-1000125", "operation": 20,
            "posted_at": stamp,
        }],
    }


def test_v0401_material_information_lot_sublot_test_result() -> None:
    data, rules = records("V0401/material_information.xml")
    assert rules == []
    assert data == {
        "Material": [{"id": "VB-20", "description": "Valve body VB-20", "type": "semi_finished",
                      "base_unit": "H87", "lot_controlled": True, "serial_controlled": False}],
        "Lot": [
            {"id": "0000451200", "material": "VB-20", "plant": "US02",
             "quantity": q("38", "H87"), "status": "pending"},
            {"id": "000000000000451201", "material": "VB-20", "plant": "US02",
             "quantity": q("19", "H87"), "status": "pending",
             "genealogy": [{"parent_lot": "0000451200", "material": "VB-20",
                            "quantity": q("19", "H87")}]},
        ],
        "QualityResult": [{
            "id": "QR-US02-5531", "plant": "US02", "lot": "0000451200",
            "characteristic": "BORE_DIAMETER", "measured_value": q("20.02", "MMT"),
            "verdict": "pass", "inspected_at": "2026-03-02T12:10:00-06:00",
        }],
    }


def test_v0600_material_information_assembly_genealogy() -> None:
    data, rules = records("V0600/material_information.xml")
    assert rules == []
    assert data["Material"] == [{"id": "RM-100", "description": "Cast iron blank",
                                 "type": "raw_material", "base_unit": "KGM",
                                 "lot_controlled": True, "serial_controlled": False}]
    assert data["Lot"] == [{
        "id": "B26-0302-01", "material": "5200", "plant": "DE01", "quantity": q("498.5", "KGM"),
        "status": "released", "expires_on": "2027-03-01",
        "genealogy": [{"parent_lot": "RA-77", "material": "RES-A",
                       "quantity": q("480.000", "KGM")}],
    }]
    assert data["QualityResult"] == [{
        "id": "QR-26-0302-7", "plant": "DE01", "lot": "B26-0302-01", "characteristic": "DENSITY",
        "measured_value": q("1120", "KMQ"), "verdict": "pass",
        "inspected_at": "2026-03-02T17:05:00+01:00",
    }]


def test_v7_material_information() -> None:
    data, rules = records("v7/material_information.xml")
    assert rules == []
    assert data["Material"] == [{
        "id": "4711", "description": "Pump housing PH-200", "type": "finished_good",
        "base_unit": "H87", "alternative_units": [{"unit": "XBX", "numerator": "12",
                                                   "denominator": "1"}],
        "lot_controlled": True, "serial_controlled": False, "revision": "C",
    }]
    lot, sublot = data["Lot"]
    assert lot == {
        "id": "0000451300", "material": "4711", "plant": "DE01", "quantity": q("120", "H87"),
        "status": "quarantine", "manufactured_on": "2026-03-03", "order": "DE01-1000125",
        "genealogy": [
            {"parent_lot": "0010", "material": "RM-100", "quantity": q("300.000", "KGM")},
            {"parent_lot": "CAST-2026-0042", "material": "VB-20", "quantity": q("120", "H87")},
        ],
    }
    assert sublot == {
        "id": "003401234567890123", "material": "4711", "plant": "DE01",
        "quantity": q("60", "H87"), "status": "quarantine",
        "genealogy": [{"parent_lot": "0000451300", "material": "4711", "quantity": q("60", "H87")}],
    }


def test_v7_test_result_one_result_per_measurement() -> None:
    data, rules = records("v7/test_result.xml")
    assert rules == ["QUA-003", "QUA-003"]  # canon validate's warning: no nonconformance code
    base = {"plant": "DE01", "lot": "0000451300", "verdict": "fail",
            "inspected_at": "2026-03-03T12:40:00+01:00"}
    assert data == {"QualityResult": [
        {"id": "QR-26-0303-11/PM-1", "characteristic": "DIAMETER",
         "measured_value": q("42.13", "MMT"), **base},
        {"id": "QR-26-0303-11/PM-2", "characteristic": "VISUAL",
         "attribute_result": "scratch on flange", **base},
    ]}


@pytest.mark.parametrize(("name", "assumed", "expected"), [
    ("V0401/equipment.xml", 1, [
        # the area's parent is the site its Location names: a reference outside the document
        {"id": "US02-CAST", "name": "Foundry", "kind": "area", "parent": "US02", "plant": "US02",
         "state": "available"},
        {"id": "US02-WC-CAST", "name": "Die casting cell", "kind": "work_center",
         "parent": "US02-CAST", "plant": "US02", "state": "available"},
    ]),
    ("V0600/equipment.xml", 0, [
        {"id": "DE01-L1", "name": "Pump line 1", "kind": "line", "parent": "DE01",
         "plant": "DE01", "state": "available"},
        {"id": "DE01-WC-TURN1", "name": "Lathe cell 1", "kind": "work_center",
         "parent": "DE01-L1", "plant": "DE01", "state": "maintenance"},
    ]),
    ("v7/equipment.xml", 3, [
        {"id": "DE01", "name": "Plant Hamburg", "kind": "site", "plant": "DE01",
         "state": "available"},
        {"id": "DE01-ASSY", "name": "Assembly area", "kind": "area", "parent": "DE01",
         "plant": "DE01", "state": "available"},
        {"id": "DE01-L1", "name": "Pump line 1", "kind": "line", "parent": "DE01-ASSY",
         "plant": "DE01", "state": "available"},
        {"id": "DE01-WC-ASSY1", "name": "Assembly cell 1", "kind": "work_center",
         "parent": "DE01-L1", "plant": "DE01", "state": "running"},
    ]),
])
def test_equipment_hierarchy(name: str, assumed: int, expected: list[dict[str, str]]) -> None:
    data, rules = records(name)
    assert data == {"Resource": expected}
    assert rules == ["B2M-111"] * assumed  # no state property: warned, imported as available
