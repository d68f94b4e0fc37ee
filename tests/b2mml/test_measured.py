"""Test results from B2MML specs (issue 15 item 5): v7 TestResult and lot-property results are
read by the shipped specs; a plant changes where its LIMS writes a value without Python."""

from __future__ import annotations

from pathlib import Path

from test_specs import plant
from xsd import FIXTURES

from canonical.b2mml import read_document
from canonical.b2mml.specload import check_plant

V7 = "http://www.mesa.org/xml/B2MML"
RESULT = FIXTURES / "v7" / "test_result.xml"

# DE01's LIMS stamps every measurement; EvaluationDate is only the release of the whole result
OVERRIDE = """b2mml_spec: 1
version: v7
family: tests
records:
  test:
    fields:
      inspected_at: {path: EvaluationDate, kind: timestamp}
  measurement:
    fields:
      inspected_at: {path: MeasurementDate, inherit: inspected_at, kind: timestamp}
"""


def stamps(result: object) -> dict[str, str]:
    return {r.id: r.inspected_at.isoformat() for r in result.of("QualityResult")}  # type: ignore[attr-defined]


def test_a_plant_reads_the_measurement_time_through_its_override(tmp_path: Path) -> None:
    assert stamps(read_document(RESULT)) == {
        "QR-26-0303-11/PM-1": "2026-03-03T12:40:00+01:00",
        "QR-26-0303-11/PM-2": "2026-03-03T12:40:00+01:00"}
    de01 = plant(tmp_path, {"v7/tests.yaml": OVERRIDE})
    assert check_plant(de01.folder) == []
    result = read_document(RESULT, plant=de01)
    assert result.ok and "B2M-304" not in {f.rule_id for f in result.report
                                           if "MeasurementDate" in (f.path or "")}
    assert stamps(result) == {  # PM-2 has no MeasurementDate: the result's time
        "QR-26-0303-11/PM-1": "2026-03-03T12:38:00+01:00",
        "QR-26-0303-11/PM-2": "2026-03-03T12:40:00+01:00"}


def doc(body: str) -> bytes:
    return (f'<TestResult xmlns="{V7}"><ID>QS-PL03-0917</ID>'
            "<EvaluationDate>2026-03-09T06:12:00+01:00</EvaluationDate>"
            "<HierarchyScope><EquipmentID>PL03</EquipmentID><EquipmentLevel>Site</EquipmentLevel>"
            f"</HierarchyScope><TestableObjectID>PL03/26/00917</TestableObjectID>{body}"
            "</TestResult>").encode()


def test_one_measurement_keeps_the_result_id_and_any_verdict_case() -> None:
    result = read_document(doc(
        "<EvaluatedCriterionResult>PASS</EvaluatedCriterionResult><PropertyMeasurement>"
        "<ID>1</ID><TestableObjectPropertyID>GRUBOSC_SCIANKI</TestableObjectPropertyID>"
        "<Value><ValueString>4.05E0</ValueString><UnitOfMeasure>MMT</UnitOfMeasure></Value>"
        "</PropertyMeasurement>"))
    assert result.report.errors == ()
    (found,) = [r.to_json_dict() for r in result.of("QualityResult")]
    assert (found["id"], found["verdict"], found["characteristic"]) == \
        ("QS-PL03-0917", "pass", "GRUBOSC_SCIANKI")
    assert found["measured_value"] == {"value": "4.05", "unit": "MMT"}


def test_a_result_without_measurement_or_verdict_is_reported_not_dropped() -> None:
    result = read_document(doc(""))
    assert result.of("QualityResult") == []
    assert result.report.rule_ids().count("B2M-107") == 2  # the verdict, the measurement
    bad = read_document(doc("<EvaluatedCriterionResult>zgodny</EvaluatedCriterionResult>"
                            "<PropertyMeasurement><ID>1</ID></PropertyMeasurement>"))
    assert "B2M-106" in bad.report.rule_ids() and bad.of("QualityResult") == []


V0600 = "http://www.mesa.org/xml/B2MML-V0600"


def test_a_lot_property_result_without_unit_is_an_attribute_result() -> None:
    lot = f"""<MaterialLot xmlns="{V0600}"><ID>L-IT04-2611</ID>
      <HierarchyScope><EquipmentID>IT04</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel></HierarchyScope>
      <MaterialDefinitionID>GRN-7</MaterialDefinitionID><Status>released</Status>
      <MaterialLotProperty><ID>ASPETTO</ID><Value><ValueString>lievi graffi</ValueString></Value>
        <TestResult><ID>CQ-2611-1</ID><TestDateTime>2026-03-10T09:30:00+01:00</TestDateTime>
          <Result><ValueString>Conditional</ValueString></Result></TestResult>
      </MaterialLotProperty>
      <Quantity><QuantityString>1.2E3</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure></Quantity>
    </MaterialLot>""".encode()
    result = read_document(lot)
    assert result.ok and "B2M-306" not in result.report.rule_ids()
    (found,) = [r.to_json_dict() for r in result.of("QualityResult")]
    assert found == {"id": "CQ-2611-1", "plant": "IT04", "lot": "L-IT04-2611",
                     "characteristic": "ASPETTO", "attribute_result": "lievi graffi",
                     "verdict": "conditional", "inspected_at": "2026-03-10T09:30:00+01:00"}


def test_an_operations_test_information_message_imports_cleanly() -> None:
    one = RESULT.read_text("utf-8").split("?>", 1)[1]
    message = (f'<OperationsTestInformation xmlns="{V7}"><ID>LIMS-DE01-0303</ID>'
               + one.replace(f' xmlns="{V7}"', "")
               + "</OperationsTestInformation>").encode()
    result = read_document(message)
    assert result.ok and "B2M-306" not in result.report.rule_ids()  # its own ID: declared
    assert [r.id for r in result.of("QualityResult")] == \
        ["QR-26-0303-11/PM-1", "QR-26-0303-11/PM-2"]  # type: ignore[attr-defined]
