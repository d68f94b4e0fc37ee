"""Performance on B2MML specs (issue 15 item 5): confirmations, goods movements and labour are
read from ``specs/<version>/performance.yaml``; a gateway's variation is a plant override in its
own folder (no Python); the new spec keys (group, case, one_per, sum, numbered, when,
not_with, or_in) are checked with file and line like every spec key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import xsd
from test_specs import plant

from canonical.b2mml import read_document
from canonical.b2mml.specload import check_plant, standard
from canonical.errors import B2MMLError
from canonical.models import Operation

# An Austrian line terminal (V0600 OperationsPerformance): the good quantity travels as segment
# data "Gutmenge", the consumption as MaterialUse "Verbrauch"; two responses confirm one
# operation, the second names two workers in one personnel actual.
PERFORMANCE = b"""<?xml version="1.0" encoding="UTF-8"?>
<OperationsPerformance xmlns="http://www.mesa.org/xml/B2MML-V0600">
  <ID>RM-2026-03-11-0007</ID>
  <HierarchyScope><EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel></HierarchyScope>
  <OperationsType>Production</OperationsType>
  <OperationsResponse>
    <ID>RM-7</ID>
    <OperationsType>Production</OperationsType>
    <OperationsRequestID>000001000777</OperationsRequestID>
    <SegmentResponse>
      <ID>RM-7-1</ID>
      <ProcessSegmentID>0030</ProcessSegmentID>
      <ActualStartTime>2026-03-11T06:00:00+01:00</ActualStartTime>
      <ActualEndTime>2026-03-11T09:00:00+01:00</ActualEndTime>
      <SegmentState>Running</SegmentState>
      <SegmentData>
        <ID>Gutmenge</ID>
        <Value><ValueString>4.8E2</ValueString><DataType>double</DataType><UnitOfMeasure>H87</UnitOfMeasure></Value>
      </SegmentData>
      <EquipmentActual><EquipmentID>DE01-PRESSE-4</EquipmentID></EquipmentActual>
      <MaterialActual>
        <MaterialDefinitionID>RM-100</MaterialDefinitionID>
        <MaterialLotID>0010</MaterialLotID>
        <MaterialUse OtherValue="Verbrauch">Other</MaterialUse>
        <StorageLocation>DE01-LAGER-RM</StorageLocation>
        <Quantity><QuantityString>0.125E3</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure></Quantity>
      </MaterialActual>
    </SegmentResponse>
    <SegmentResponse>
      <ID>RM-7-2</ID>
      <ProcessSegmentID>0030</ProcessSegmentID>
      <ActualStartTime>2026-03-11T09:00:00+01:00</ActualStartTime>
      <ActualEndTime>2026-03-11T10:30:00+01:00</ActualEndTime>
      <SegmentState>Completed</SegmentState>
      <SegmentData>
        <ID>Gutmenge</ID>
        <Value><ValueString>120</ValueString><DataType>double</DataType><UnitOfMeasure>H87</UnitOfMeasure></Value>
      </SegmentData>
      <PersonnelActual>
        <PersonID>00004417</PersonID>
        <PersonID>00004420</PersonID>
        <PersonnelActualProperty><ID>activity</ID><Value><ValueString>run</ValueString></Value></PersonnelActualProperty>
      </PersonnelActual>
      <EquipmentActual><EquipmentID>DE01-PRESSE-4</EquipmentID></EquipmentActual>
    </SegmentResponse>
  </OperationsResponse>
</OperationsPerformance>
"""


def documented_override() -> str:
    """The performance override shown in docs/reference/b2mml.md (the docs example is the test)."""
    page = (xsd.FIXTURES.parents[2] / "docs" / "reference" / "b2mml.md").read_text(
        encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)
                if "family: performance" in b]
    return block


OVERRIDE = documented_override()


def test_the_performance_fixture_is_xsd_valid() -> None:
    assert xsd.errors(PERFORMANCE) == []


def test_without_the_override_the_yield_and_the_use_are_not_guessed() -> None:
    result = read_document(PERFORMANCE)
    assert result.of("Operation") == [] and result.of("InventoryTransaction") == []
    rules = result.report.rule_ids()
    assert "B2M-114" in rules  # Verbrauch is no standard use: not imported
    assert "B2M-107" in rules  # no yield_quantity and no produced actual to sum


def test_a_plant_override_reads_the_gateways_yield_and_use_without_python(
        tmp_path: Path) -> None:
    result = read_document(PERFORMANCE,
                           plant=plant(tmp_path, {"V0600/performance.yaml": OVERRIDE}))
    assert result.report.errors == ()
    (operation,) = result.of("Operation")
    assert isinstance(operation, Operation)
    data = operation.to_json_dict()
    assert (data["sequence"], data["status"]) == (30, "completed")  # the last response's state
    assert [(c["id"], c["yield_quantity"]) for c in data["confirmations"]] == [
        ("RM-7-1", {"value": "480", "unit": "H87"}), ("RM-7-2", {"value": "120", "unit": "H87"})]
    (issue,) = [t.to_json_dict() for t in result.of("InventoryTransaction")]
    assert (issue["id"], issue["type"], issue["from_location"]) == (
        "RM-7-1/1", "goods_issue", "DE01-LAGER-RM")
    assert issue["quantity"] == {"value": "125", "unit": "KGM"}
    reports = [r.to_json_dict() for r in result.of("LaborReport")]
    assert [(r["id"], r["person"]) for r in reports] == [
        ("RM-7-2/P1/00004417", "00004417"), ("RM-7-2/P1/00004420", "00004420")]
    assert all(r["start"] == "2026-03-11T09:00:00+01:00" for r in reports)


def test_the_yield_is_summed_from_produced_actuals_when_no_segment_data_gives_it() -> None:
    text = (xsd.FIXTURES / "v7" / "operations_performance.xml").read_text(encoding="utf-8")
    without = text.replace("<ID>yield_quantity</ID>", "<ID>shift_note</ID>")
    second = re.sub(r"(<MaterialActual>.*?</MaterialActual>)", r"\1\1", without, flags=re.DOTALL)
    (operation,) = read_document(second.encode()).of("Operation")
    (confirmation,) = operation.to_json_dict()["confirmations"]
    assert confirmation["yield_quantity"] == {"value": "240", "unit": "H87"}  # 2 x 120
    mixed = second.replace("<UnitOfMeasure>H87</UnitOfMeasure></Quantity>",
                           "<UnitOfMeasure>KGM</UnitOfMeasure></Quantity>", 1)
    result = read_document(mixed.encode())
    assert result.of("Operation") == []
    assert "B2M-108" in result.report.rule_ids()  # no sum across units


BROKEN = """b2mml_spec: 1
version: V0600
family: performance
records:
  operation:
    group: {by: [order, sequence], collect: confirmations, merge: last}
  movement:
    case: {field: type, by: MaterialUse, values: {goods_issue: [Verbrauch]}, other: ignore}
    fields:
      lot: {any_of: [MaterialLotID], kind: text, when: [goods_issue]}
  labor:
    group: {by: [shift], collect: activity}
    one_per: {path: PersonID, field: worker}
