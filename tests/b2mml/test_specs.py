"""B2MML specs (issue 15 item 5): the shipped mapping per version and family is data, a plant
overrides or extends it in its own folder, the same spec writes what it reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import xsd
from click.testing import CliRunner
from xsd import FIXTURES

from canonical.b2mml import read_document
from canonical.b2mml.specload import check_plant, families, standard
from canonical.b2mml.writer import write_document
from canonical.cli import cli
from canonical.errors import B2MMLError
from canonical.mapping import Plant, load_plant

VERSIONS = ("V0401", "V0600", "v7")
LOTS = {"V0401": "V0401/material_information.xml", "V0600": "V0600/material_information.xml",
        "v7": "v7/material_information.xml"}


def plant(tmp_path: Path, overrides: dict[str, str]) -> Plant:
    from canonical.resources import data_dir

    folder = tmp_path / "DE01"
    shutil.copytree(data_dir("mappings") / "DE01", folder)
    for name, text in overrides.items():
        target = folder / "b2mml" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return load_plant(folder)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_shipped_spec_compiles_without_findings(version: str) -> None:
    assert families(version)
    for family in families(version):
        loaded = standard(version, family)
        assert loaded.spec is not None
        assert loaded.findings == ()


@pytest.mark.parametrize("version", VERSIONS)
def test_lots_round_trip_per_version(version: str) -> None:
    """read -> write the same version -> XSD-valid -> read back: the same lots, and what the
    version cannot carry is reported (B2M-203), never dropped silently."""
    lots = [lot for name in LOTS.values() for lot in read_document(FIXTURES / name).of("Lot")]
    assert any(lot.expires_on for lot in lots) and any(lot.genealogy for lot in lots)
    written = write_document(lots, "Lot", version=version)
    assert xsd.errors(written.xml) == []
    back = read_document(written.xml)
    assert back.report.errors == ()
    dropped = {(f.record, f.path) for f in written.report if f.rule_id == "B2M-203"}
    for i, (before, after) in enumerate(zip(lots, back.of("Lot"), strict=True)):
        original = before.to_json_dict()
        kept = {k: v for k, v in original.items() if (i, f"$.{k}") not in dropped}
        assert after.to_json_dict() == kept


def test_v0401_reports_genealogy_it_cannot_write() -> None:
    lots = read_document(FIXTURES / LOTS["V0600"]).of("Lot")
    report = write_document(lots, "Lot", version="V0401").report
    assert ("B2M-203", "$.genealogy") in {(f.rule_id, f.path) for f in report}


LOT = b"""<MaterialLot xmlns="http://www.mesa.org/xml/B2MML-V0600"><ID>C-1</ID>
  <HierarchyScope><EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel></HierarchyScope>
  <MaterialDefinitionID>100100</MaterialDefinitionID><Status>released</Status>
  <MaterialLotProperty><ID>LiefCharge</ID><Value><ValueString>L-77/3</ValueString></Value></MaterialLotProperty>
  <Quantity><QuantityString>4.8E1</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure></Quantity>
</MaterialLot>"""

OVERRIDE = """# DE01's WMS names the supplier lot LiefCharge
b2mml_spec: 1
version: V0600
family: lots
records:
  lot:
    fields:
      supplier_lot: {property: LiefCharge, kind: text}
"""


def test_without_the_override_the_plant_property_is_unaccounted() -> None:
    result = read_document(LOT)
    assert "B2M-306" in result.report.rule_ids()


def test_a_plant_override_maps_a_plant_property_without_python(tmp_path: Path) -> None:
    result = read_document(LOT, plant=plant(tmp_path, {"V0600/lots.yaml": OVERRIDE}))
    assert result.report.errors == ()
    (lot,) = result.of("Lot")
    assert (lot.supplier_lot, str(lot.quantity.value)) == ("L-77/3", "48")


def test_an_override_removes_a_field_with_null(tmp_path: Path) -> None:
    text = OVERRIDE.replace("supplier_lot: {property: LiefCharge, kind: text}",
                            "supplier_lot: {property: LiefCharge, kind: text}\n"
                            "      status: null")
    spec = standard("V0600", "lots").spec
    assert spec is not None and spec.records[0].field("status") is not None
    found = plant(tmp_path, {"V0600/lots.yaml": text})
    result = read_document(LOT, plant=found)
    assert "B2M-306" in result.report.rule_ids()  # Status is no longer read: reported
    assert result.of("Lot") == []  # and the lot misses its required status


BAD = """b2mml_spec: 1
version: V0600
family: lots
records:
  lot:
    fields:
      shelf: {path: StorageLocation, kind: text}
      supplier_lot: {property: LiefCharge, kind: textual}
      order: {path: Auftrag, kind: text}
