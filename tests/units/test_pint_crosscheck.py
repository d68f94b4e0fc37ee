"""Every physical factor of the unit table agrees with pint's own definitions."""

from __future__ import annotations

import re
from decimal import Decimal

import pint
import pytest

from canonical.units import active_units, convert

UREG = pint.UnitRegistry()
SI = {
    "mass": "kg", "length": "m", "area": "m**2", "volume": "m**3", "time": "s",
    "frequency": "Hz", "velocity": "m/s", "acceleration": "m/s**2", "mass_flow": "kg/s",
    "volume_flow": "m**3/s", "density": "kg/m**3", "force": "N", "pressure": "Pa",
    "energy": "J", "power": "W", "electric_current": "A", "electric_charge": "C",
    "voltage": "V",
}
#: pint names for units whose Rec 20 symbol pint does not read (never plant codes).
PINT_NAME = {
    "77": "thou", "APZ": "troy_ounce", "B35": "kg/L", "BLL": "oil_barrel", "BUA": "bushel",
    "BUI": "imperial_bushel", "CWA": "short_hundredweight", "CWI": "long_hundredweight",
    "DAA": "10 * are", "DTN": "decitonne", "G26": "m**3", "H80": "1.75 * inch",
    "HBA": "hectobar", "J82": "calorie/second", "K43": "electrical_horsepower",
    "K53": "kilocalorie", "K55": "kilocalorie/second", "KTN": "kilotonne", "LTN": "long_ton",
    "M36": "30 * day", "M86": "500 * gram", "NMI": "nautical_mile", "OZA": "fluid_ounce",
    "OZI": "imperial_fluid_ounce", "PTI": "imperial_pint", "PTL": "pint",
    "QTI": "imperial_quart", "QTL": "quart", "R9": "1000 * m**3", "STN": "short_ton",
    "WEE": "week", "GLL": "gallon", "GLI": "imperial_gallon",
}
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
PHYSICAL = [u for u in active_units() if u.dimension in SI]


def _pint_expression(code: str, symbol: str) -> str:
    if code in PINT_NAME:
        return PINT_NAME[code]
    expr = symbol.translate(_SUP).replace("·", "*").replace("µ", "u")
    return re.sub(r"([a-zA-Z)])(-?\d+)", r"\1**\2", expr)


def test_every_physical_unit_is_checked() -> None:
    assert len(PHYSICAL) > 200


@pytest.mark.parametrize("unit", PHYSICAL, ids=lambda u: u.code)
def test_factor_matches_pint(unit) -> None:  # type: ignore[no-untyped-def]
    expected = UREG.parse_expression(_pint_expression(unit.code, unit.symbol)).to(
        SI[unit.dimension]
    ).magnitude
    assert unit.factor is not None
    assert float(unit.factor) == pytest.approx(float(expected), rel=1e-12)


@pytest.mark.parametrize(
    ("value", "ours", "source", "target"),
    [("0", "CEL", "degC", "degF"), ("-17.5", "FAH", "degF", "K"), ("300", "KEL", "K", "degC"),
     ("500", "A48", "degR", "degC"), ("21.3", "CEL", "degC", "degR")],
)
def test_temperature_offsets_match_pint(value: str, ours: str, source: str, target: str) -> None:
    code = {"degF": "FAH", "K": "KEL", "degC": "CEL", "degR": "A48"}[target]
    expected = UREG.Quantity(float(value), source).to(target).magnitude
    assert float(convert(Decimal(value), ours, code)) == pytest.approx(expected, rel=1e-12)