"""


def test_check_names_file_and_line_of_a_broken_performance_override(tmp_path: Path) -> None:
    found = plant(tmp_path, {"V0600/performance.yaml": BROKEN})
    findings = {(f.rule_id, Path(f.file or "").name, f.line) for f in check_plant(found.folder)}
    assert ("B2M-401", "performance.yaml", 6) in findings  # group has no key "merge"
    assert ("B2M-401", "performance.yaml", 8) in findings  # case has no key "other"
    assert ("B2M-401", "performance.yaml", 10) in findings  # when is {field: [values]}
    assert ("B2M-402", "performance.yaml", 12) in findings  # no field shift; activity no list
    assert ("B2M-402", "performance.yaml", 13) in findings  # LaborReport has no worker
    with pytest.raises(B2MMLError):
        read_document(PERFORMANCE, plant=found)


@pytest.mark.parametrize("version", ["V0401", "V0600", "v7"])
def test_each_version_ships_a_performance_spec(version: str) -> None:
    spec = standard(version, "performance").spec
    assert spec is not None
    operation = spec.record("operation")
    assert operation is not None and operation.group is not None
    assert operation.group.by == ("order", "sequence")
    labor = spec.record("labor")
    assert labor is not None and labor.one_per is not None


def test_responses_of_one_operation_anywhere_in_the_document_are_one_operation() -> None:
    text = (xsd.FIXTURES / "V0600" / "production_performance.xml").read_text(encoding="utf-8")
    # the second confirmation arrives in a response of its own, as gateways send them
    split = text.replace("    </SegmentResponse>\n    <SegmentResponse>",
                         "    </SegmentResponse>\n  </ProductionResponse>\n  <ProductionResponse>"
                         "\n    <ID>RESP-1000123-B</ID>\n    <ProductionRequestID>DE01-1000123"
                         "</ProductionRequestID>\n    <SegmentResponse>", 1)
    assert split != text
    (operation,) = read_document(split.encode()).of("Operation")
    data = operation.to_json_dict()
    assert [c["id"] for c in data["confirmations"]] == ["C-1000123-0010-1", "C-1000123-0010-2"]
    assert data["status"] == "interrupted"  # the state after the last response (Holding)


def test_a_bad_movement_drops_its_operation_and_a_bad_response_its_labour() -> None:
    text = (xsd.FIXTURES / "v7" / "operations_performance.xml").read_text(encoding="utf-8")
    person = ("<PersonnelActual><ID>PA-1</ID><PersonID>00004417</PersonID><PersonnelActualProperty>"
              "<ID>activity</ID><Value><ValueString>run</ValueString></Value>"
              "</PersonnelActualProperty></PersonnelActual>")
    with_person = text.replace("      <EquipmentActual>", person + "\n      <EquipmentActual>", 1)
    assert len(read_document(with_person.encode()).of("LaborReport")) == 1
    bad_unit = with_person.replace("<UnitOfMeasure>H87</UnitOfMeasure></Quantity>",
                                   "<UnitOfMeasure>STK</UnitOfMeasure></Quantity>", 1)
    result = read_document(bad_unit.encode())
    # the movement is part of its confirmation (movement: part: true): figures stay whole
    assert result.of("Operation") == [] and result.of("InventoryTransaction") == []
    assert result.of("LaborReport") == []  # labour: clean: true, read only for a clean response
    assert "B2M-105" in result.report.rule_ids()
    assert "B2M-306" not in result.report.rule_ids()  # the response's finding covers it
