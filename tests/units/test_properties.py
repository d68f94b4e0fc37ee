"""Property tests: round trips and transitivity, exact."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from canonical.units import active_units, convert, convert_exact
from canonical.units.exact import terminates

BY_DIMENSION: dict[str, list[str]] = {}
for _unit in active_units():
    if _unit.factor is not None:
        BY_DIMENSION.setdefault(_unit.dimension, []).append(_unit.code)

values = st.decimals(min_value=-10**9, max_value=10**9, places=6, allow_nan=False)


@st.composite
def same_dimension(draw: st.DrawFn, size: int) -> list[str]:
    dimension = draw(st.sampled_from(sorted(BY_DIMENSION)))
    return [draw(st.sampled_from(BY_DIMENSION[dimension])) for _ in range(size)]


@settings(max_examples=300)
@given(values, same_dimension(2))
def test_exact_round_trip(value: Decimal, pair: list[str]) -> None:
    a, b = pair
    there = convert_exact(value, a, b)
    assert convert_exact_fraction(there, b, a) == Fraction(value)


def convert_exact_fraction(value: Fraction, a: str, b: str) -> Fraction:
    """Exact conversion of any rational (every conversion is affine: zero + slope * x)."""
    if terminates(value):
        return convert_exact(value, a, b)
    zero = convert_exact(0, a, b)
    return zero + (convert_exact(1, a, b) - zero) * value


@settings(max_examples=300)
@given(values, same_dimension(2))
def test_decimal_round_trip_when_the_ratio_terminates(value: Decimal, pair: list[str]) -> None:
    a, b = pair
    forward = convert_exact(1, a, b) - convert_exact(0, a, b)
    if terminates(forward) and terminates(1 / forward):
        assert convert(convert(value, a, b), b, a) == value


@settings(max_examples=300)
@given(values, same_dimension(3))
def test_transitivity(value: Decimal, triple: list[str]) -> None:
    a, b, c = triple
    via_b = convert_exact_fraction(convert_exact(value, a, b), b, c)
    assert via_b == convert_exact(value, a, c)
