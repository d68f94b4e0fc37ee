"""Schedules on B2MML specs (issue 15 item 5): a plant's schedule variation is a spec override
in its own folder, never Python; the segment tree of the spec is checked like any spec key;
the spec that reads an order writes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import xsd
from test_specs import plant

from canonical.b2mml import read_document
from canonical.b2mml.specload import check_plant, standard
from canonical.b2mml.writer import write_document
from canonical.errors import B2MMLError
from canonical.models import ProductionOrder

# A Swiss MES gateway: the planned amount is keyed "Sollmenge" beside a throughput keyed
# "Leistung", and the setup time travels as the segment parameter "Rüstzeit".
SCHEDULE = """<?xml version="1.0" encoding="UTF-8"?>
<OperationsSchedule xmlns="http://www.mesa.org/xml/B2MML-V0600">
  <ID>PLAN-KW11</ID>
  <OperationsType>Production</OperationsType>
  <OperationsRequest>
    <ID>000001000901</ID>
    <HierarchyScope><EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel></HierarchyScope>
    <OperationsType>Production</OperationsType>
    <RequestState>Released</RequestState>
    <SegmentRequirement>
      <ProcessSegmentID>0010</ProcessSegmentID>
      <SegmentParameter>
        <ID>Rüstzeit</ID>
        <Value><ValueString>0.45E2</ValueString><DataType>double</DataType><UnitOfMeasure>MIN</UnitOfMeasure></Value>
      </SegmentParameter>
      <EquipmentRequirement><EquipmentID>DE01-MIX-02</EquipmentID></EquipmentRequirement>
      <MaterialRequirement>
        <MaterialDefinitionID>5210</MaterialDefinitionID>
        <MaterialUse>Produced</MaterialUse>
        <Quantity><QuantityString>1.2E3</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure><Key>Sollmenge</Key></Quantity>
        <Quantity><QuantityString>0.4</QuantityString><UnitOfMeasure>E18</UnitOfMeasure><Key>Leistung</Key></Quantity>
      </MaterialRequirement>
    </SegmentRequirement>
  </OperationsRequest>
</OperationsSchedule>
""".encode()


def documented_override() -> str:
    """The schedule override shown in docs/reference/b2mml.md (the docs example is the test)."""
    page = (xsd.FIXTURES.parents[2] / "docs" / "reference" / "b2mml.md").read_text(
        encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)
                if "family: schedules" in b]
    return block


OVERRIDE = documented_override()


def test_the_schedule_fixture_is_xsd_valid() -> None:
    assert xsd.errors(SCHEDULE) == []


def test_without_the_override_the_keyed_amount_is_ambiguous() -> None:
    result = read_document(SCHEDULE)
    assert result.of("ProductionOrder") == []
    assert "B2M-303" in result.report.rule_ids()  # neither key names an amount: no guess
    assert "B2M-306" in result.report.rule_ids()  # Rüstzeit is mapped to nothing


def test_a_plant_override_reads_its_keyed_amount_and_parameter_without_python(
        tmp_path: Path) -> None:
    result = read_document(SCHEDULE, plant=plant(tmp_path, {"V0600/schedules.yaml": OVERRIDE}))
    assert result.report.errors == ()
    (order,) = result.of("ProductionOrder")
    assert isinstance(order, ProductionOrder)
    assert order.to_json_dict()["ordered_quantity"] == {"value": "1200", "unit": "KGM"}
    (operation,) = order.operations or []
    assert operation.to_json_dict()["setup_duration"] == {"value": "45", "unit": "MIN"}
    # the throughput is reported as not carried, with its path
    (rate,) = [f.path for f in result.report if f.rule_id == "B2M-304"
               and (f.path or "").endswith("/Quantity[2]")]
    assert rate is not None
    # the override changed only what it names: the standard spec is untouched
    assert read_document(SCHEDULE).of("ProductionOrder") == []


BROKEN = """b2mml_spec: 1
version: V0600
family: schedules
records:
  order:
    segments:
      operation:
        fields: {}
      operations:
        fields:
          run_time: {property: Laufzeit, kind: quantity}
          setup_duration: {path: Ruestzeit, kind: quantity}
"""


def test_check_names_file_and_line_of_a_broken_schedule_override(tmp_path: Path) -> None:
    found = plant(tmp_path, {"V0600/schedules.yaml": BROKEN})
    findings = {(f.rule_id, Path(f.file or "").name, f.line) for f in check_plant(found.folder)}
    assert ("B2M-401", "schedules.yaml", 7) in findings  # "operation" is no segments key
    assert ("B2M-402", "schedules.yaml", 11) in findings  # Operation has no field run_time
    assert ("B2M-404", "schedules.yaml", 12) in findings  # V0600 defines no <Ruestzeit>
    with pytest.raises(B2MMLError):
        read_document(SCHEDULE, plant=found)


@pytest.mark.parametrize("version", ["V0401", "V0600", "v7"])
def test_each_version_ships_a_schedule_spec_with_operations_and_components(version: str) -> None:
    spec = standard(version, "schedules").spec
    assert spec is not None
    (order,) = spec.records
    assert order.segments is not None
    assert (order.segments.operations, order.segments.components) == ("operations", "components")
    assert order.segments.identity_names[-1] == "ProcessSegmentID"


def test_a_component_of_an_operation_the_order_lacks_is_not_written() -> None:
    (order,) = read_document(xsd.FIXTURES / "V0401" / "production_schedule.xml").of(
        "ProductionOrder")
    assert isinstance(order, ProductionOrder)
    components = [c.model_copy(update={"operation_sequence": 90})
                  for c in order.components or []]
    written = write_document([order.model_copy(update={"components": components})],
                             "ProductionOrder")
    assert written.report.rule_ids() == ["B2M-201"]
    assert b"<OperationsRequest>" not in written.xml


def test_operation_fields_the_document_cannot_carry_are_reported() -> None:
    (order,) = read_document(xsd.FIXTURES / "V0401" / "production_schedule.xml").of(
        "ProductionOrder")
    assert isinstance(order, ProductionOrder)
    operations = [op.model_copy(update={"order": order.id}) for op in order.operations or []]
    report = write_document([order.model_copy(update={"operations": operations})],
                            "ProductionOrder").report
    assert [(f.rule_id, f.path) for f in report] == [
        ("B2M-203", "$.operations[0].order"), ("B2M-203", "$.operations[1].order")]


def test_coverage_page_lists_the_segment_tree_fields() -> None:
    from canonical.b2mml.coverage import render_page

    page = render_page()
    v0600 = page.split("\n## V0600\n")[1].split("\n## v7\n")[0]
    assert "| operations[].sequence | a segment (`SegmentRequirement`) without segments in it: " \
        "`ID` or `ProductSegmentID` or `ProcessSegmentID` | integer (required) |" in v0600
    assert "| components[].quantity | a consumed material requirement: `Quantity` |" in v0600
    assert "`SegmentState`; else the enclosing record's `RequestState` | word | " \
        "`operation_status` |" in v0600
