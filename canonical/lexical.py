"""Lexical rules every reader of the project shares: what a number, date or time looks like.

A value is refused, never quietly repaired, when its text is not exactly what the contract
writes. The rules (``LEX-xxx``) hold wherever text becomes a value: the generated models,
the mapping engine, the B2MML reader, ``canon convert`` and the batch readers.

- digits are ASCII ``0-9`` only: Arabic-Indic (U+0660..U+0669), full-width (U+FF10..U+FF19) and other
  Unicode digits are refused (Python's ``int()``, ``Decimal()`` and regex ``\\d`` accept
  them, other languages do not);
- no whitespace or control character around a value (``"5\\n"`` is not ``5``);
- no control character inside an identifier or code;
- at most six fractional-second digits (the precision every consumer keeps): more digits
  are refused unless the extra ones are zeros (``.1234560`` is exact; the contract's own
  wire form, the Timestamp pattern, allows six digits only);
- a date where a timestamp is expected is refused: midnight of which zone would be a guess.

Value patterns are compiled with :data:`re.ASCII` and matched as a whole
(:func:`ascii_pattern`): ``$`` in Python matches before a final newline, which is how
``"5\\n"`` used to slip through. The checks return a :class:`Fault` (rule and message); the caller decides
whether that is a finding or an exception.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from canonical.report import Severity
from canonical.rules import Rule, Scope, rule

_S = Scope.INPUT

NON_ASCII_DIGIT = rule(
    "LEX-001", "A number, date or time uses digits other than ASCII 0-9 (Arabic-Indic, "
    "full-width, ...); they are refused, never read as ASCII.", _S)
SURROUNDING_SPACE = rule(
    "LEX-002", "A number, date, time or code has whitespace or a control character before or "
    "after it (\"5\\n\"); it is refused, not trimmed.", _S)
CONTROL_CHARACTER = rule(
    "LEX-003", "An identifier or code contains a control character, a line or paragraph "
    "separator or a byte-order mark.", _S)
FRACTION_DIGITS = rule(
    "LEX-004", "A timestamp has more than six fractional-second digits that are not zeros; "
    "cutting them to microseconds would change the value.", _S)
DATE_AS_TIMESTAMP = rule(
    "LEX-005", "A date without a time where a timestamp is expected; it is not read as "
    "midnight (of which zone would be a guess).", _S)
AMBIGUOUS_LOCAL_TIME = rule(
    "LEX-006", "A local time falls in the repeated hour of a daylight-saving change; it was "
    "read as its first occurrence (the documented policy).", _S, Severity.INFO)

#: Characters that are never part of a value's edge (Unicode White_Space, controls, BOM).
_EDGE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
#: Control characters, line/paragraph separators and the BOM anywhere in a value.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_FRACTION = re.compile(r"[T ][0-9]{2}:[0-9]{2}:[0-9]{2}[.,]([0-9]+)", re.ASCII)
_DATE_ONLY = re.compile(r"[0-9]{4}-?[0-9]{2}-?[0-9]{2}", re.ASCII)


@dataclass(frozen=True, slots=True)
class Fault:
    """Why a text is not the value it claims to be."""

    rule: Rule
    message: str

    def __str__(self) -> str:
        """``LEX-001: ...``: the form carried in exception messages (the models' structural
        findings keep their SCH rule and quote the lexical one)."""
        return f"{self.rule.id}: {self.message}"


def ascii_pattern(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """The ``fullmatch`` of ``pattern`` with ASCII ``\\d``/``\\w``/``\\s`` (the shared way to
    compile a value pattern: the whole text must match, a final newline included)."""
    return re.compile(pattern, re.ASCII).fullmatch


def has_foreign_digit(text: str) -> bool:
    """True when ``text`` holds a decimal digit that is not ASCII 0-9."""
    return not text.isascii() and any(c.isdecimal() and not c.isascii() for c in text)


def is_ascii_digits(text: str) -> bool:
    """``text`` is one or more ASCII digits (``str.isdigit`` also accepts ``"٣"`` and ``"²"``)."""
    return text.isascii() and text.isdigit()


def scalar_fault(text: str, what: str = "value") -> Fault | None:
    """The first lexical fault of a number, date, time or code, or None.

    Checks foreign digits (LEX-001), surrounding whitespace or controls (LEX-002) and
    controls inside (LEX-003); ``what`` names the value in the message.
    """
    if not text:
        return None
    if has_foreign_digit(text):
        digits = sorted({f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in text
                         if c.isdecimal() and not c.isascii()})
        return Fault(NON_ASCII_DIGIT, f"{what} {_show(text)} uses non-ASCII digits "
                     f"({', '.join(digits[:3])}); write ASCII 0-9")
    if _EDGE.match(text[0]) or _EDGE.match(text[-1]):
        return Fault(SURROUNDING_SPACE, f"{what} {_show(text)} has whitespace or a control "
                     "character around it; it is not trimmed")
    found = _CONTROL.search(text)
    if found is not None:
        return Fault(CONTROL_CHARACTER, f"{what} {_show(text)} contains the control "
                     f"character U+{ord(found.group()):04X}")
    return None


def timestamp_fault(text: str) -> Fault | None:
    """The lexical fault of a timestamp text (adds LEX-004 and LEX-005 to
    :func:`scalar_fault`), or None."""
    fault = scalar_fault(text, "timestamp")
    if fault is not None:
        return fault
    if _DATE_ONLY.fullmatch(text):
        return Fault(DATE_AS_TIMESTAMP, f"timestamp {_show(text)} is a date only; send the "
                     "time and its offset (it is not read as midnight)")
    if dropped_fraction(text):
        return Fault(FRACTION_DIGITS, f"timestamp {_show(text)} has fractional-second digits below the "
                     "microsecond; at most six are kept, cutting them would change the value")
    return None


def dropped_fraction(text: str) -> str:
    """The non-zero fractional-second digits after the sixth in ``text`` (``""`` if none)."""
    found = _FRACTION.search(text)
    if found is None:
        return ""
    extra = found.group(1)[6:]
    return extra if extra.strip("0") else ""


def _show(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")
