"""The explicit rounding step and whole-count checks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canonical.errors import RoundingError
from canonical.units import (
    DEFAULT_POLICY,
    RoundingMode,
    RoundingPolicy,
    check_precision,
    check_whole,
    convert,
    rounded,
)


@pytest.mark.parametrize(
    ("value", "unit", "mode", "expected"),
    [("2.3455", "KGM", RoundingMode.HALF_EVEN, "2.346"), ("2.3445", "KGM", RoundingMode.HALF_EVEN,
     "2.344"), ("2.3445", "KGM", RoundingMode.HALF_UP, "2.345"), ("2.3441", "KGM",
     RoundingMode.UP, "2.345"), ("-2.3449", "KGM", RoundingMode.DOWN, "-2.344"),
     ("1.0005", "LTR", RoundingMode.FLOOR, "1.000")],
)
def test_rounding_modes(value: str, unit: str, mode: RoundingMode, expected: str) -> None:
    assert str(rounded(value, unit, mode=mode)) == expected


def test_conversion_then_explicit_rounding() -> None:
    exact = convert("1", "KGM", "LBR")
    assert rounded(exact, "LBR") == Decimal("2.205")


def test_non_whole_count_is_refused_not_rounded() -> None:
    with pytest.raises(RoundingError) as info:
        rounded("2.5", "H87")
    assert info.value.rule_id == "UOM-006"
    assert rounded("2.5", "H87", counts="round", mode=RoundingMode.UP) == Decimal(3)
    assert rounded("3", "XBX") == Decimal(3)


def test_check_whole_reports() -> None:
    assert check_whole(convert("30", "H87", "DZN"), "DZN").rule_ids() == ["UOM-006"]
    assert check_whole("36", "H87").ok
    assert check_whole("2.5", "KGM").ok


def test_unit_without_precision_is_refused() -> None:
    with pytest.raises(RoundingError):
        rounded("1.5", "SEC")
    assert rounded("1.25", "SEC", places=1) == Decimal("1.2")


def test_policy_is_configurable_per_unit() -> None:
    plant = DEFAULT_POLICY.with_places(KGM=1, SEC=0)
    assert rounded("2.25", "KGM", policy=plant) == Decimal("2.2")
    assert rounded("59.5", "SEC", policy=plant) == Decimal("60")
    assert RoundingPolicy(mode=RoundingMode.HALF_UP).places_for("GRM") is None


def test_check_precision_warns() -> None:
    report = check_precision("1.2345", "KGM", path="$.quantity.value")
    assert report.rule_ids() == ["UOM-010"]
    assert report.ok  # a warning, not an error
    assert not check_precision("1.234", "KGM")
