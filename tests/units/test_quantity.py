"""The generated Quantity model gets conversion and rounding from QuantityOps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canonical.errors import IncompatibleUnitsError, RoundingError
from canonical.models import AlternativeUnit, Material, Quantity
from canonical.units import RoundingMode, convert


def test_quantity_to_is_exact() -> None:
    q = Quantity(value=Decimal("2.5"), unit="LBR").to("KGM")
    assert (q.value, q.unit) == (Decimal("1.133980925"), "KGM")
    assert isinstance(q, Quantity)


def test_quantity_with_generated_material() -> None:
    material = Material.model_validate({
        "id": "SCREW-M6", "description": "screw", "type": "raw_material", "base_unit": "H87",
        "lot_controlled": False, "serial_controlled": False,
        "alternative_units": [{"unit": "XBX", "numerator": "12", "denominator": "1"}],
    })
    assert isinstance(material.alternative_units[0], AlternativeUnit)
    assert Quantity(value=Decimal(3), unit="XBX").to("H87", material=material).value == 36
    assert convert("30", "H87", "XBX", material=material) == Decimal("2.5")
    with pytest.raises(IncompatibleUnitsError):
        Quantity(value=Decimal(3), unit="XBX").to("H87")


def test_quantity_rounded_and_whole_check() -> None:
    q = Quantity(value=Decimal("30"), unit="H87").to("DZN")
    assert q.check_whole().rule_ids() == ["UOM-006"]
    with pytest.raises(RoundingError):
        q.rounded()
    assert q.rounded(counts="round").value == Decimal(2)


def test_to_keeps_the_scale_of_the_source() -> None:
    assert str(Quantity(value="1500", unit="GRM").to("KGM").value) == "1.500"


def test_to_refuses_a_result_longer_than_the_wire_carries() -> None:
    with pytest.raises(RoundingError) as caught:
        Quantity(value="1", unit="KGM").to("LBR")
    assert caught.value.rule_id == "UOM-011"
    assert "places=" in str(caught.value)


def test_to_with_places_rounds_the_exact_result_once() -> None:
    # 1 kg = 2.20462262184877580722... lb; half-even at 6 places
    assert Quantity(value="1", unit="KGM").to("LBR", places=6).value == Decimal("2.204623")
    down = Quantity(value="1", unit="KGM").to("LBR", places=6, mode=RoundingMode.DOWN)
    assert down.value == Decimal("2.204622")


def test_converted_quantity_serialises_within_the_wire_pattern() -> None:
    from canonical import validate

    q = Quantity(value="1", unit="KGM").to("LBR", places=12)
    assert Quantity.model_validate_json(q.to_json()) == q
    lot = {"id": "L-1", "material": "4711", "plant": "DE01", "status": "released",
           "quantity": q.to_json_dict()}
    assert validate(lot, entity="Lot").ok
