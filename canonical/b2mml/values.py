"""Reading B2MML text values leniently where real files differ, strictly where meaning would change.

Each parser returns the value or raises :class:`ValueProblem` with a short reason; the reader
turns that into a located finding (B2M-103). Accepted quirks: surrounding whitespace,
fractional seconds longer than microseconds (the extra digits are reported when non-zero),
``Z`` as offset, leading zeros in numbers ("0010"), decimals in exponent form (``0.4E1``:
the xsd:double / xsd:decimal forms real gateways write; read exactly, written plain).
Refused: naive time stamps, comma decimals, thousands separators, NaN and INF, more than 30
digits in plain form, and whatever the shared lexical rules refuse (:mod:`canonical.lexical`:
digits other than ASCII 0-9, control characters).

A document repeats few distinct texts many times (the same time stamps, quantities and
codes in thousands of records), so the text parsers remember their last few thousand
answers (pure functions of the text: a cached answer is the answer; a refused text is
parsed again, so its finding is made each time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Context, Decimal
from functools import lru_cache

from canonical.lexical import ascii_pattern, scalar_fault
from canonical.models.types import format_decimal

_TIMESTAMP = ascii_pattern(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?"
)
_DATE = ascii_pattern(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = ascii_pattern(r"-?\d{1,30}(\.\d{1,30})?")
_EXPONENT = ascii_pattern(r"-?(\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})[eE][+-]?\d{1,3}")
_INTEGER = ascii_pattern(r"\d{1,9}")
_MAX_DIGITS = 30
_WIDE = Context(prec=2 * _MAX_DIGITS)
_BOOLEAN = {"true": True, "1": True, "false": False, "0": False}
#: How many distinct texts each parser remembers (a bounded cache: a 10 MB document of
#: distinct values costs a few hundred kB, not its size).
_REMEMBERED = 4096


class ValueProblem(ValueError):
    """A text that is not the expected kind of value."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """A parsed time stamp and whether sub-microsecond digits were dropped; ``text``: the
    value as ISO 8601 (made once per distinct text, with the parse)."""

    value: datetime
    truncated: bool
    text: str = ""


@lru_cache(maxsize=_REMEMBERED)
def timestamp(text: str) -> Stamp:
    """``2026-03-02T06:00:00.1234567+01:00`` -> aware datetime (offset required)."""
    found = _TIMESTAMP(_text(text, "timestamp"))
    if found is None:
        raise ValueProblem(f"{text!r} is not an ISO 8601 date-time")
    day, clock, fraction, offset = found.groups()
    if offset is None:
        raise ValueProblem(f"{text!r} has no time zone offset (naive time stamps are refused)")
    fraction = fraction or ""
    kept, dropped = fraction[:6], fraction[6:]
    iso = f"{day}T{clock}" + (f".{kept.ljust(6, '0')}" if kept else "")
    iso += "+00:00" if offset == "Z" else offset
    try:
        value = datetime.fromisoformat(iso)
    except ValueError as exc:
        raise ValueProblem(f"{text!r} is not a valid date-time: {exc}") from exc
    return Stamp(value, truncated=bool(dropped.strip("0")), text=value.isoformat())


def calendar_date(text: str) -> date:
    """``YYYY-MM-DD`` (a date-time is refused: which day it is depends on the zone)."""
    stripped = _text(text, "date")
    if not _DATE(stripped):
        raise ValueProblem(f"{text!r} is not a date YYYY-MM-DD")
    try:
        return date.fromisoformat(stripped)
    except ValueError as exc:
        raise ValueProblem(f"{text!r} is not a valid date: {exc}") from exc


@lru_cache(maxsize=_REMEMBERED)
def decimal_text(text: str) -> str:
    """An exact decimal as the canonical wire string (leading zeros removed, scale kept)."""
    stripped = _text(text, "decimal")
    if _DECIMAL(stripped):
        return format_decimal(Decimal(stripped))
    if _EXPONENT(stripped):
        return format_decimal(_plain(Decimal(stripped), text))
    raise ValueProblem(
        f"{text!r} is not a decimal (no comma, sign '+', separators, NaN or INF)"
    )


def _plain(value: Decimal, text: str) -> Decimal:
    """An exponent-form decimal in plain form, exactly: ``0.4E1`` is 4, ``4.08E3`` 4080,
    ``1.50E-1`` 0.150 (the significant digits written are kept, none invented)."""
    _, digits, exponent = value.as_tuple()
    scale = exponent if isinstance(exponent, int) else 0  # finite: no NaN/INF matched
    if max(-scale, 0) > _MAX_DIGITS or len(digits) + scale > _MAX_DIGITS:
        raise ValueProblem(f"{text!r} has more than {_MAX_DIGITS} digits in plain form")
    return value.scaleb(0) if scale <= 0 else value.quantize(Decimal(1), context=_WIDE)


def integer(text: str) -> int:
    """A non-negative whole number; "0010" is 10."""
    stripped = _text(text, "whole number")
    if not _INTEGER(stripped):
        raise ValueProblem(f"{text!r} is not a whole number")
    return int(stripped)


def _text(text: str, what: str) -> str:
    """``text`` without the XML layout whitespace around it; a lexical fault inside (foreign
    digits, control characters) raises :class:`ValueProblem` naming the LEX rule."""
    stripped = text.strip(" \t\r\n")
    fault = scalar_fault(stripped, what)
    if fault is not None:
        raise ValueProblem(str(fault))
    return stripped


def boolean(text: str) -> bool:
    """xsd:boolean: true, false, 1, 0."""
    found = _BOOLEAN.get(text.strip().lower())
    if found is None:
        raise ValueProblem(f"{text!r} is not a boolean (true/false)")
    return found
