"""The generated Quantity model gets conversion and rounding from QuantityOps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canonical.errors import IncompatibleUnitsError, RoundingError
from canonical.models import AlternativeUnit, Material, Quantity
from canonical.units import convert


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