"""


def test_check_names_file_and_line_of_a_broken_override(tmp_path: Path) -> None:
    found = plant(tmp_path, {"V0600/lots.yaml": BAD, "V0700/lots.yaml": OVERRIDE})
    findings = {(f.rule_id, Path(f.file or "").name, f.line) for f in check_plant(found.folder)}
    assert ("B2M-402", "lots.yaml", 7) in findings  # Lot has no field "shelf"
    assert ("B2M-403", "lots.yaml", 8) in findings  # no kind "textual"
    assert ("B2M-404", "lots.yaml", 9) in findings  # V0600 defines no <Auftrag>
    assert ("B2M-405", "lots.yaml", 1) in findings  # V0700 is no B2MML version
    with pytest.raises(B2MMLError) as info:
        read_document(LOT, plant=found)
    # the first error in the merged spec's order (supplier_lot is a standard field)
    assert (info.value.rule_id, info.value.line) == ("B2M-403", 8)


def test_mappings_check_reports_b2mml_overrides(tmp_path: Path) -> None:
    found = plant(tmp_path, {"V0600/lots.yaml": BAD})
    result = CliRunner().invoke(cli, ["mappings", "check", str(found.folder)])
    assert result.exit_code == 1
    assert "B2M-403" in result.output
    assert "b2mml/V0600/lots.yaml:8" in result.output


def test_a_valid_override_passes_mappings_check(tmp_path: Path) -> None:
    found = plant(tmp_path, {"V0600/lots.yaml": OVERRIDE})
    assert check_plant(found.folder) == []


def material(props: str, ns: str = "http://www.mesa.org/xml/B2MML-V0600") -> bytes:
    return f"""<MaterialDefinition xmlns="{ns}"><ID>RM-7</ID><Description>Granulat PA6</Description>
  <MaterialDefinitionProperty><ID>MaterialType</ID><Value><ValueString>raw_material</ValueString></Value></MaterialDefinitionProperty>
  <MaterialDefinitionProperty><ID>LotControlled</ID><Value><ValueString>true</ValueString></Value></MaterialDefinitionProperty>
  <MaterialDefinitionProperty><ID>SerialControlled</ID><Value><ValueString>0</ValueString></Value></MaterialDefinitionProperty>
  {props}</MaterialDefinition>""".encode()


BASE = ("<MaterialDefinitionProperty><ID>base_uom</ID><Value><ValueString>KGM</ValueString>"
        "</Value></MaterialDefinitionProperty>")


def alternative(numerator_unit: str, with_denominator: bool = True) -> str:
    denominator = ("<Value><ValueString>1</ValueString><UnitOfMeasure>XBG</UnitOfMeasure>"
                   "<Key>denominator</Key></Value>") if with_denominator else ""
    return ("<MaterialDefinitionProperty><ID>AlternativeUnit</ID><Value><ValueString>2.5E1"
            f"</ValueString><UnitOfMeasure>{numerator_unit}</UnitOfMeasure><Key>numerator</Key>"
            f"</Value>{denominator}</MaterialDefinitionProperty>")


def test_materials_spec_reads_aliases_booleans_and_keyed_alternative_units() -> None:
    result = read_document(material(BASE + alternative("KGM")))
    assert result.report.errors == ()
    (found,) = result.of("Material")
    assert (found.base_unit, found.lot_controlled, found.serial_controlled) == ("KGM", True, False)
    (alt,) = found.alternative_units
    assert (alt.unit, str(alt.numerator), str(alt.denominator)) == ("XBG", "25", "1")


@pytest.mark.parametrize(("props", "rule", "path_end"), [
    ("", "B2M-107", "/MaterialDefinitionProperty[ID='BaseUnitOfMeasure']"),
    (BASE + alternative("TNE"), "B2M-108", "/Value[1]"),
    (BASE + alternative("KGM", with_denominator=False), "B2M-107", "/MaterialDefinitionProperty[5]"),
])
def test_materials_spec_reports_what_it_cannot_read(props: str, rule: str, path_end: str) -> None:
    result = read_document(material(props))
    assert result.of("Material") == []
    assert any(f.rule_id == rule and (f.path or "").endswith(path_end) for f in result.report), \
        [(f.rule_id, f.path) for f in result.report]


@pytest.mark.parametrize("version", VERSIONS)
def test_cli_exports_lots_in_every_version(version: str, tmp_path: Path) -> None:
    lots = read_document(FIXTURES / LOTS["V0600"]).of("Lot")
    source = tmp_path / "lots.jsonl"
    source.write_text("".join(lot.model_dump_json() + "\n" for lot in lots), encoding="utf-8")
    result = CliRunner().invoke(cli, ["b2mml", "export", str(source), "--entity", "Lot",
                                      "--b2mml-version", version])
    assert result.exit_code == 0, result.output
    written = result.stdout.encode()
    assert xsd.errors(written) == []
    assert read_document(written).version.value == version


def test_cli_refuses_an_order_in_v0600() -> None:
    result = CliRunner().invoke(cli, ["b2mml", "export", str(FIXTURES / "missing.json"),
                                      "--entity", "ProductionOrder", "--b2mml-version", "V0600"])
    assert result.exit_code == 2


def test_coverage_page_lists_spec_fields_per_version() -> None:
    from canonical.b2mml.coverage import render_page

    page = render_page()
    v0401, rest = page.split("\n## V0600\n")
    assert "| supplier_lot | `MaterialLotProperty` `supplier_lot` | text |  |" in v0401
    assert "| genealogy[].parent_lot | `AssemblyLot`" not in v0401  # V0401 has no assembly
    assert "`AssemblyLotID`, `AssemblySubLotID`" in rest.split("\n## v7\n")[0]
    assert "| base_unit | `MaterialDefinitionProperty` `BaseUnitOfMeasure` or" in page
