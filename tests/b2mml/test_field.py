"""Documents shaped like field traffic (issue 15): sparse, keyed, exponent quantities, nested
segments without IDs. With a plant they import, with findings for what was defaulted or
skipped; without one the gaps are findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from xsd import FIXTURES

from canonical.b2mml import read_document
from canonical.errors import B2MMLError
from canonical.mapping import Plant, load_plant
from canonical.models import ProductionOrder

SCHEDULE = FIXTURES / "V0600" / "field_operations_schedule.xml"
DEFAULTS = """# what DE01's MES gateway leaves out
source_systems:
  B2MML:
    order_status: released
    operation_status: released
    lot_status: quarantine
"""


def plant(tmp_path: Path, defaults: str | None = DEFAULTS) -> Plant:
    from canonical.resources import data_dir

    folder = tmp_path / "DE01"
    shutil.copytree(data_dir("mappings") / "DE01", folder)
    if defaults is not None:
        (folder / "b2mml.yaml").write_text(defaults, encoding="utf-8")
    return load_plant(folder)


def rules_at(result: object, rule: str) -> list[str]:
    return [f.path or "" for f in result.report if f.rule_id == rule]  # type: ignore[attr-defined]


def test_field_schedule_imports_with_plant_defaults(tmp_path: Path) -> None:
    result = read_document(SCHEDULE, plant=plant(tmp_path))
    (order,) = result.of("ProductionOrder")
    assert isinstance(order, ProductionOrder)
    assert (order.id, order.plant, order.status.value) == ("000001000777", "DE01", "released")
    assert order.material == "GR-PA6-SW"
    # 4.08E3 KGM is the ordered quantity; the keyed rate (t/h) is not carried, and says so
    assert str(order.ordered_quantity.value) == "4080"
    assert rules_at(result, "B2M-304")[0].endswith("/MaterialRequirement[2]/Quantity[2]")
    # segments identified by ProcessSegmentID only, nested in a container segment
    assert [op.sequence for op in order.operations] == [10, 20, 30]
    assert [op.status.value for op in order.operations] == ["released"] * 3
    # 0.4E1 TNE is exactly 4 t, written plain
    first = order.components[0]
    assert (first.material, str(first.quantity.value), first.quantity.unit) == \
        ("PA6-NATUR", "4", "TNE")
    # every default used is reported, as info: the site, the order and operation statuses
    assert len(rules_at(result, "B2M-301")) == 5
    # elements the model does not carry are named (info), as is the one nothing maps (error):
    # the segment parameter "Temperatur" is no canonical field, so its value is not dropped unseen
    not_carried = rules_at(result, "B2M-304")
    for element in ("LatestEndTime", "Duration", "EquipmentClassID", "PublishedDate"):
        assert any(p.split("/")[-1].startswith(element + "[") for p in not_carried), element
    errors = [(f.rule_id, f.path) for f in result.report if f.severity.value == "error"]
    assert errors == [("B2M-306", "/OperationsSchedule/OperationsRequest[1]/SegmentRequirement[1]"
                       "/SegmentRequirement[1]/SegmentParameter[1]/Value[1]/ValueString[1]")]


def test_field_schedule_without_plant_names_every_gap() -> None:
    result = read_document(SCHEDULE)
    assert result.of("ProductionOrder") == []
    missing = rules_at(result, "B2M-107")
    assert any(p.endswith("OperationsRequest[1]/HierarchyScope") for p in missing)
    assert any(p.endswith("OperationsRequest[1]/RequestState") for p in missing)
    assert "B2M-102" not in {f.rule_id for f in result.report}  # ProcessSegmentID identifies


def test_plant_without_declared_defaults_supplies_only_the_site(tmp_path: Path) -> None:
    result = read_document(SCHEDULE, plant=plant(tmp_path, defaults=None))
    assert result.of("ProductionOrder") == []
    assert any(p.endswith("/HierarchyScope") for p in rules_at(result, "B2M-301"))
    (gap,) = [f for f in result.report if f.rule_id == "B2M-107"
              and (f.path or "").endswith("OperationsRequest[1]/RequestState")]
    assert "b2mml.yaml" in gap.message


def test_one_broken_requirement_skips_only_its_operation(tmp_path: Path) -> None:
    broken = SCHEDULE.read_bytes().replace(b"<EquipmentID>DE01-PACK-01</EquipmentID>", b"")
    result = read_document(broken, plant=plant(tmp_path))
    (order,) = result.of("ProductionOrder")
    assert [op.sequence for op in order.operations] == [10, 20]  # type: ignore[attr-defined]
    (skipped,) = rules_at(result, "B2M-302")
    assert skipped.endswith("/SegmentRequirement[1]/SegmentRequirement[3]")


def test_one_broken_component_skips_only_that_component(tmp_path: Path) -> None:
    broken = SCHEDULE.read_bytes().replace(b"<UnitOfMeasure>KG</UnitOfMeasure>",
                                           b"<UnitOfMeasure>SACK</UnitOfMeasure>")
    result = read_document(broken, plant=plant(tmp_path))
    (order,) = result.of("ProductionOrder")
    assert [op.sequence for op in order.operations] == [10, 20, 30]  # type: ignore[attr-defined]
    assert [c.material for c in order.components] == ["PA6-NATUR"]  # type: ignore[attr-defined]
    assert "B2M-105" in {f.rule_id for f in result.report}
    (skipped,) = rules_at(result, "B2M-302")
    assert skipped.endswith("/SegmentRequirement[2]/MaterialRequirement[1]")


def test_quantities_are_chosen_by_key_never_by_position(tmp_path: Path) -> None:
    """Two unkeyed quantities (or two amounts) are ambiguous: no order rather than a guess."""
    de01 = plant(tmp_path)
    both = SCHEDULE.read_bytes().replace(b"<Key>Rate</Key>", b"")
    result = read_document(both, plant=de01)
    assert result.of("ProductionOrder") == []
    (ambiguous,) = rules_at(result, "B2M-303")
    assert ambiguous.endswith("/SegmentRequirement[2]/MaterialRequirement[2]")
    # the rate first, the amount keyed "Planned" second: still the amount
    swapped = SCHEDULE.read_bytes().replace(
        b"<QuantityString>4.08E3</QuantityString><DataType>double</DataType>"
        b"<UnitOfMeasure>KGM</UnitOfMeasure></Quantity>",
        b"<QuantityString>4.08E3</QuantityString><DataType>double</DataType>"
        b"<UnitOfMeasure>KGM</UnitOfMeasure><Key>Planned</Key></Quantity>")
    (order,) = read_document(swapped, plant=de01).of("ProductionOrder")
    assert str(order.ordered_quantity.value) == "4080"  # type: ignore[attr-defined]


def test_field_lot_message_uses_the_declared_lot_status(tmp_path: Path) -> None:
    result = read_document(FIXTURES / "V0401" / "field_material_information.xml",
                           plant=plant(tmp_path))
    lots = {lot.id: lot for lot in result.of("Lot")}  # type: ignore[attr-defined]
    # the second lot: exponent quantity, keyed gross weight not carried, site from the plant
    second = lots["0000451300"]
    assert (str(second.quantity.value), second.quantity.unit, second.plant) == \
        ("12", "H87", "DE01")  # type: ignore[attr-defined]
    assert any(p.endswith("MaterialLot[2]/Quantity[2]") for p in rules_at(result, "B2M-304"))
    # the first lot has no Quantity: not a full record (a partial record is future work)
    assert "0000451200" not in lots
    assert any(p.endswith("MaterialLot[1]/Status") for p in rules_at(result, "B2M-301"))


@pytest.mark.parametrize(("text", "where"), [
    ("source_systems:\n  B2MML:\n    order_status: done\n", "order_status"),
    ("source_systems:\n  B2MML:\n    colour: red\n", "colour"),
])
def test_invalid_defaults_file_is_a_usage_error(tmp_path: Path, text: str, where: str) -> None:
    with pytest.raises(B2MMLError, match=where) as caught:
        read_document(SCHEDULE, plant=plant(tmp_path, defaults=text))
    assert caught.value.rule_id == "B2M-305" and caught.value.line == 3


V7_SCHEDULE = FIXTURES / "v7" / "operations_schedule.xml"


@pytest.mark.parametrize(("old", "new", "skipped"), [
    # an order-level parameter (the order's own segment)
    (b"<ValueString>5</ValueString><DataType>Numeric</DataType>",
     b"<ValueString>f\xc3\xbcnf</ValueString><DataType>Numeric</DataType>",
     "/SegmentRequirement[1]/SegmentParameter[1]"),
    # an operation-level parameter: the operation stays, without its run duration
    (b"<ValueString>7.5</ValueString><UnitOfMeasure>HUR</UnitOfMeasure>",
     b"<ValueString>7.5</ValueString><UnitOfMeasure>STUNDE</UnitOfMeasure>",
     "/SegmentRequirementChild[2]/SegmentParameter[1]"),
    # a consumed material requirement inside an operation
    (b"<QuantityString>625.000</QuantityString>", b"<QuantityString>6,25</QuantityString>",
     "/SegmentRequirementChild[1]/MaterialRequirement[1]"),
    # a segment requirement (operation) without its resource
    (b"<EquipmentID>DE01-WC-ASSY1</EquipmentID>", b"",
     "/SegmentRequirementChild[2]"),
])
def test_one_bad_requirement_never_drops_its_order(old: bytes, new: bytes, skipped: str) -> None:
    """Every nesting: segment requirement, material requirement, parameter."""
    data = V7_SCHEDULE.read_bytes()
    assert old in data
    result = read_document(data.replace(old, new))
    (order,) = result.of("ProductionOrder")
    assert order.id == "DE01-1000125"  # type: ignore[attr-defined]
    (path,) = rules_at(result, "B2M-302")
    assert path.endswith(skipped)


def test_bad_run_duration_keeps_its_operation() -> None:
    data = V7_SCHEDULE.read_bytes().replace(b"<UnitOfMeasure>HUR</UnitOfMeasure>",
                                            b"<UnitOfMeasure>STUNDE</UnitOfMeasure>")
    (order,) = read_document(data).of("ProductionOrder")
    ops = {op.sequence: op for op in order.operations}  # type: ignore[attr-defined]
    assert set(ops) == {10, 20} and ops[20].run_duration is None


LOT_DEFAULTS = """source_systems:
  B2MML:
    lot_status: blocked
    disposition: return_to_supplier
    unit: KGM
