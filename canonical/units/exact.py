"""Exact numbers: reading quantity values and table factors, and Fraction <-> Decimal.

No float ever enters: a ``float`` value is refused (it is already inexact), strings must be
plain decimals (``"12.5"``, ``"-3"``, ``"1E+3"``), never ``"1,5"`` or ``"1.234,5"``.
Results that terminate are exact; a result with no finite decimal expansion (1 KGM in LBR
is 100000000/45359237 LBR) is correctly rounded to :data:`PRECISION` significant digits.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DecimalException,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
)
from fractions import Fraction

from canonical.errors import InvalidQuantityError
from canonical.lexical import scalar_fault

#: Significant digits of a result that does not terminate (IEEE 754 decimal128).
PRECISION = 34

#: Context for exact steps: any rounding raises instead of changing the value.
EXACT = Context(prec=1000, traps=[Inexact, Rounded, InvalidOperation, Overflow])
#: Context for the one rounding step of a non-terminating quotient.
ROUNDED = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, Overflow])

# ASCII digits only (canonical.lexical): "١٢" is not 12 here, whatever Decimal() thinks
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[.,' \u00a0\u202f]\d{3})+(?:[.,]\d+)?", re.ASCII)


def as_decimal(value: object) -> Decimal:
    """``value`` as a finite :class:`~decimal.Decimal`, or :class:`InvalidQuantityError`.

    Accepts ``Decimal``, ``int`` (not ``bool``), ``Fraction`` with a terminating expansion and
    plain decimal strings. Refuses float, NaN, Infinity, comma decimals and digit grouping.
    """
    if type(value) is Decimal:
        if value.is_finite():
            return value
        raise InvalidQuantityError(value, "NaN and Infinity are not quantities")
    if isinstance(value, bool):
        raise InvalidQuantityError(value, "a boolean is not a quantity")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):  # a subclass
        return as_decimal(Decimal(value))
    if isinstance(value, float):
        raise InvalidQuantityError(value, "float is inexact; pass a Decimal or a decimal string")
    if isinstance(value, Fraction):
        if not terminates(value):
            raise InvalidQuantityError(value, "the fraction has no finite decimal expansion")
        return to_decimal(value)
    if isinstance(value, str):
        return _parse(value)
    kind = type(value).__name__
    raise InvalidQuantityError(value, f"expected a Decimal, int or decimal string, not {kind}")


def _parse(text: str) -> Decimal:
    stripped = text
    if not stripped.strip():
        raise InvalidQuantityError(text, "empty value")
    fault = scalar_fault(text, "amount")
    if fault is not None:  # " 5\n", "١٢": refused, never trimmed or read as ASCII
        raise InvalidQuantityError(text, str(fault))
    if _PLAIN.fullmatch(stripped):
        return Decimal(stripped)
    if _GROUPED.fullmatch(stripped) or "," in stripped:
        raise InvalidQuantityError(
            text, "comma decimals and thousands separators are not accepted; "
            "write a plain decimal such as 1234.5",
        )
    if stripped.lower().lstrip("+-") in {"nan", "snan", "inf", "infinity"}:
        raise InvalidQuantityError(text, "NaN and Infinity are not quantities")
    raise InvalidQuantityError(text, "not a decimal number")


def parse_factor(text: str) -> Fraction:
    """A table factor: a plain decimal or an exact quotient ``a/b`` of plain decimals."""
    num, _, den = text.partition("/")
    value = Fraction(num.strip())
    if den:
        value /= Fraction(den.strip())
    return value


def terminates(value: Fraction) -> bool:
    """True when ``value`` has a finite decimal expansion (denominator of 2s and 5s only)."""
    den = value.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    return den == 1


def to_decimal(value: Fraction) -> Decimal:
    """Exact when ``value`` terminates within :data:`PRECISION` digits, else correctly rounded."""
    try:
        return ROUNDED.divide(Decimal(value.numerator), Decimal(value.denominator))
    except DecimalException as exc:  # pragma: no cover - only absurd magnitudes
        raise InvalidQuantityError(value, f"out of range: {exc.__class__.__name__}") from None


def to_fraction(value: Decimal) -> Fraction:
    """The exact rational value of a finite Decimal."""
    return Fraction(value)


def factor_text(value: Fraction) -> str:
    """The canonical text of a factor: exact decimal when it terminates, else ``p/q``."""
    if not terminates(value):
        return f"{value.numerator}/{value.denominator}"
    exact = EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))
    text = f"{exact:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
