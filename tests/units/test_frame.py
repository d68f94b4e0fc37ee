"""Vectorised pandas conversion equals scalar convert, row by row."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from canonical.errors import IncompatibleUnitsError, InvalidQuantityError, MaterialUnitError
from canonical.units import AlternativeUnit, MaterialUnits, convert
from canonical.units.frame import convert_column, decimal_column

OIL = MaterialUnits("OIL", "KGM", (AlternativeUnit("LTR", Decimal("0.92")),
                                    AlternativeUnit("XDR", Decimal(200))))
CATALOGUE = {"OIL": OIL}


def test_matches_scalar_convert() -> None:
    values = decimal_column(pd.Series(["1", "2.5", "3", "0.001", "-4", "7"]))
    units = pd.Series(["LTR", "LBR", "KGM", "TNE", "GLL", "XDR"])
    materials = pd.Series(["OIL", None, "OIL", None, "OIL", "OIL"])
    result = convert_column(values, units, "KGM", materials=materials, catalogue=CATALOGUE)
    expected = [
        convert(v, u, "KGM", material=CATALOGUE.get(m) if m else None)
        for v, u, m in zip(values, units, materials, strict=True)
    ]
    assert result.tolist() == expected
    assert result.tolist()[1] == Decimal("1.133980925")


def test_non_terminating_groups_are_divided() -> None:
    values = decimal_column(pd.Series(["1", "2"]))
    result = convert_column(values, "KGM", "LBR")
    assert result.tolist() == [convert("1", "KGM", "LBR"), convert("2", "KGM", "LBR")]


def test_float_column_refused() -> None:
    with pytest.raises(InvalidQuantityError):
        convert_column(pd.Series([1.5, 2.0]), "KGM", "GRM")


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), 1.5, None, "3"])
def test_bad_value_names_row(bad: object) -> None:
    values = pd.Series([Decimal(1), bad], dtype=object)
    with pytest.raises(InvalidQuantityError) as info:
        convert_column(values, "KGM", "GRM")
    assert "row 1" in info.value.reason


def test_decimal_column_refuses_comma_decimals() -> None:
    with pytest.raises(InvalidQuantityError) as info:
        decimal_column(pd.Series(["1", "1.234,5"]))
    assert "row 1" in info.value.reason


def test_missing_material_and_incompatible() -> None:
    values = decimal_column(pd.Series(["1"]))
    with pytest.raises(MaterialUnitError):
        convert_column(values, "LTR", "KGM", materials=pd.Series(["NOPE"]), catalogue=CATALOGUE)
    with pytest.raises(IncompatibleUnitsError):
        convert_column(values, "LTR", "KGM")
