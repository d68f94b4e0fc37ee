"""Dynamic and kinematic viscosity (what LIMS report): Rec 20 codes with exact factors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canonical.errors import UnitError
from canonical.units import convert, lookup


@pytest.mark.parametrize(("amount", "source", "target", "expected"), [
    ("1", "89", "C7", "100"),            # 1 poise = 100 centipoise
    ("1", "C7", "C24", "1"),             # centipoise = millipascal second
    ("1250", "C7", "C65", "1.25"),       # centipoise to pascal second
    ("1", "N37", "C65", "1"),            # kg/(m.s) = Pa.s
    ("60", "N38", "C65", "1"),           # kg/(m.min): exactly 1/60
    ("1", "91", "4C", "100"),            # 1 stokes = 100 centistokes
    ("1", "C17", "4C", "1"),             # mm2/s = cSt
    ("1000000", "4C", "S4", "1"),        # centistokes to m2/s
    ("1", "M81", "91", "1"),             # cm2/s = St
])
def test_viscosity_converts_exactly(amount: str, source: str, target: str,
                                    expected: str) -> None:
    assert convert(Decimal(amount), source, target) == Decimal(expected)


@pytest.mark.parametrize(("code", "dimension"), [
    ("C7", "dynamic_viscosity"), ("89", "dynamic_viscosity"), ("C65", "dynamic_viscosity"),
    ("4C", "kinematic_viscosity"), ("91", "kinematic_viscosity"), ("S4", "kinematic_viscosity"),
])
def test_viscosity_codes_have_their_dimension(code: str, dimension: str) -> None:
    assert lookup(code).dimension == dimension


def test_dynamic_and_kinematic_viscosity_do_not_convert() -> None:
    """Different quantities (kinematic = dynamic / density): never converted."""
    with pytest.raises(UnitError):
        convert(Decimal(1), "C7", "4C")
