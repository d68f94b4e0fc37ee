"""pint at the edges: expressions to canonical codes; codes are never given to pint."""

from __future__ import annotations

import pytest

from canonical.errors import UnknownUnitError
from canonical.units.expression import code_for_expression


@pytest.mark.parametrize(
    ("expression", "code"),
    [("kg", "KGM"), ("pound", "LBR"), ("kg/h", "E93"), ("m**3/h", "MQH"), ("gallon", "GLL"),
     ("km/hour", "KMH"), ("kilowatt * hour", "KWH"), ("degC", "CEL"), ("inch", "INH")],
)
def test_expressions(expression: str, code: str) -> None:
    assert code_for_expression(expression) == code


@pytest.mark.parametrize("text", ["PC", "EA", "KGM", "ST", "not a unit", "kg*m/s**7"])
def test_codes_and_nonsense_are_refused(text: str) -> None:
    with pytest.raises(UnknownUnitError) as info:
        code_for_expression(text)
    assert info.value.rule_id == "UOM-001"
