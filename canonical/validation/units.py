"""The unit questions record validation asks, answered by :mod:`canonical.units`."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from canonical.errors import DeprecatedUnitError, IncompatibleUnitsError, UnitError, UnknownUnitError
from canonical.rules import Rule
from canonical.units.conversion import convert
from canonical.validation import rules as r


@cache
def unit_problem(code: str, dimension: str | None) -> tuple[Rule, str] | None:
    """Why ``code`` is not acceptable for a field requiring ``dimension`` (None = acceptable)."""
    from canonical.units import lookup

    try:
        unit = lookup(code)
    except DeprecatedUnitError as exc:
        return r.QTY_UNIT, exc.message
    except UnknownUnitError as exc:
        return r.QTY_UNIT, exc.message
    if dimension is not None and unit.dimension != dimension:
        return r.QTY_DIMENSION, f"{code} is a {unit.dimension} unit; this field needs a {dimension} unit"
    return None


def convert_or_none(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """Exact conversion, or None when the units are unknown or incompatible.

    ``convert`` is imported once from its module: looking it up per call cost more than the
    conversion."""
    try:
        return convert(value, from_unit, to_unit)
    except (IncompatibleUnitsError, UnitError):
        return None
