"""B2MML personnel actuals in operations performance -> LaborReport (schema 1.1.0)."""

from __future__ import annotations

from typing import Any

from xsd import FIXTURES

from canonical.b2mml import read_document

PERSON = """
      <PersonnelActual>
        <ID>PA-7</ID>
        <PersonID>00004417</PersonID>
        <Quantity><QuantityString>8130.5</QuantityString><UnitOfMeasure>SEC</UnitOfMeasure></Quantity>
        <PersonnelActualProperty>
          <ID>Activity</ID>
          <Value><ValueString>run</ValueString></Value>
        </PersonnelActualProperty>
      </PersonnelActual>"""
CREW = """
      <PersonnelActual>
        <ID>PA-8</ID>
        <PersonnelClassID>DE01-LP-ASSY</PersonnelClassID>
        <PersonnelActualProperty>
          <ID>activity</ID>
          <Value><ValueString>setup</ValueString></Value>
        </PersonnelActualProperty>
      </PersonnelActual>"""
NO_ACTIVITY = """
      <PersonnelActual>
        <ID>PA-9</ID>
        <PersonID>00004418</PersonID>
      </PersonnelActual>"""


def _read(*actuals: str) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    text = (FIXTURES / "v7" / "operations_performance.xml").read_text(encoding="utf-8")
    text = text.replace("      <EquipmentActual>", "".join(actuals) + "\n      <EquipmentActual>",
                        1)
    result = read_document(text.encode("utf-8"), name="performance-with-people.xml")
    data = result.to_json_dict()["records"]
    assert isinstance(data, dict)
    return data, [f.rule_id for f in result.report if f.rule_id != "B2M-304"]  # see test_accounting


def test_personnel_actuals_become_labour_reports_of_the_segment() -> None:
    data, rules = _read(PERSON, CREW)
    assert rules == []
    common = {"plant": "DE01", "order": "DE01-1000125", "operation": 20,
              "resource": "DE01-WC-ASSY1", "start": "2026-03-03T10:00:00+01:00",
              "end": "2026-03-03T12:15:30.500000+01:00",
              "reported_at": "2026-03-03T12:15:30.500000+01:00"}
    assert data["LaborReport"] == [
        {"id": "PA-7", **common, "person": "00004417", "activity": "run",
         "duration": {"value": "8130.5", "unit": "SEC"}},  # the segment's span (LAB-003)
        {"id": "PA-8", **common, "crew": "DE01-LP-ASSY", "activity": "setup"},
    ]
    assert len(data["Operation"]) == 1 and len(data["InventoryTransaction"]) == 1


def test_personnel_actual_without_activity_is_reported_not_guessed() -> None:
    data, rules = _read(NO_ACTIVITY)
    assert "LaborReport" not in data
    assert rules == ["B2M-107"]  # the activity is missing: nothing is guessed
