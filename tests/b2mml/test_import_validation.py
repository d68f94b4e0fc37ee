"""Imported records pass the project's own validation (issue 15): every record is validated
as ``canon validate`` validates it, findings are located at the element it came from, a
record that fails is not emitted; a document of another plant than ``--plant`` is reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from xsd import FIXTURES, errors

from canonical.b2mml import read_document
from canonical.cli import cli
from canonical.mapping import Plant, load_plant
from canonical.models import InventoryTransaction
from canonical.validation import validate_many

V0401 = "http://www.wbf.org/xml/B2MML-V0401"
V7 = "http://www.mesa.org/xml/B2MML"


def _plant(tmp_path: Path, defaults: str | None) -> Plant:
    from canonical.resources import data_dir

    folder = tmp_path / "US02"
    shutil.copytree(data_dir("mappings") / "US02", folder)
    if defaults is not None:
        (folder / "b2mml.yaml").write_text(defaults, encoding="utf-8")
    return load_plant(folder)


def _confirmation(location: str = "") -> bytes:
    """A V0401 terminal confirmation of US02 (Querétaro line terminal style): a produced
    lot with or without a Location, nothing else about where the goods went."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ProductionPerformance xmlns="{V0401}">
  <ID>PERF-US02-40012</ID>
  <Location><EquipmentID>US02</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel></Location>
  <ProductionResponse>
    <ID>RESP-40012</ID>
    <ProductionRequestID>US02-7700045</ProductionRequestID>
    <SegmentResponse>
      <ID>CONF-40012-1</ID>
      <ProcessSegmentID>0010</ProcessSegmentID>
      <ActualEndTime>2026-03-04T22:58:00-06:00</ActualEndTime>
      <EquipmentActual><EquipmentID>US02-WC-CAST</EquipmentID></EquipmentActual>
      <MaterialProducedActual>
        <MaterialDefinitionID>VB-20</MaterialDefinitionID>
        <MaterialLotID>0000451288</MaterialLotID>{location}
        <Quantity><QuantityString>0.38E2</QuantityString><DataType>double</DataType><UnitOfMeasure>H87</UnitOfMeasure></Quantity>
      </MaterialProducedActual>
      <SegmentState>Completed</SegmentState>
    </SegmentResponse>
  </ProductionResponse>
</ProductionPerformance>""".encode()


ACTUAL = ("/ProductionPerformance/ProductionResponse[1]/SegmentResponse[1]"
          "/MaterialProducedActual[1]")


def test_fixture_documents_are_xsd_valid() -> None:
    for document in (_confirmation(), _confirmation(_ZONE), _lot("FR03"), _lot(None)):
        assert errors(document) == []


def test_movement_without_location_is_not_emitted_without_a_plant() -> None:
    result = read_document(_confirmation())
    assert result.of("InventoryTransaction") == []  # it would fail INV-003
    gaps = [f for f in result.report if f.rule_id == "B2M-107"]
    assert [f.path for f in gaps] == [ACTUAL + "/Location"]
    assert "storage_location" in gaps[0].message and "--plant" in gaps[0].message
    assert not result.ok


def test_movement_without_location_takes_the_plants_declared_storage_location(
        tmp_path: Path) -> None:
    defaults = "source_systems:\n  B2MML:\n    storage_location: FG-PATIO-2\n"
    result = read_document(_confirmation(), plant=_plant(tmp_path, defaults))
    (tx,) = result.of("InventoryTransaction")
    assert isinstance(tx, InventoryTransaction)
    assert (tx.type.value, tx.to_location, tx.from_location) == ("goods_receipt", "FG-PATIO-2",
                                                                 None)
    used = [f for f in result.report if f.rule_id == "B2M-301" and f.value == "FG-PATIO-2"]
    assert [f.path for f in used] == [ACTUAL + "/Location"]
    assert "storage_location" in used[0].message
    # what was imported is what canon validate accepts
    assert validate_many([tx], "InventoryTransaction").ok


def test_plant_without_the_default_names_the_key_to_declare(tmp_path: Path) -> None:
    result = read_document(_confirmation(), plant=_plant(tmp_path, None))
    assert result.of("InventoryTransaction") == []
    (gap,) = [f for f in result.report if f.rule_id == "B2M-107"]
    assert "storage_location" in gap.message and "b2mml.yaml" in gap.message


_ZONE = """
        <Location><EquipmentID>US02</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel>
          <Location><EquipmentID>PT-ZONA-B</EquipmentID><EquipmentElementLevel>StorageZone</EquipmentElementLevel></Location>
        </Location>"""


def test_v0401_location_below_the_site_is_where_goods_move() -> None:
    result = read_document(_confirmation(_ZONE))
    (tx,) = result.of("InventoryTransaction")
    assert isinstance(tx, InventoryTransaction)
    assert (tx.plant, tx.to_location) == ("US02", "PT-ZONA-B")
    assert not any(f.rule_id in {"B2M-107", "INV-003"} for f in result.report)


def _lot(site: str | None, *, expires: str = "2027-03-03") -> bytes:
    """A v7 lot of a French plant (sparse, as a WMS sends it)."""
    scope = "" if site is None else (
        f"<HierarchyScope><EquipmentID>{site}</EquipmentID>"
        "<EquipmentLevel>Site</EquipmentLevel></HierarchyScope>")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<MaterialInformation xmlns="{V7}">
  <ID>MI-FR03-0611</ID>
  <MaterialLot>
    <ID>CH2603-0417</ID>{scope}
    <MaterialDefinitionID>GRAN-PP-NAT</MaterialDefinitionID>
    <Status>released</Status>
    <MaterialLotProperty><ID>manufactured_on</ID>
      <Value><ValueString>2026-03-03</ValueString><DataType>DateTime</DataType></Value>
    </MaterialLotProperty>
    <MaterialLotProperty><ID>expires_on</ID>
      <Value><ValueString>{expires}</ValueString><DataType>DateTime</DataType></Value>
    </MaterialLotProperty>
    <Quantity><QuantityString>1250.000</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure></Quantity>
  </MaterialLot>
</MaterialInformation>""".encode()


