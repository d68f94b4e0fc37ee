"""Field documents from a Mexican and a Czech plant (issue 15, items 1, 2, 6, 7): sparse,
keyed quantities in Spanish, an empty UnitOfMeasure, extension elements, an equipment
hierarchy with levels the canonical model does not carry, a WMS lot status change."""

from __future__ import annotations

from pathlib import Path

import pytest
from xsd import FIXTURES

from canonical.b2mml import read_document
from canonical.mapping import Plant, load_plant
from canonical.validation import validate, validate_many

PERFORMANCE_MX = FIXTURES / "V0401" / "field_production_performance_mx.xml"
EQUIPMENT_CZ = FIXTURES / "V0600" / "field_equipment_cz.xml"
LOT_STATUS_CZ = FIXTURES / "V0401" / "field_lot_status_cz.xml"

HEADER = "source_system,source_code,canonical_code,valid_from,valid_to,status,owner,approved_by,note"


def small_plant(tmp_path: Path, plant_id: str, system: str, *, defaults: str = "",
                tables: dict[str, str] | None = None) -> Plant:
    """A plant folder with plant.yaml, an optional b2mml.yaml and tables."""
    folder = tmp_path / plant_id
    folder.mkdir()
    (folder / "plant.yaml").write_text(
        f"id: {plant_id}\nname: {plant_id}\ntime_zone: Europe/Prague\nversion: \"2026.1.0\"\n"
        f"canonical_schema: \"1.1.0\"\nowner: IT {plant_id}\nsource_systems:\n"
        f"  {system}:\n    kind: mes\n    product: MES\n    owner: MES {plant_id}\n",
        encoding="utf-8")
    if defaults:
        (folder / "b2mml.yaml").write_text(defaults, encoding="utf-8")
    for name, rows in (tables or {}).items():
        (folder / f"{name}.csv").write_text(f"{HEADER}\n{rows}", encoding="utf-8")
    return load_plant(folder)


MX_DEFAULTS = """source_systems:
  MES_MX:
    operation_status: in_progress
    unit: KGM
    storage_location: PATIO-MP
    amount_keys: [Cantidad]
"""


def test_mexican_terminal_confirmation_imports_with_declared_defaults(tmp_path: Path) -> None:
    mx05 = small_plant(tmp_path, "MX05", "MES_MX", defaults=MX_DEFAULTS)
    result = read_document(PERFORMANCE_MX, plant=mx05, system="MES_MX")
    receipt, issue = result.of("InventoryTransaction")
    # "Cantidad" is the amount (declared key), "PesoBruto" is not carried (info, with path)
    assert receipt.to_json_dict()["quantity"] == {"value": "144", "unit": "H87"}
    assert any(p.endswith("MaterialProducedActual[1]/Quantity[2]") for p in
               [f.path or "" for f in result.report if f.rule_id == "B2M-304"])
    # the empty UnitOfMeasure gets the declared unit; 3.25E1 is exactly 32.5
    assert issue.to_json_dict()["quantity"] == {"value": "32.5", "unit": "KGM"}
    (operation,) = result.of("Operation")
    assert operation.status.value == "in_progress"  # type: ignore[attr-defined]
    used = sorted(str(f.value) for f in result.report if f.rule_id == "B2M-301")
    assert used == ["KGM", "MX05", "MX05", "PATIO-MP", "PATIO-MP", "in_progress"]
    assert (receipt.to_location, issue.from_location) == ("PATIO-MP", "PATIO-MP")
    assert result.ok
    assert validate(operation.to_json_dict(), entity="Operation").ok


def test_mexican_confirmation_without_plant_names_every_gap() -> None:
    result = read_document(PERFORMANCE_MX)
    assert result.of("InventoryTransaction") == [] and result.of("Operation") == []
    assert {"B2M-303", "B2M-104", "B2M-107"} <= set(result.report.rule_ids())
    assert "B2M-306" not in result.report.rule_ids()  # descriptions, extensions: declared


CZ_LEVELS = "B2MML,Pracoviště,work_center,2026-01-01,,approved,mes.cz03,j.novak,pracoviště linky\n"


