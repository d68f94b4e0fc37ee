"""Exact conversion between canonical unit codes, optionally through a material.

``convert(value, from_unit, to_unit)`` returns a :class:`~decimal.Decimal`:

- linear units: ``value * ratio`` where ``ratio = factor(from) / factor(to)`` is an exact
  fraction. When the ratio terminates the product is exact and keeps the absolute precision
  of the input (``1500 GRM`` -> ``1.500 KGM``); otherwise the exact quotient is correctly
  rounded to 34 significant digits (see :mod:`canonical.units.exact`).
- temperatures: ``kelvin = (value + offset) * factor`` on both sides, computed exactly.
- counts: C62, H87, EA and NAR are each one item and convert 1:1 (PR = 2, DZN = 12, ...).
  Package units (XBX, XDR, SET, KT) convert only through a material.
- different dimensions convert only through a material's declarations (UOM-003 otherwise).

The hot path is a dict lookup of a cached per-pair plan and one or two Decimal operations
in a fixed context; no float and no pint anywhere.
"""

from __future__ import annotations

from decimal import Decimal, DecimalException
from fractions import Fraction

from canonical.errors import IncompatibleUnitsError, InvalidQuantityError, UnitError
from canonical.units.exact import EXACT, ROUNDED, as_decimal, terminates
from canonical.units.material import MaterialLike, material_factors
from canonical.units.rules import INCOMPATIBLE_UNITS
from canonical.units.table import Unit, lookup

#: A plan ``(mul, div, add)``: ``(value * mul + add) / div``, skipping ``add``/``div`` when None.
#: Every conversion is affine, so one shape serves linear units and temperatures alike.
Plan = tuple[Decimal, Decimal | None, Decimal | None]

_PLANS: dict[tuple[str, str], Plan] = {}


def convert(
    value: object, from_unit: str, to_unit: str, *, material: MaterialLike | None = None
) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``; exact (see the module docs).

    Raises UOM-001/002 for unknown or deprecated codes, UOM-003 for incompatible units,
    UOM-004 for a value that is not an exact finite decimal, UOM-005/007/008/009 for an
    unusable material.
    """
    if material is None and type(value) is Decimal and value.is_finite():
        plan = _PLANS.get((from_unit, to_unit))
        if plan is not None:
            if plan[1] is None and plan[2] is None:  # the common case, inlined
                try:
                    return EXACT.multiply(value, plan[0])
                except DecimalException:
                    pass  # _apply reports it
            return _apply(value, plan)
    return _convert(value, from_unit, to_unit, material)


def convert_exact(
    value: object, from_unit: str, to_unit: str, *, material: MaterialLike | None = None
) -> Fraction:
    """Like :func:`convert` but returns the exact rational result (never rounded)."""
    number = Fraction(as_decimal(value))
    source, target = lookup(from_unit), lookup(to_unit)
    if _is_affine(source, target):
        return _affine(number, source, target)
    return number * ratio(source.code, target.code, material=material)


def ratio(from_unit: str, to_unit: str, *, material: MaterialLike | None = None) -> Fraction:
    """How many ``to_unit`` one ``from_unit`` is, exactly (linear units only)."""
    source, target = lookup(from_unit), lookup(to_unit)
    if _is_affine(source, target):
        raise UnitError(
            f"{source.code} -> {target.code} has an offset, not a ratio; use convert()",
            rule_id=INCOMPATIBLE_UNITS.id,
        )
    if source.code == target.code:
        return Fraction(1)
    same = source.dimension == target.dimension
    if same and source.factor is not None and target.factor is not None:
        return source.factor / target.factor
    if material is None:
        raise IncompatibleUnitsError(source.code, target.code, source.dimension, target.dimension)
    factors = material_factors(material)
    from_base, to_base = factors.in_base(source), factors.in_base(target)
    if from_base is None or to_base is None:
        raise IncompatibleUnitsError(
            source.code, target.code, source.dimension, target.dimension, material=material.id
        )
    return from_base / to_base


def plan_for(ratio_: Fraction, shift: Fraction = Fraction(0)) -> Plan:
    """Exact Decimal operations for ``value * ratio_ + shift`` (used by the vectorised path).

    When the ratio terminates: ``value * ratio_ + shift``. Otherwise, with ``ratio_ = p/q``:
    ``(value * p + shift * q) / q``, so the only rounding is the final division.
    """
    if terminates(ratio_) and terminates(shift):
        return (_exact(ratio_), None, _exact(shift) if shift else None)
    p, q = ratio_.numerator, ratio_.denominator
    scaled = shift * q
    if not terminates(scaled):  # pragma: no cover - offsets are decimals, p and q integers
        raise InvalidQuantityError(f"{shift}", "offset has no exact decimal form")
    return (Decimal(p), Decimal(q), _exact(scaled) if scaled else None)


def _exact(value: Fraction) -> Decimal:
    return EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))


def _apply(value: Decimal, plan: Plan) -> Decimal:
    multiplier, divisor, shift = plan
    try:
        result = EXACT.multiply(value, multiplier)
        if shift is not None:
            result = EXACT.add(result, shift)
        return result if divisor is None else ROUNDED.divide(result, divisor)
    except DecimalException as exc:
        reason = f"out of the exact range ({type(exc).__name__})"
        raise InvalidQuantityError(value, reason) from None


def _convert(
    value: object, from_unit: str, to_unit: str, material: MaterialLike | None
) -> Decimal:
    number = as_decimal(value)
    source, target = lookup(from_unit), lookup(to_unit)
    if _is_affine(source, target):
        shift = _affine(Fraction(0), source, target)
        plan = plan_for(_affine(Fraction(1), source, target) - shift, shift)
    else:
        plan = plan_for(ratio(source.code, target.code, material=material))
    if material is None:
        _PLANS[(source.code, target.code)] = plan
    return _apply(number, plan)


def _is_affine(source: Unit, target: Unit) -> bool:
    return bool(source.offset or target.offset) and source.code != target.code


def _affine(number: Fraction, source: Unit, target: Unit) -> Fraction:
    if source.dimension != target.dimension or source.factor is None or target.factor is None:
        raise IncompatibleUnitsError(source.code, target.code, source.dimension, target.dimension)
    kelvin = (number + source.offset) * source.factor
    return kelvin / target.factor - target.offset