"""
UNITLESS_LOT = b"""<?xml version="1.0" encoding="UTF-8"?>
<MaterialInformation xmlns="http://www.mesa.org/xml/B2MML-V0600">
  <MaterialLot>
    <ID>CZ-2026-00017</ID>
    <MaterialDefinitionID>4711</MaterialDefinitionID>
    <Quantity><QuantityString>1.25E2</QuantityString></Quantity>
  </MaterialLot>
</MaterialInformation>
"""


def test_declared_disposition_and_unit_defaults_are_used_and_named(tmp_path: Path) -> None:
    result = read_document(UNITLESS_LOT, plant=plant(tmp_path, defaults=LOT_DEFAULTS))
    (lot,) = result.of("Lot")
    assert lot.to_json_dict()["quantity"] == {"value": "125", "unit": "KGM"}
    assert (lot.status.value, lot.disposition.value) == \
        ("blocked", "return_to_supplier")  # type: ignore[attr-defined]
    used = {f.value for f in result.report if f.rule_id == "B2M-301"}
    assert {"DE01", "blocked", "return_to_supplier", "KGM"} <= used
    assert result.ok


def test_disposition_default_only_for_a_lot_awaiting_a_decision(tmp_path: Path) -> None:
    released = UNITLESS_LOT.replace(b"<Quantity>", b"<Status>released</Status><Quantity>")
    result = read_document(released, plant=plant(tmp_path, defaults=LOT_DEFAULTS))
    (lot,) = result.of("Lot")
    assert lot.disposition is None  # type: ignore[attr-defined]


def test_unitless_quantity_without_a_declared_unit_is_a_finding(tmp_path: Path) -> None:
    result = read_document(UNITLESS_LOT, plant=plant(tmp_path))
    assert result.of("Lot") == []
    (gap,) = [f for f in result.report if f.rule_id == "B2M-104"]
    assert gap.path == "/MaterialInformation/MaterialLot[1]/Quantity[1]/UnitOfMeasure"
    assert "b2mml.yaml" in gap.message
    assert "B2M-104" in read_document(UNITLESS_LOT).report.rule_ids()


def test_default_unit_must_be_a_canonical_code(tmp_path: Path) -> None:
    text = "source_systems:\n  B2MML:\n    unit: KG\n"
    with pytest.raises(B2MMLError, match="unit") as caught:
        read_document(UNITLESS_LOT, plant=plant(tmp_path, defaults=text))
    assert caught.value.rule_id == "B2M-305"


def test_segments_identified_by_product_segment_id_only(tmp_path: Path) -> None:
    """V0600 ``ID`` is optional: ProductSegmentID identifies a segment as well."""
    data = SCHEDULE.read_bytes().replace(b"ProcessSegmentID", b"ProductSegmentID")
    (order,) = read_document(data, plant=plant(tmp_path)).of("ProductionOrder")
    assert [op.sequence for op in order.operations] == [10, 20, 30]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("fixture", "element"), [
    # the values the issue found dropped with exit 0: each is now named (info) with its path
    ("V0600/field_operations_schedule.xml", "OperationsRequest[1]/Description[1]"),
    ("V0600/field_operations_schedule.xml", "SegmentRequirement[1]/LatestEndTime[1]"),
    ("V0600/field_operations_schedule.xml", "SegmentRequirement[1]/Duration[1]"),
    ("V0600/field_operations_schedule.xml", "EquipmentRequirement[1]/EquipmentClassID[1]"),
    ("V0401/field_material_information.xml", "MaterialLot[1]/StorageLocation[1]"),
    ("V0401/field_material_information.xml", "MaterialLot[1]/Description[1]"),
    ("V0600/field_equipment_cz.xml", "Equipment[1]/EquipmentClassID[1]"),
    ("V0401/field_production_performance_mx.xml", "EquipmentActual[1]/Quantity[1]/QuantityString[1]"),
])
def test_values_the_model_does_not_carry_are_named(fixture: str, element: str) -> None:
    result = read_document(FIXTURES / fixture)
    assert any(p.endswith("/" + element) for p in rules_at(result, "B2M-304")), element
