"""Table-driven exact conversions with independently known results (legal definitions)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canonical.units import AlternativeUnit, MaterialUnits, convert

# Expected values come from the legal definitions (1959 yard and pound, US gallon = 231 in³,
# UK gallon = 4.54609 L, 1 h = 3600 s, 0 °C = 273.15 K, °F = 9/5 °C + 32), worked out by hand.
CASES: list[tuple[str, str, str, str]] = [
    # mass
    ("1", "KGM", "GRM", "1000"),
    ("1500", "GRM", "KGM", "1.500"),
    ("2.5", "LBR", "KGM", "1.133980925"),
    ("1", "LBR", "GRM", "453.59237"),
    ("16", "ONZ", "LBR", "1"),
    ("1", "ONZ", "GRM", "28.349523125"),
    ("1", "TNE", "KGM", "1000"),
    ("1", "STN", "LBR", "2000"),
    ("1", "LTN", "LBR", "2240"),
    ("1", "STN", "KGM", "907.18474"),
    ("7000", "GRN", "LBR", "1"),
    ("1", "MGM", "GRM", "0.001"),
    ("1", "CWA", "LBR", "100"),
    ("1", "CWI", "LBR", "112"),
    ("1", "KTN", "TNE", "1000"),
    # length
    ("1", "INH", "MMT", "25.4"),
    ("12", "INH", "FOT", "1"),
    ("3", "FOT", "YRD", "1"),
    ("1", "YRD", "MTR", "0.9144"),
    ("1", "SMI", "YRD", "1760"),
    ("1", "SMI", "KMT", "1.609344"),
    ("1", "NMI", "MTR", "1852"),
    ("1", "KMT", "MTR", "1000"),
    ("100", "CMT", "MTR", "1"),
    ("1", "MTR", "MMT", "1000"),
    ("1", "FOT", "CMT", "30.48"),
    # area
    ("1", "MTK", "CMK", "10000"),
    ("1", "FTK", "INK", "144"),
    ("1", "YDK", "FTK", "9"),
    ("1", "INK", "CMK", "6.4516"),
    ("1", "KMK", "MTK", "1000000"),
    ("1", "MIK", "MTK", "2589988.110336"),
    # volume
    ("1", "GLL", "LTR", "3.785411784"),
    ("1", "GLL", "INQ", "231"),
    ("128", "OZA", "GLL", "1"),
    ("1", "GLI", "LTR", "4.54609"),
    ("1", "MTQ", "LTR", "1000"),
    ("1", "LTR", "MLT", "1000"),
    ("1", "FTQ", "INQ", "1728"),
    ("1", "YDQ", "FTQ", "27"),
    ("8", "PTL", "GLL", "1"),
    ("4", "QTL", "GLL", "1"),
    ("1", "BLL", "GLL", "42"),
    ("1", "CMQ", "MLT", "1"),
    ("1", "DMQ", "LTR", "1"),
    ("1", "HLT", "LTR", "100"),
    # time
    ("1", "HUR", "MIN", "60"),
    ("1", "HUR", "SEC", "3600"),
    ("1", "DAY", "HUR", "24"),
    ("1", "WEE", "DAY", "7"),
    ("90", "MIN", "HUR", "1.5"),
    ("1", "SEC", "C26", "1000"),
    # temperature
    ("0", "CEL", "KEL", "273.15"),
    ("100", "CEL", "FAH", "212"),
    ("32", "FAH", "CEL", "0"),
    ("-40", "CEL", "FAH", "-40"),
    ("212", "FAH", "KEL", "373.15"),
    ("0", "KEL", "CEL", "-273.15"),
    ("491.67", "A48", "CEL", "0"),
    ("37", "CEL", "FAH", "98.6"),
    # count (policy: C62, H87, EA and NAR are one item each)
    ("5", "H87", "EA", "5"),
    ("5", "EA", "C62", "5"),
    ("2", "DZN", "H87", "24"),
    ("1", "GRO", "DZN", "12"),
    ("3", "PR", "H87", "6"),
    ("1", "MIL", "CEN", "10"),
    # ratio, calendar, flow, speed, energy, pressure
    ("50", "P1", "NX", "500"),
    ("1", "ANN", "MON", "12"),
    ("1", "KMH", "MTS", "0.2777777777777777777777777777777778"),
    ("36", "KMH", "MTS", "10"),
    ("1", "KWH", "KJO", "3600"),
    ("1", "BAR", "KPA", "100"),
    ("1", "MQH", "MQS", "0.0002777777777777777777777777777777778"),
    ("60", "L2", "MQH", "3.6"),
]


@pytest.mark.parametrize(("value", "source", "target", "expected"), CASES)
def test_exact_conversion(value: str, source: str, target: str, expected: str) -> None:
    result = convert(value, source, target)
    assert result == Decimal(expected)
    assert isinstance(result, Decimal)


def test_at_least_sixty_cases() -> None:
    assert len(CASES) + len(MATERIAL_CASES) >= 60


BOX = MaterialUnits("SCREW-M6", "H87", (AlternativeUnit("XBX", Decimal(12)),
                                         AlternativeUnit("XPX", Decimal(960))))
OIL = MaterialUnits("OIL-15W40", "KGM", (AlternativeUnit("LTR", Decimal("0.92")),
                                          AlternativeUnit("XDR", Decimal(200))))
WIRE = MaterialUnits("WIRE-2.5", "MTR", (AlternativeUnit("KGM", Decimal(40), Decimal(1)),
                                          AlternativeUnit("XRL", Decimal(500))))

MATERIAL_CASES: list[tuple[MaterialUnits, str, str, str, str]] = [
    (BOX, "2", "XBX", "H87", "24"),
    (BOX, "30", "H87", "XBX", "2.5"),
    (BOX, "1", "XPX", "XBX", "80"),
    (BOX, "1", "XBX", "DZN", "1"),
    (BOX, "120", "EA", "XBX", "10"),
    (OIL, "1", "LTR", "KGM", "0.92"),
    (OIL, "1", "GLL", "KGM", "3.48257884128"),
    (OIL, "1", "XDR", "KGM", "200"),
    (OIL, "460", "KGM", "LTR", "500"),
    (OIL, "1", "MTQ", "TNE", "0.92"),
    (WIRE, "1", "KGM", "MTR", "40"),
    (WIRE, "1", "XRL", "KGM", "12.5"),
    (WIRE, "2", "XRL", "KMT", "1"),
]


@pytest.mark.parametrize(("material", "value", "source", "target", "expected"), MATERIAL_CASES)
def test_material_conversion(
    material: MaterialUnits, value: str, source: str, target: str, expected: str
) -> None:
    assert convert(value, source, target, material=material) == Decimal(expected)


def test_non_terminating_result_is_correctly_rounded_to_34_digits() -> None:
    # 1 kg = 100000000/45359237 lb = 2.20462262184877580722973801345027035...
    assert convert("1", "KGM", "LBR") == Decimal("2.204622621848775807229738013450270")


def test_precision_of_input_is_kept() -> None:
    assert str(convert("1500", "GRM", "KGM")) == "1.500"
    assert str(convert(Decimal("2.50"), "KGM", "KGM")) == "2.50"


def test_fast_path_and_first_call_agree() -> None:
    first = convert("3.3", "FOT", "MTR")
    again = convert(Decimal("3.3"), "FOT", "MTR")
    assert first == again == Decimal("1.00584")


def test_int_values_are_accepted() -> None:
    assert convert(3, "DZN", "H87") == Decimal(36)
