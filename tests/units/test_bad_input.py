"""Bad input gets a clear error with a rule id, never a traceback or a wrong number."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from canonical.errors import (
    IncompatibleUnitsError,
    InvalidQuantityError,
    MaterialUnitError,
    UnitError,
)
from canonical.units import AlternativeUnit, MaterialUnits, check_material, convert


@pytest.mark.parametrize(
    "value",
    ["abc", "", "  ", "NaN", "nan", "Infinity", "-inf", "1.234,5", "1,5", "1,234", "1 234",
     "1'234.5", "12kg", float("nan"), float("inf"), 1.5, True, None, Decimal("NaN"),
     Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN"), Fraction(1, 3), [1]],
)
def test_invalid_values(value: object) -> None:
    with pytest.raises(InvalidQuantityError) as info:
        convert(value, "KGM", "GRM")
    assert info.value.rule_id == "UOM-004"


@pytest.mark.parametrize(("value", "lex"), [
    (" 7 ", "LEX-002"), ("5\n", "LEX-002"), ("\u00a012", "LEX-002"),
    ("\u0661\u0662", "LEX-001"), ("\uff11\uff12", "LEX-001"), ("1.\u0665", "LEX-001"), ("1\x1f2", "LEX-003"),
])
def test_lexical_faults_are_refused_not_repaired(value: str, lex: str) -> None:
    """Issue 13: " 7 " was trimmed and "١٢" read as 12 (Decimal() accepts both)."""
    with pytest.raises(InvalidQuantityError) as info:
        convert(value, "KGM", "GRM")
    assert info.value.rule_id == "UOM-004" and lex in str(info.value)


@pytest.mark.parametrize(("value", "expected"), [("1.234", "1234.000"), ("-0.5", "-500.0"),
                                                 ("1E+3", "1E+6")])
def test_plain_decimals_are_read_as_written(value: str, expected: str) -> None:
    assert convert(value, "KGM", "GRM") == Decimal(expected)


@pytest.mark.parametrize(("source", "target"), [("KGM", "LTR"), ("H87", "KGM"), ("XBX", "H87"),
                                                ("XBX", "XCT"), ("CEL", "KGM"), ("MON", "DAY"),
                                                ("P1", "H87"), ("SET", "H87")])
def test_incompatible_without_material(source: str, target: str) -> None:
    with pytest.raises(IncompatibleUnitsError) as info:
        convert("1", source, target)
    assert info.value.rule_id == "UOM-003"
    assert (info.value.from_unit, info.value.to_unit) == (source, target)
    assert info.value.from_dimension != "" and info.value.to_dimension != ""


def test_material_without_the_needed_factor() -> None:
    material = MaterialUnits("M1", "H87", (AlternativeUnit("XBX", Decimal(12)),))
    with pytest.raises(IncompatibleUnitsError) as info:
        convert("1", "XBX", "KGM", material=material)
    assert info.value.material == "M1"


def _material(*alts: AlternativeUnit, base: str = "KGM") -> MaterialUnits:
    return MaterialUnits("M1", base, alts)


@pytest.mark.parametrize(
    ("material", "rule_id"),
    [
        (_material(AlternativeUnit("XDR", Decimal(200), Decimal(0))), "UOM-007"),
        (_material(AlternativeUnit("XDR", Decimal(0))), "UOM-007"),
        (_material(AlternativeUnit("XDR", Decimal(-1))), "UOM-007"),
        (_material(AlternativeUnit("XDR", Decimal("NaN"))), "UOM-007"),
        (_material(AlternativeUnit("KGM", Decimal(1))), "UOM-008"),
        (_material(AlternativeUnit("LBR", Decimal("0.45"))), "UOM-008"),
        (_material(AlternativeUnit("LTR", Decimal("0.9")), AlternativeUnit("GLL", Decimal(3))),
         "UOM-008"),
        (_material(AlternativeUnit("XDR", Decimal(200)), AlternativeUnit("XDR", Decimal(180))),
         "UOM-009"),
        (_material(AlternativeUnit("CEL", Decimal(1))), "UOM-005"),
        (_material(AlternativeUnit("DRX", Decimal(1))), "UOM-001"),
        (_material(AlternativeUnit("DR", Decimal(1))), "UOM-002"),
        (_material(base="kg"), "UOM-001"),
    ],
)
def test_bad_material_definitions(material: MaterialUnits, rule_id: str) -> None:
    assert rule_id in check_material(material).rule_ids()
    with pytest.raises(UnitError) as info:
        convert("1", "XDR", "KGM", material=material)
    assert info.value.rule_id == rule_id


def test_material_error_type_and_fields() -> None:
    material = _material(AlternativeUnit("XDR", Decimal(200), Decimal(0)))
    with pytest.raises(MaterialUnitError) as info:
        convert("1", "XDR", "KGM", material=material)
    assert info.value.material == "M1"
    assert "$.alternative_units[0].denominator" in info.value.reason


def test_consistent_redundant_declaration_is_accepted() -> None:
    material = _material(AlternativeUnit("GRM", Decimal(1), Decimal(1000)))
    assert check_material(material).ok
    assert convert("1", "GRM", "KGM", material=material) == Decimal("0.001")
