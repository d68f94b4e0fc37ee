"""Field types shared by the generated models.

The generator (:mod:`canonical.schema.pydantic_gen`) maps LinkML types to these
annotated types. They exist to keep the wire format exact and to refuse silent coercion:

- decimals travel as JSON *strings* ("12.500"); a JSON number, NaN or Infinity is refused,
  and the value serialises back to the same string (trailing zeros kept, no exponent);
- timestamps must be ISO 8601 strings (or aware ``datetime`` objects) with an offset;
  a naive timestamp or a Unix epoch number is refused;
- integers and booleans are strict: ``"10"`` is not 10 and ``"true"`` is not True;
- a type with a pattern is checked against it as a whole text before it is parsed
  (:func:`lexical_text`), with the shared lexical rules (:mod:`canonical.lexical`) naming why
  a text is refused: ``"5\\n"``, Arabic-Indic digits or a nanosecond timestamp are never
  quietly turned into something else;
- an optional list given as ``null`` is absent, exactly as an empty or missing list
  (:func:`absent_list`), which is what the published JSON Schema allows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AwareDatetime, BeforeValidator, PlainSerializer, StrictBool, StrictInt

from canonical.lexical import ascii_pattern, scalar_fault, timestamp_fault

__all__ = [
    "DECIMAL_SERIALIZER",
    "AwareTimestamp",
    "Date",
    "StrictBool",
    "StrictInt",
    "absent_list",
    "decimal_parser",
    "format_decimal",
    "lexical_text",
]


def format_decimal(value: Decimal) -> str:
    """Decimal -> wire string without exponent, keeping the given scale ("12.500").

    Exactly ``format(value, "f")``. ``str`` writes the same text, four times faster, whenever
    it writes no exponent (a plain Decimal with an exponent <= 0 and at most six zeros after
    the point), so the exponent form and any other type take ``format``.
    """
    text = str(value)
    if type(value) is not Decimal or "E" in text or "e" in text:  # "e": a context without capitals
        return format(value, "f")
    return text


def _safe_length(compiled: re.Pattern[str]) -> int:
    """The longest length at which *every* plain decimal string (as ``str(Decimal)`` writes
    them: optional minus, digits, optional point and digits) matches ``compiled``. Derived
    from the schema's pattern, so the fast path can never disagree with it."""
    length = 0
    for n in range(1, 40):
        probes = ["9" * n, "-" + "9" * (n - 1) if n > 1 else "9"]
        probes += ["9" * k + "." + "9" * (n - k - 1) for k in range(1, n - 1)]
        probes += ["-" + "9" * k + "." + "9" * (n - k - 2) for k in range(1, n - 2)]
        probes += ["0." + "9" * (n - 2)] if n > 2 else ["0"]
        probes += ["-0." + "9" * (n - 3)] if n > 3 else ["-0"]
        if not all(compiled.match(p) for p in probes):
            return length
        length = n
    return length


def decimal_parser(pattern: str) -> Callable[[object], Decimal]:
    """A before-validator: a Decimal that must arrive as a string matching ``pattern``."""
    compiled = re.compile(pattern)
    fullmatch = ascii_pattern(pattern)
    always_fits = _safe_length(compiled)

    def parse(value: object) -> Decimal:
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError("NaN and Infinity are not quantities")
            text = str(value)
            if len(text) <= always_fits and "E" not in text:
                return value  # short plain decimals always match: skip the regex (hot path)
            if "E" in text:
                text = format(value, "f")
            if not fullmatch(text):  # a value built in Python must still fit the wire
                raise ValueError(
                    f"{text[:40]} does not fit a canonical decimal (pattern {pattern}); "
                    "round it explicitly (Quantity.to(unit, places=N), canonical.units.rounded)"
                )
            return value
        if isinstance(value, bool | int | float):
            raise ValueError(
                f"decimal values travel as strings (\"12.500\"), not JSON numbers; got {value!r}"
            )
        if not isinstance(value, str):
            raise ValueError(f"expected a decimal string, got {type(value).__name__}")
        if not fullmatch(value):
            fault = scalar_fault(value, "decimal")
            if fault is not None:
                raise ValueError(str(fault))
            raise ValueError(
                f"{value[:40]!r} is not a plain decimal string like \"12.500\" "
                "(no exponent, thousands separator, comma decimal, NaN or Infinity)"
            )
        try:
            return Decimal(value)
        except InvalidOperation as exc:  # pragma: no cover - pattern already guarantees it
            raise ValueError(f"{value!r} is not a decimal") from exc

    return parse


#: Serialises a Decimal to its exact wire string.
DECIMAL_SERIALIZER = PlainSerializer(format_decimal, return_type=str, when_used="json")


def lexical_text(pattern: str, kind: str) -> Callable[[object], object]:
    """A before-validator: a text must match ``pattern`` as a whole before it is parsed as a
    ``kind`` ("timestamp" or "date"); values that are not text pass on to the type's own check.

    The message starts with the LEX rule id when a shared lexical rule explains the refusal.
    """
    fullmatch = ascii_pattern(pattern)

    def check(value: object) -> object:
        if not isinstance(value, str) or fullmatch(value):
            return value
        fault = timestamp_fault(value) if kind == "timestamp" else scalar_fault(value, kind)
        if fault is not None:
            raise ValueError(str(fault))
        raise ValueError(f"{value[:40]!r} is not an ISO 8601 {kind} as the contract writes it "
                         f"(pattern {pattern})")

    return check


def absent_list(value: object) -> object:
    """``null`` for an optional list means the list is absent (the same as ``[]``)."""
    return [] if value is None else value


def _only_text_or(kind: type) -> Any:
    def check(value: object) -> object:
        if isinstance(value, kind | str):
            return value
        raise ValueError(
            f"expected an ISO 8601 string, got {type(value).__name__} {str(value)[:40]!r}"
        )

    return BeforeValidator(check)


def _date_only(value: object) -> object:
    if isinstance(value, datetime):
        raise ValueError("expected a date (YYYY-MM-DD), got a date-time")
    return value


#: A time-zone-aware timestamp; naive timestamps and epoch numbers are refused.
AwareTimestamp = Annotated[AwareDatetime, _only_text_or(datetime)]

#: A calendar date, written ``YYYY-MM-DD``.
Date = Annotated[date, _only_text_or(date), BeforeValidator(_date_only)]
