"""Equipment hierarchies from B2MML specs (issue 15 items 5 and 6): a plant changes how its
MES writes equipment in its own folder, without Python; the tree writer places every
resource or says why it cannot."""

from __future__ import annotations

from pathlib import Path

from test_specs import plant

from canonical.b2mml import read_document
from canonical.b2mml.specload import check_plant
from canonical.b2mml.writer import write_document
from canonical.models import Resource

# DE01's MES (German UI) sends the state as "Betriebszustand" and the name as a property
DOC = """<EquipmentInformation xmlns="http://www.mesa.org/xml/B2MML-V0600"><ID>AN-7</ID>
  <Equipment><ID>DE01-L3</ID>
    <HierarchyScope><EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel></HierarchyScope>
    <EquipmentLevel><EquipmentID>DE01-L3</EquipmentID><EquipmentElementLevel>ProductionLine</EquipmentElementLevel></EquipmentLevel>
    <EquipmentProperty><ID>Bezeichnung</ID>
      <Value><ValueString>Montagelinie 3 (Halle Süd)</ValueString></Value></EquipmentProperty>
    <EquipmentProperty><ID>Betriebszustand</ID><Value><ValueString>maintenance</ValueString></Value></EquipmentProperty>
    <Equipment><ID>DE01-L3-ST040</ID>
      <EquipmentLevel><EquipmentID>DE01-L3-ST040</EquipmentID><EquipmentElementLevel>WorkCell</EquipmentElementLevel></EquipmentLevel>
      <EquipmentProperty><ID>Betriebszustand</ID><Value><ValueString>running</ValueString></Value></EquipmentProperty>
    </Equipment>
  </Equipment>
</EquipmentInformation>""".encode()

OVERRIDE = """# DE01's MES: state and name are properties with German IDs
b2mml_spec: 1
version: V0600
family: equipment
records:
  equipment:
    fields:
      name: {path: Description, property: Bezeichnung, kind: text, otherwise: id}
      state: {property: [Betriebszustand, state], kind: enum, data_type: Code, assumed: available}
"""


def test_without_the_override_the_german_properties_are_reported() -> None:
    result = read_document(DOC)
    assert {r.state.value for r in result.of("Resource")} == {"available"}  # type: ignore[attr-defined]
    assert result.report.rule_ids().count("B2M-111") == 2  # assumed, with a warning
    assert "B2M-306" in result.report.rule_ids()  # Betriebszustand: nothing read it


def test_a_plant_override_of_the_equipment_spec_without_python(tmp_path: Path) -> None:
    de01 = plant(tmp_path, {"V0600/equipment.yaml": OVERRIDE})
    assert check_plant(de01.folder) == []
    result = read_document(DOC, plant=de01)
    assert result.ok and "B2M-306" not in result.report.rule_ids()
    assert [r.to_json_dict() for r in result.of("Resource")] == [
        {"id": "DE01-L3", "name": "Montagelinie 3 (Halle Süd)", "kind": "line",
         "parent": "DE01", "plant": "DE01", "state": "maintenance"},
        {"id": "DE01-L3-ST040", "name": "DE01-L3-ST040", "kind": "work_center",
         "parent": "DE01-L3", "plant": "DE01", "state": "running"},
    ]


def test_an_override_with_an_unknown_key_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = OVERRIDE.replace("otherwise: id}", "otherwise: id, assume: x}")
    de01 = plant(tmp_path, {"V0600/equipment.yaml": bad})
    (finding,) = check_plant(de01.folder)
    assert (finding.rule_id, finding.line) == ("B2M-401", 8)  # the name line


def test_an_override_still_writing_checked_is_told_the_key_is_gone(tmp_path: Path) -> None:
    """``checked`` no longer does anything (every imported record is validated): a plant file
    that says it is told so at its line, never silently ignored."""
    old = OVERRIDE.replace("  equipment:\n", "  equipment:\n    checked: true   # RES-001\n")
    de01 = plant(tmp_path, {"V0600/equipment.yaml": old})
    (finding,) = check_plant(de01.folder)
    assert (finding.rule_id, finding.line) == ("B2M-401", 7)  # the checked line
    assert finding.file.endswith("V0600/equipment.yaml") and "'checked'" in finding.message


def test_a_cycle_of_parents_is_not_written() -> None:
    cycle = [Resource.model_validate(
        {"id": a, "name": a, "kind": "line", "parent": b, "plant": "PL03", "state": "down"})
        for a, b in (("PL03-L1", "PL03-L2"), ("PL03-L2", "PL03-L1"))]
    written = write_document(cycle, "Resource", version="v7")
    assert [(f.rule_id, f.record) for f in written.report] == [("B2M-201", 0), ("B2M-201", 1)]
    assert read_document(written.xml).of("Resource") == []
