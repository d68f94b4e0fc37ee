"""check_material skips the arithmetic of package units; its findings are the compiler's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canonical.errors import MaterialUnitError
from canonical.units import AlternativeUnit, MaterialUnits, check_material, convert
from canonical.units.material import _analyse, material_factors

LAYOUTS = {
    "packages only": ("H87", [("XBX", "12", "1"), ("XPX", "480", "1"), ("SET", "7", "3")]),
    "a density": ("KGM", [("LTR", "0.92", "1"), ("XDR", "184", "1")]),
    "two agreeing volumes": ("KGM", [("LTR", "0.92", "1"), ("MLT", "0.00092", "1")]),
    "two volumes that disagree": ("KGM", [("XBX", "10", "1"), ("LTR", "0.92", "1"),
                                           ("MLT", "0.5", "1")]),
    "the base dimension twice": ("KGM", [("GRM", "0.002", "1")]),
    "the base unit again": ("H87", [("H87", "1", "1"), ("XBX", "12", "1")]),
    "a package twice": ("H87", [("XBX", "12", "1"), ("XBX", "10", "1")]),
    "a zero ratio": ("H87", [("XBX", "0", "1"), ("LTR", "2", "1")]),
    "an unknown unit": ("H87", [("ZZZ", "1", "1"), ("XBX", "-1", "1")]),
    "temperature": ("KGM", [("CEL", "1", "1")]),
    "an unknown base": ("Q99", [("XBX", "1", "1")]),
}


def _material(name: str) -> MaterialUnits:
    base, units = LAYOUTS[name]
    return MaterialUnits("M-1", base, tuple(
        AlternativeUnit(unit, Decimal(num), Decimal(den)) for unit, num, den in units))


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_check_finds_what_compiling_finds(name: str) -> None:
    material = _material(name)
    compiled, factors = _analyse(material)  # every amount worked out, packages included
    assert list(check_material(material)) == list(compiled)
    assert (factors is None) == (not check_material(material).ok)


def test_package_amounts_still_convert_once_compiled() -> None:
    material = _material("packages only")
    assert check_material(material).ok
    assert convert(Decimal(2), "XBX", "H87", material=material) == Decimal(24)
    assert convert(Decimal(6), "SET", "H87", material=material) == Decimal(14)
    assert material_factors(material).per_package["XPX"] == 480


def test_a_disagreeing_dimension_is_found_without_compiling() -> None:
    assert check_material(_material("two volumes that disagree")).rule_ids() == ["UOM-008"]
    with pytest.raises(MaterialUnitError):
        material_factors(_material("two volumes that disagree"))