def test_czech_equipment_hierarchy_through_the_plant_level_table(tmp_path: Path) -> None:
    cz03 = small_plant(tmp_path, "CZ03", "B2MML", tables={"equipment_levels": CZ_LEVELS})
    result = read_document(EQUIPMENT_CZ, plant=cz03)
    resources = {r.id: r.to_json_dict() for r in result.of("Resource")}  # type: ignore[attr-defined]
    assert resources["CZ03"].get("parent") is None  # the enterprise above is not carried
    assert resources["CZ03-P-LIS2-01"]["kind"] == "work_center"  # the plant's table
    assert resources["CZ03-M-LIS-0815"]["parent"] == "CZ03-P-LIS2-01"
    assert not any(r.startswith("CZ03-SKLAD") or r.startswith("ŠKODA") for r in resources)
    not_carried = {str(f.value) for f in result.report if f.rule_id == "B2M-304"}
    assert {"ŠKODA-STROJ", "CZ03-SKLAD-HV", "CZ03-SKLAD-HV-R12"} <= not_carried
    assert result.ok
    records = list(resources.values())
    assert all(validate(r, entity="Resource").ok for r in records)
    assert validate_many(records, "Resource").rule_ids() == []


def test_czech_levels_without_the_table_report_the_unknown_level() -> None:
    result = read_document(EQUIPMENT_CZ)
    (unknown,) = [f for f in result.report if f.rule_id == "B2M-109"]
    assert unknown.value == "Pracoviště" and "equipment_levels" in unknown.message
    # its machine still imports, naming it as parent: a reference outside what was imported
    (machine,) = [r for r in result.of("Resource") if r.id == "CZ03-M-LIS-0815"]  # type: ignore[attr-defined]
    assert machine.parent == "CZ03-P-LIS2-01"  # type: ignore[attr-defined]


def test_what_children_of_a_not_carried_level_leave_unread_is_still_reported() -> None:
    old = b"<ID>state</ID>\n                <Value><ValueString>maintenance"
    data = EQUIPMENT_CZ.read_bytes().replace(old, old.replace(b"state", b"Tonaz")
                                             .replace(b"maintenance", b"400"))
    result = read_document(data)
    (unread,) = [f for f in result.report if f.rule_id == "B2M-306"]
    assert unread.value == "400"


@pytest.mark.parametrize("partial", [False, True])
def test_czech_wms_lot_status_change(partial: bool) -> None:
    result = read_document(LOT_STATUS_CZ, partial=partial)
    if not partial:
        assert result.of("Lot") == []
        assert "--partial" in " ".join(f.message for f in result.report if f.rule_id == "B2M-107")
        return
    patches = [p.to_json_dict() for p in result.of("LotPatch")]
    assert patches == [{"id": "0026030188", "status": "blocked"},
                       {"id": "0026030188-002", "status": "rejected"}]
    assert result.ok
    assert all(validate(p, entity="LotPatch").ok for p in patches)


def test_an_equipment_level_row_is_checked_like_every_mapping_row(tmp_path: Path) -> None:
    from canonical.errors import InvalidPlantError

    with pytest.raises(InvalidPlantError, match="workshop") as caught:
        small_plant(tmp_path, "CZ03", "B2MML", tables={
            "equipment_levels": CZ_LEVELS + "B2MML,Dílna,workshop,2026-01-01,,approved,"
                                            "mes.cz03,j.novak,\n"})
    assert caught.value.rule_id == "MAP-052"  # not a ResourceKind: the plant does not load


def test_a_site_inside_another_level_is_refused_at_import() -> None:
    doc = b"""<EquipmentInformation xmlns="http://www.mesa.org/xml/B2MML"><ID>EQ</ID>
      <Equipment><ID>MX05-A</ID><Description>Nave 1</Description><EquipmentLevel>Area</EquipmentLevel>
        <HierarchyScope><EquipmentID>MX05</EquipmentID><EquipmentLevel>Site</EquipmentLevel></HierarchyScope>
        <EquipmentChild><ID>MX05</ID><Description>Planta</Description><EquipmentLevel>Site</EquipmentLevel>
        </EquipmentChild></Equipment></EquipmentInformation>"""
    result = read_document(doc)
    assert "RES-001" in result.report.rule_ids()
    assert [r.id for r in result.of("Resource")] == ["MX05-A"]  # type: ignore[attr-defined]
