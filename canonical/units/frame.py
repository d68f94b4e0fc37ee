"""Vectorised exact conversion of pandas columns (the ``[batch]`` extra; import on demand).

Values are ``object`` columns of :class:`~decimal.Decimal` (or int), never float: a float
column is refused, and :func:`decimal_column` turns a column of wire strings into Decimals
with row-numbered errors. The conversion factor is computed exactly once per unique
``(unit, material)`` group (a handful, however long the column), then applied with one
vectorised Decimal multiply in an exact context (a rounding would raise), plus one divide for
the rows whose group ratio has no finite decimal expansion (correctly rounded to 34 digits,
like scalar :func:`~canonical.units.convert`). Results equal scalar ``convert`` row by row.

Why Decimal objects rather than scaled int64: int64 overflows at 19 digits (a value with 6
decimals times a factor with 12 leaves 1 integer digit), and the wire format is decimal
strings anyway; the object multiply costs about as much as pandas' own object multiply,
which is the baseline the benchmark compares against.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from canonical.errors import InvalidQuantityError, MaterialUnitError, UnitError
from canonical.units.conversion import plan_for, ratio
from canonical.units.exact import EXACT, ROUNDED, as_decimal
from canonical.units.material import MaterialLike

_IS_FINITE = np.frompyfunc(Decimal.is_finite, 1, 1)


def decimal_column(values: pd.Series) -> pd.Series:
    """A column of wire strings (or Decimals/ints) as an ``object`` column of Decimals.

    Raises :class:`InvalidQuantityError` naming the first bad row (NaN, float, "1.234,5").
    """
    out = np.empty(len(values), dtype=object)
    for position, (index, value) in enumerate(values.items()):
        try:
            out[position] = as_decimal(value)
        except InvalidQuantityError as exc:
            raise InvalidQuantityError(value, f"row {index!r}: {exc.reason}") from None
    return pd.Series(out, index=values.index, name=values.name, dtype=object)


def convert_column(
    values: pd.Series, units: pd.Series | str, to_unit: str, *,
    materials: pd.Series | None = None, catalogue: Mapping[str, MaterialLike] | None = None,
) -> pd.Series:
    """Each row's value in ``to_unit``, exact; ``materials`` holds material ids in ``catalogue``.

    Errors name the first offending group or row: UOM-001/002/003 for a unit or material that
    cannot convert, UOM-004 for a value that is not a finite Decimal, UOM-005 for a material id
    missing from the catalogue.
    """
    if values.dtype != object:
        raise InvalidQuantityError(
            str(values.dtype), "value column must hold Decimals (object dtype), never float; "
            "use decimal_column() on wire strings",
        )
    n = len(values)
    unit_col = pd.Series([units] * n, index=values.index) if isinstance(units, str) else units
    unit_codes, unit_uniques = pd.factorize(unit_col, use_na_sentinel=False)
    if materials is None:
        group_codes, group_keys = unit_codes, [(u, None) for u in unit_uniques]
    else:
        mat_codes, mat_uniques = pd.factorize(materials, use_na_sentinel=False)
        width = max(len(mat_uniques), 1)
        group_codes, combined = pd.factorize(unit_codes.astype(np.int64) * width + mat_codes)
        group_keys = [(unit_uniques[k // width], mat_uniques[k % width]) for k in combined]
    multipliers = np.empty(len(group_keys), dtype=object)
    divisors = np.empty(len(group_keys), dtype=object)
    for position, (unit, material_id) in enumerate(group_keys):
        material = _material(material_id, catalogue)
        multipliers[position], divisors[position], _ = plan_for(
            ratio(_code(unit), to_unit, material=material)
        )
    array = values.to_numpy()
    with decimal.localcontext(EXACT):
        try:
            result = array * multipliers[group_codes]
        except (TypeError, decimal.DecimalException):
            raise _first_bad(values) from None
    needs_divide = np.array([d is not None for d in divisors], dtype=bool)[group_codes]
    if needs_divide.any():
        with decimal.localcontext(ROUNDED):
            result[needs_divide] = result[needs_divide] / divisors[group_codes][needs_divide]
    if n and not _IS_FINITE(result).all():
        raise _first_bad(values)
    return pd.Series(result, index=values.index, name=to_unit, dtype=object)


def _code(unit: Any) -> str:
    if isinstance(unit, str):
        return unit
    raise UnitError(f"unit column holds {unit!r}, not a unit code", rule_id="UOM-001")


def _material(
    material_id: Any, catalogue: Mapping[str, MaterialLike] | None
) -> MaterialLike | None:
    if material_id is None or (isinstance(material_id, float) and material_id != material_id):
        return None
    found = (catalogue or {}).get(str(material_id))
    if found is None:
        raise MaterialUnitError(str(material_id), "not in the material catalogue given")
    return found


def _first_bad(values: pd.Series) -> InvalidQuantityError:
    for index, value in values.items():
        if type(value) is not Decimal and not (isinstance(value, int) and type(value) is not bool):
            return InvalidQuantityError(value, f"row {index!r}: not a Decimal")
        if isinstance(value, Decimal) and not value.is_finite():
            reason = f"row {index!r}: NaN and Infinity are not quantities"
            return InvalidQuantityError(value, reason)
    return InvalidQuantityError("column", "a value is out of the exact range")
