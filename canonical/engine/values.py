"""Native scalars to canonical values and back: decimals, whole numbers, dates and times.

Every reader returns the value or a message (a string) saying why not; the caller turns
the message into a located finding. Nothing here rounds, guesses or uses float. Digits are
ASCII 0-9 only (:mod:`canonical.lexical`): ``\\d``, ``int()`` and ``Decimal()`` would read
Arabic-Indic or full-width digits as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from canonical.lexical import ascii_pattern, dropped_fraction, scalar_fault
from canonical.models.types import format_decimal

#: the most digits a native decimal may have before and after its decimal mark
INTEGER_DIGITS, FRACTION_DIGITS = 18, 12
#: A plain native decimal (leading zeros allowed): the one definition the fast paths share.
plain_decimal = ascii_pattern(rf"-?\d{{1,{INTEGER_DIGITS}}}(\.\d{{1,{FRACTION_DIGITS}}})?")
_COMMA = ascii_pattern(rf"-?\d{{1,{INTEGER_DIGITS}}}(,\d{{1,{FRACTION_DIGITS}}})?")
_INTEGER = ascii_pattern(r"-?\d{1,9}")


class Problem(str):
    """A reason a value could not be read (a ``str`` so it renders as the message)."""

    __slots__ = ()


def read_decimal(raw: object, *, comma: bool = False) -> Decimal | Problem:
    """A native amount (string, int or Decimal from JSON) as an exact Decimal."""
    kind = type(raw)
    if kind is Decimal:
        assert isinstance(raw, Decimal)
        return raw if raw.is_finite() else Problem(f"{raw} is not a finite number")
    if kind is int:
        assert isinstance(raw, int)
        return Decimal(raw)
    if kind is str:
        assert isinstance(raw, str)
        if comma:  # the patterns take ASCII digits only: a match has no lexical fault
            if _COMMA(raw):
                return Decimal(raw.replace(",", "."))
        elif plain_decimal(raw):
            return Decimal(raw)
        return _not_decimal(raw, comma)
    if kind is float:
        return Problem(f"{raw!r} is a binary float; amounts must be exact decimals")
    return Problem(f"expected a decimal amount, got {_json_type(raw)}")


def within_limits(whole: str, fraction: str | None) -> bool:
    """Whether ASCII digits before and after the mark (``fraction`` None: no mark), one or
    more each, fit :data:`plain_decimal` (so its match can be skipped)."""
    return len(whole) <= INTEGER_DIGITS and (fraction is None or len(fraction) <= FRACTION_DIGITS)


def _not_decimal(raw: str, comma: bool) -> Problem:
    """Why a text that is not a decimal of the expected form is not one."""
    fault = scalar_fault(raw, "decimal")
    if fault is not None:  # named by its LEX rule: " 5", "١٢" are not 5 and 12
        return Problem(str(fault))
    if comma:
        return Problem(f"{raw[:40]!r} is not a decimal with a decimal comma like '12,5'")
    if _COMMA(raw):
        return Problem(f"{raw!r} uses a decimal comma; the spec does not declare "
                       "decimal_comma for this system")
    return Problem(f"{raw[:40]!r} is not a plain decimal like '12.5'")


def write_decimal(value: Decimal, *, comma: bool = False) -> str:
    text = format_decimal(value)
    return text.replace(".", ",") if comma else text


def read_integer(raw: object) -> int | Problem:
    kind = type(raw)
    if kind is int:
        assert isinstance(raw, int)
        return raw
    if kind is str:
        assert isinstance(raw, str)
        if _INTEGER(raw):
            return int(raw)
        fault = scalar_fault(raw, "whole number")
        return Problem(str(fault) if fault is not None else f"{raw[:40]!r} is not a whole number")
    if kind is Decimal:
        return Problem(f"{raw} is not a whole number")
    return Problem(f"expected a whole number, got {_json_type(raw)}")


def _json_type(raw: object) -> str:
    if isinstance(raw, bool):
        return "a boolean"
    if isinstance(raw, str):
        return "a string"
    if isinstance(raw, int | Decimal | float):
        return "a number"
    if isinstance(raw, dict):
        return "an object"
    if isinstance(raw, list):
        return "a list"
    return type(raw).__name__


json_type = _json_type

# --------------------------------------------------------------------------- dates and times

_DIRECTIVES = {"Y": r"(\d{4})", "m": r"(\d{2})", "d": r"(\d{2})", "H": r"(\d{2})",
               "M": r"(\d{2})", "S": r"(\d{2})"}
_FIELDS = {"Y": 0, "m": 1, "d": 2, "H": 3, "M": 4, "S": 5}
_DEFAULTS = (1970, 1, 1, 0, 0, 0)
#: joins a date and its separate time field for :func:`compile_date_and_time` (no format uses it)
DATE_TIME_JOIN = "\x00"
Parser = Callable[[str], tuple[int, ...] | None]


def compile_format(fmt: str) -> Parser:
    """A fast parser for a strftime pattern of %Y %m %d %H %M %S and literals.

    Returns (year, month, day, hour, minute, second) with unset parts as defaults, or None.
    Raises :class:`ValueError` for an unsupported directive.
    """
    pattern, order = _pattern(fmt)
    fullmatch = re.compile(pattern, re.ASCII).fullmatch
    # each part is a group read (by its index) or its default, picked by code written once
    # per format: ``(int(g[2]), int(g[1]), int(g[0]), 0, 0, 0)`` for %d.%m.%Y (built from
    # integers only, no text of the format reaches it)
    where = {slot: index for index, slot in enumerate(order)}
    parts = ", ".join(f"int(g[{where[slot]}])" if slot in where else str(default)
                      for slot, default in enumerate(_DEFAULTS))
    pick: Callable[[tuple[str, ...]], tuple[int, ...]] = eval(f"lambda g: ({parts},)")

    def parse(text: str) -> tuple[int, ...] | None:
        match = fullmatch(text)
        return None if match is None else pick(match.groups())

    return parse


#: how :func:`compile_writer` writes each directive (``%Y`` unpadded, as C ``strftime`` does):
#: the attribute it reads and its ``%`` conversion
_WRITE = {"Y": ("year", "%d"), "m": ("month", "%02d"), "d": ("day", "%02d"),
          "H": ("hour", "%02d"), "M": ("minute", "%02d"), "S": ("second", "%02d")}
_CLOCK = frozenset({"hour", "minute", "second"})
Writer = Callable[[date], str]


def compile_writer(fmt: str) -> Writer:
    """What ``value.strftime(fmt)`` gives, for the directives :func:`compile_format` reads
    (``%Y %m %d %H %M %S``, literals), without ``strftime``'s per-call cost (one ``%``
    formatting of the fields read at once); any other format is written by ``strftime``."""
    template, names, i = "", [], 0
    while i < len(fmt):
        if fmt[i] == "%":
            directive = _WRITE.get(fmt[i + 1:i + 2])
            if directive is None:
                return lambda value: value.strftime(fmt)
            names.append(directive[0])
            template += directive[1]
            i += 2
        else:
            template += fmt[i].replace("%", "%%")
            i += 1
    if not names:
        return lambda value: fmt
    fields = attrgetter(*names, names[0])  # always a tuple (one name would give the value)
    written = template + "%.0s"  # the repeated first field, written as nothing
    if _CLOCK.intersection(names):
        # a date (not a datetime) has no clock: strftime writes it as midnight
        return lambda value: written % fields(value) if isinstance(value, datetime) \
            else value.strftime(fmt)
    return lambda value: written % fields(value)


def compile_date_and_time(fmt: str, time_fmt: str) -> Parser | None:
    """One parser for ``date + DATE_TIME_JOIN + time`` when ``fmt`` has only date fields and
    ``time_fmt`` only clock fields, so it reads exactly what the two parsers together read;
    else None. Raises :class:`ValueError` like :func:`compile_format`."""
    date_fields, time_fields = _pattern(fmt)[1], _pattern(time_fmt)[1]
    if DATE_TIME_JOIN in fmt + time_fmt or not (
            set(date_fields) <= {0, 1, 2} and set(time_fields) <= {3, 4, 5}):
        return None
    return compile_format(fmt + DATE_TIME_JOIN + time_fmt)


def _pattern(fmt: str) -> tuple[str, list[int]]:
    """The regex of a format and the field (0 year .. 5 second) of each of its groups."""
    pattern, order, i = "", [], 0
    while i < len(fmt):
        char = fmt[i]
        if char == "%":
            directive = fmt[i + 1] if i + 1 < len(fmt) else ""
            if directive not in _DIRECTIVES:
                raise ValueError(f"unsupported directive %{directive} (use %Y %m %d %H %M %S)")
            pattern += _DIRECTIVES[directive]
            order.append(_FIELDS[directive])
            i += 2
        else:
            pattern += re.escape(char)
            i += 1
    if len(set(order)) != len(order):
        raise ValueError("a directive appears twice")
    return pattern, order


class Ambiguous(NamedTuple):
    """A wall-clock time that happens twice (the repeated hour of the autumn DST change)."""

    earlier: datetime
    later: datetime


def local_to_utc(naive: datetime, zone: tzinfo) -> datetime | Problem | Ambiguous:
    """A wall-clock time in ``zone`` as UTC; a problem when that time does not exist (the
    spring DST gap); both readings when it happens twice (the caller applies its policy)."""
    try:
        offset = zone.utcoffset(naive)  # a naive time read as wall-clock time in ``zone``
        # built, not replace()d: datetime.replace costs more than the constructor
        fields = (naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second,
                  naive.microsecond)
        if offset is not None and offset == zone.utcoffset(datetime(*fields, None, fold=1)):
            return datetime(*fields, UTC) - offset  # the common case: one reading
        aware = naive.replace(tzinfo=zone)
        utc = aware.astimezone(UTC)
        repeated = aware.replace(fold=1)
        if aware.utcoffset() == repeated.utcoffset():
            return utc
        if utc.astimezone(zone).replace(tzinfo=None) != naive:
            return Problem(f"{naive.isoformat()} does not exist in {zone} (clocks skip it)")
        return Ambiguous(utc, repeated.astimezone(UTC))
    except (OverflowError, ValueError):
        return Problem(f"{naive.isoformat()} is out of the representable range")


def parse_iso(text: str) -> datetime | None:
    """An ISO 8601 date-time, or None; a date alone (``fromisoformat`` would make it midnight)
    and sub-microsecond digits (it would cut them) are None too: see LEX-004/LEX-005."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10 or (len(text) > 26 and dropped_fraction(text)):
        return None
    return value


def make_date(parts: tuple[int, ...]) -> date | None:
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def make_datetime(parts: tuple[int, ...]) -> datetime | None:
    try:
        return datetime(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
    except ValueError:
        return None


def zone_of(name: str) -> ZoneInfo:
    return ZoneInfo(name)
