"""Lenient about real-file quirks, strict about meaning: what is refused is a finding."""

from __future__ import annotations

from pathlib import Path

from xsd import FIXTURES

from canonical.b2mml import read_document
from canonical.mapping import load_plant

V7 = "http://www.mesa.org/xml/B2MML"
V0600 = "http://www.mesa.org/xml/B2MML-V0600"


def lot(ns: str, *, status: str = "released", unit: str = "KGM", extra: str = "",
        lot_id: str = "0010") -> bytes:
    return f"""<MaterialLot xmlns="{ns}"><ID>{lot_id}</ID>
      <HierarchyScope><EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel></HierarchyScope>
      <MaterialDefinitionID>RM-100</MaterialDefinitionID><Status>{status}</Status>{extra}
      <Quantity><QuantityString>12.500</QuantityString><UnitOfMeasure>{unit}</UnitOfMeasure></Quantity>
    </MaterialLot>""".encode()


def rules_of(data: bytes, **kwargs: object) -> list[str]:
    found = read_document(data, **kwargs).report  # type: ignore[arg-type]
    return [f.rule_id for f in found if f.rule_id != "B2M-304"]  # see test_accounting.py


def test_utf8_bom_is_accepted() -> None:
    result = read_document(b"\xef\xbb\xbf" + lot(V0600))
    assert result.report.findings == ()
    assert result.of("Lot")[0].id == "0010"


def test_numeric_looking_ids_stay_strings() -> None:
    (found,) = read_document(lot(V0600, lot_id="000000000000451201")).of("Lot")
    assert found.id == "000000000000451201"


def test_plant_local_unit_without_plant_is_a_finding_naming_the_fix() -> None:
    result = read_document(lot(V0600, unit="KG"))
    assert [f.rule_id for f in result.report] == ["B2M-105"]
    assert "KGM" in result.report.findings[0].message  # the suggestion
    assert "--plant" in result.report.findings[0].message
    assert result.records == {}


def test_empty_unit_of_measure_is_a_finding() -> None:
    assert rules_of(lot(V0600, unit="")) == ["B2M-104"]


def test_unknown_lot_status_is_a_finding() -> None:
    assert rules_of(lot(V0600, status="Q-HOLD")) == ["B2M-106"]


def test_unknown_element_is_a_finding() -> None:
    assert "B2M-101" in rules_of(lot(V0600, extra="<Colour>blue</Colour>"))


def test_missing_id_is_a_finding() -> None:
    assert "B2M-102" in rules_of(lot(V0600, lot_id=""))


def response_state(ns: str, word: str) -> bytes:
    level = "EquipmentLevel" if ns == V7 else "EquipmentElementLevel"
    return f"""<OperationsPerformance xmlns="{ns}"><ID>P1</ID>
      <HierarchyScope><EquipmentID>DE01</EquipmentID><{level}>Site</{level}></HierarchyScope>
      <OperationsResponse><ID>R1</ID><OperationsRequestID>DE01-1</OperationsRequestID>
        <SegmentResponse><ID>C1</ID><ProcessSegmentID>10</ProcessSegmentID>
          <ActualEndTime>2026-03-02T09:30:00+01:00</ActualEndTime><SegmentState>{word}</SegmentState>
          <SegmentData><ID>yield_quantity</ID><Value><ValueString>1</ValueString><UnitOfMeasure>H87</UnitOfMeasure></Value></SegmentData>
          <EquipmentActual><EquipmentID>WC1</EquipmentID></EquipmentActual>
        </SegmentResponse></OperationsResponse></OperationsPerformance>""".encode()


def test_status_words_are_version_specific() -> None:
    held = read_document(response_state(V7, "Held"))
    assert held.of("Operation")[0].status == "interrupted"  # type: ignore[attr-defined]
    holding = read_document(response_state(V0600, "Holding"))
    assert holding.of("Operation")[0].status == "interrupted"  # type: ignore[attr-defined]
    assert rules_of(response_state(V7, "Holding")) == ["B2M-106"]
    assert rules_of(response_state(V0600, "Held")) == ["B2M-106"]


def test_naive_timestamp_is_a_finding() -> None:
    data = response_state(V7, "Running").replace(b"09:30:00+01:00", b"09:30:00")
    assert rules_of(data) == ["B2M-103"]


def plant_with_b2mml(tmp_path: Path) -> Path:
    """A copy of the shipped DE01 plant (which has a B2MML source system) plus site state words."""
    import shutil

    from canonical.resources import data_dir

    folder = tmp_path / "DE01"
    shutil.copytree(data_dir("mappings") / "DE01", folder)
    assert "  B2MML:\n" in (folder / "plant.yaml").read_text(encoding="utf-8")
    for table, row in (("lot_statuses", "B2MML,Q-HOLD,quarantine,2019-01-01,,approved,t.ester,"
                                        "a.schmidt,,"),
                       ("operation_statuses", "B2MML,Holding,interrupted,2019-01-01,,approved,"
                                              "t.ester,a.schmidt,,")):
        path = folder / f"{table}.csv"
        header = path.read_text(encoding="utf-8").splitlines()[0]
        columns = len(header.split(","))
        cells = row.split(",")
        cells = (cells + [""] * columns)[:columns]
        with path.open("a", encoding="utf-8") as out:
            out.write(",".join(cells) + "\n")
    return folder


def test_plant_tables_translate_units_and_statuses(tmp_path: Path) -> None:
    plant = load_plant(plant_with_b2mml(tmp_path))
    result = read_document(lot(V0600, unit="KG", status="Q-HOLD"), plant=plant)
    assert result.report.findings == ()
    (found,) = result.of("Lot")
    assert (found.quantity.unit, found.status) == ("KGM", "quarantine")  # type: ignore[attr-defined]
    v7 = read_document(response_state(V7, "Holding"), plant=plant)
    assert {f.rule_id for f in v7.report.findings} == {"B2M-304"}  # message ids: not carried
    assert v7.of("Operation")[0].status == "interrupted"  # type: ignore[attr-defined]


def test_fixture_documents_read_the_same_with_a_plant(tmp_path: Path) -> None:
    plant = load_plant(plant_with_b2mml(tmp_path))
    path = FIXTURES / "v7" / "material_information.xml"
    assert read_document(path, plant=plant).records == read_document(path).records


def test_unit_row_hint_proposes_the_unit_whose_symbol_the_code_is() -> None:
    """``KG`` in a plant file means kg (KGM), not the deleted Rec 20 code's keg (XKG)."""
    (finding,) = read_document(lot(V0600, unit="KG")).report.findings
    assert finding.rule_id == "B2M-105"
    assert "(B2MML,KG,KGM)" in finding.message
    (guess,) = read_document(lot(V0600, unit="PCS")).report.findings
    assert "(B2MML,PCS,<Rec 20 code>)" in guess.message  # PS (poise) is never proposed
