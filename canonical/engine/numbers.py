"""Numbers as plants write them: a declared decimal mark and thousands separators, ranges in
one string, and censored laboratory results.

A spec declares ``number: {decimal: ",", group: [" ", "\u00a0", "\u202f", ".", "'"]}``
(for the whole spec, a field or a quantity). Reading accepts the separators only as real
thousands groups (``1 234 567,5``; ``1.23,5`` is refused, never guessed) and gives the plain
digits the exact decimal readers take; writing uses the decimal mark and no grouping. A range
(``"0,995 - 1,015"``) is split into its two ends; a censored result (``"< 0,5"``) is its
operator and its bound. Every reader returns the text or a :class:`Problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from canonical.engine.values import Problem, read_decimal, within_limits
from canonical.lexical import scalar_fault
from canonical.models.types import format_decimal

#: thousands separators a spec may declare: space, no-break space, narrow no-break space,
#: dot, apostrophe (and the right single quotation mark Swiss systems send)
GROUP_MARKS = frozenset({" ", "\u00a0", "\u202f", ".", "'", "\u2019"})
DECIMAL_MARKS = frozenset({".", ","})
#: between the ends of a range, tried in order: an en dash or two dots; a hyphen with spaces
#: around it ("1 000 - 2 000", the ends may hold spaces); a bare hyphen after a digit
_RANGE_SEPARATORS = (re.compile(r"\s*(?:\u2013|\.\.)\s*"), re.compile(r"\s+-\s+"),
                     re.compile(r"(?<=\d)-(?=[-+]?\d)", re.ASCII))
_CENSORED = re.compile(r"([<>]=?|\u2264|\u2265)\s*(.+)")
_CENSOR_MARKS = ("<", ">", "\u2264", "\u2265")


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """A declared decimal mark and the thousands separators accepted on reading."""

    decimal: str = "."
    groups: frozenset[str] = frozenset()
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        marks = re.escape("".join(sorted(self.groups)))
        digits = rf"\d{{1,3}}(?:(?P<g>[{marks}])\d{{3}}(?:(?P=g)\d{{3}})*)?|\d+" if self.groups \
            else r"\d+"
        pattern = rf"(?P<sign>-?)(?P<int>{digits})(?:{re.escape(self.decimal)}(?P<frac>\d+))?"
        object.__setattr__(self, "pattern", re.compile(pattern, re.ASCII))

    def read(self, text: str) -> Decimal | Problem:
        """The exact Decimal of ``text`` (``"1 234,5"`` -> ``Decimal("1234.5")``): its plain
        digits with a dot, read by :func:`~canonical.engine.values.read_decimal`. ASCII
        digits only, nothing around them (the lexical rules, :mod:`canonical.lexical`). The
        format's own decimal mark decides: a spec's ``decimal_comma`` is for the fields
        without a number format (as on writing, :meth:`write`)."""
        match = self.pattern.fullmatch(text)
        if match is None:  # a match is ASCII digits and inner marks: no lexical fault
            fault = scalar_fault(text, "decimal")
            if fault is not None:
                return Problem(str(fault))
            groups = " or ".join(repr(g) for g in sorted(self.groups)) or "none"
            return Problem(f"{text[:40]!r} is not a number with decimal mark {self.decimal!r} "
                           f"and thousands separators {groups}")
        sign, whole, fraction = match.group("sign", "int", "frac")
        if self.groups:
            mark = match["g"]
            if mark is not None:  # one mark throughout a number (the pattern's back reference)
                whole = whole.replace(mark, "")
        digits = f"{sign}{whole}.{fraction}" if fraction is not None else f"{sign}{whole}"
        if within_limits(whole, fraction):  # what read_decimal gives for these digits,
            return Decimal(digits)           # without its match
        return read_decimal(digits)

    def write(self, value: Decimal) -> str:
        text = format_decimal(value)
        return text.replace(".", self.decimal) if self.decimal != "." else text


#: distinct range texts remembered: a specification range repeats on every result of its
#: test, and both ends of one range (two quantities) split the same text
RANGE_CACHE_SIZE = 1024


@lru_cache(maxsize=RANGE_CACHE_SIZE)
def split_range(text: str) -> tuple[str, str] | Problem:
    """The two ends of a range written in one string (``"0,995 - 1,015"``): split once per
    text (answers are immutable and remembered, bounded)."""
    for separator in _RANGE_SEPARATORS:
        parts = separator.split(text.strip(), maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            return parts[0], parts[1]
    return Problem(f"{text[:40]!r} is not a range like '0,995 - 1,015'")


def censored(text: str) -> tuple[str, str] | None:
    """The operator and bound of a censored result (``"< 0,5"`` -> ``("<", "0,5")``), or
    None when ``text`` is a plain value."""
    text = text.strip()
    if not text.startswith(_CENSOR_MARKS):  # what the pattern starts with: most values
        return None                        # are plain, and need no match
    match = _CENSORED.fullmatch(text)
    if match is None:
        return None
    operator = {"\u2264": "<=", "\u2265": ">="}.get(match[1], match[1])
    return operator, match[2].strip()