def test_business_rules_run_at_import_located_at_the_element() -> None:
    result = read_document(_lot("FR03", expires="2026-01-31"))  # expires before manufacture
    assert result.of("Lot") == []
    (finding,) = [f for f in result.report if f.rule_id == "LOT-003"]
    assert finding.severity.value == "error"
    assert finding.path == "/MaterialInformation/MaterialLot[1]"
    assert finding.canonical_path == "$.expires_on"
    assert finding.line == 4  # <MaterialLot>
    assert not result.ok


def test_cli_exits_1_on_a_business_rule_and_prints_no_failing_record(tmp_path: Path) -> None:
    path = tmp_path / "lot.xml"
    path.write_bytes(_lot("FR03", expires="2026-01-31"))
    result = CliRunner().invoke(cli, ["b2mml", "import", str(path)])
    assert result.exit_code == 1
    assert "[LOT-003]" in result.stderr and "MaterialLot[1]" in result.stderr
    assert "CH2603-0417" not in result.stdout


def test_structural_findings_are_located_at_the_element(tmp_path: Path) -> None:
    # a lot id of 65 characters: the canonical Identifier allows 64 (SCH-xxx)
    doc = _lot("FR03").replace(b"CH2603-0417", b"L" * 65)
    result = read_document(doc)
    assert result.of("Lot") == []
    structural = [f for f in result.report if f.rule_id.startswith("SCH-")]
    assert structural and {f.path for f in structural} == {"/MaterialInformation/MaterialLot[1]"}
    assert {f.canonical_path for f in structural} == {"$.id"}


# ----------------------------------------------------------------------- plant of a document
def _fr03(tmp_path: Path) -> Plant:
    from canonical.resources import data_dir

    folder = tmp_path / "FR03"
    shutil.copytree(data_dir("mappings") / "DE01", folder)
    plant_yaml = folder / "plant.yaml"
    text = plant_yaml.read_text(encoding="utf-8")
    plant_yaml.write_text(text.replace("id: DE01", "id: FR03", 1), encoding="utf-8")
    return load_plant(folder)


def test_document_of_another_site_than_the_plant_is_an_error(tmp_path: Path) -> None:
    from canonical.resources import data_dir

    de01 = load_plant(data_dir("mappings") / "DE01")
    result = read_document(_lot("FR03"), plant=de01)
    (finding,) = [f for f in result.report if f.rule_id == "B2M-450"]
    assert finding.severity.value == "error"
    assert finding.path == "/MaterialInformation/MaterialLot[1]"
    assert finding.value == "FR03"
    assert "'FR03'" in finding.message and "'DE01'" in finding.message
    assert result.of("Lot") == []  # translated with another plant's tables: not imported


def test_document_of_the_plants_own_site_has_no_mismatch(tmp_path: Path) -> None:
    result = read_document(_lot("FR03"), plant=_fr03(tmp_path))
    assert "B2M-450" not in result.report.rule_ids()
    assert [lot.id for lot in result.of("Lot")] == ["CH2603-0417"]  # type: ignore[attr-defined]


def test_cli_reports_the_site_mismatch_with_both_sites(tmp_path: Path) -> None:
    from canonical.resources import data_dir

    path = tmp_path / "lot.xml"
    path.write_bytes(_lot("FR03"))
    result = CliRunner().invoke(cli, ["b2mml", "import", str(path), "--plant",
                                      str(data_dir("mappings") / "DE01")])
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if "[B2M-450]" in x)
    assert "FR03" in line and "DE01" in line and "MaterialLot[1]" in line


def test_a_site_equipment_of_another_plant_is_the_same_mismatch() -> None:
    """A Site-level equipment is its own plant: CZ03's site read for DE01 is B2M-450 too,
    like the areas and lines below it (it was imported as a DE01 resource)."""
    from xsd import FIXTURES

    from canonical.resources import data_dir

    de01 = load_plant(data_dir("mappings") / "DE01")
    result = read_document(FIXTURES / "V0600" / "field_equipment_cz.xml", plant=de01)
    site = "/EquipmentInformation/Equipment[1]/Equipment[1]"
    assert site in {f.path for f in result.report if f.rule_id == "B2M-450"}
    assert result.of("Resource") == []


# ----------------------------------------------------------------------- the invariant
@pytest.mark.parametrize("document", sorted(FIXTURES.glob("*/*.xml")), ids=lambda p: p.stem)
def test_no_fixture_emits_a_record_that_validation_refuses(document: Path) -> None:
    """Whatever a document yields, ``canon validate`` accepts each record on its own."""
    for partial in (False, True):
        result = read_document(document, partial=partial)
        for entity, records in result.records.items():
            for record in records:
                report = validate_many([record], entity)
                assert report.ok, (entity, [f.render() for f in report.errors])
