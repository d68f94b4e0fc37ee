"""Dates and timestamps of a scalar field: the native format, the zone, and the way back.

A :class:`TimeCodec` is compiled once per rule. Inbound it reads a native stamp (ISO 8601, or
a pattern such as ``%Y%m%d`` with an optional separate time field) as an aware UTC time,
reading naive times in the codec's zone; a stamp that cannot be read adds a located finding,
under the shared lexical rule when one explains it (:mod:`canonical.lexical`: a date where a
stamp is expected, sub-microsecond digits, foreign digits). A local time in the repeated hour
of a DST change is read as its first occurrence and reported (LEX-006, info).
Outbound it writes a UTC time back as the native wall-clock text (and the time field).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from canonical.engine import rules
from canonical.engine.context import Ctx, Loc, get, put
from canonical.engine.spec import Path
from canonical.engine.values import (
    DATE_TIME_JOIN,
    Parser,
    Problem,
    compile_date_and_time,
    is_ambiguous,
    local_to_utc,
    make_date,
    make_datetime,
    parse_iso,
    to_utc,
    wall_to_utc,
)
from canonical.lexical import AMBIGUOUS_LOCAL_TIME, scalar_fault, timestamp_fault


class TimeCodec:
    """How a date or timestamp is written natively, and in which zone naive times live."""

    __slots__ = ("fmt", "iso", "offset", "parse", "parse_both", "parse_time", "quick",
                 "time_fmt", "time_key", "time_path", "zone")

    def __init__(self, fmt: str, parse: Parser | None, zone: tzinfo, offset: str,
                 time_path: Path | None, time_fmt: str, parse_time: Parser | None) -> None:
        self.fmt, self.parse, self.zone, self.offset = fmt, parse, zone, offset
        self.iso = fmt == "iso"
        self.time_path, self.time_fmt, self.parse_time = time_path, time_fmt, parse_time
        self.time_key = time_path[0] if time_path is not None and len(time_path) == 1 else None
        #: date and time field in one go (see compile_date_and_time), when the formats allow
        self.parse_both = compile_date_and_time(fmt, time_fmt) if (
            self.time_key is not None and not self.iso) else None
        #: whether :meth:`quick_utc` can read this codec's stamps at all
        self.quick = self.iso or self.parse_both is not None or (
            time_path is None and parse is not None)

    def quick_utc(self, text: str, src: dict[str, object]) -> datetime | None:
        """The UTC time of a well-formed stamp (its time part read from ``src``), else None.

        Only the happy path: for None the caller takes :meth:`read_timestamp`, which finds
        the same value or says what is wrong (and fills in defaults such as a missing time).
        """
        if self.iso:
            parsed = parse_iso(text)
            return to_utc(parsed) if parsed is not None and parsed.tzinfo is not None else None
        if self.parse_both is not None:
            clock = src.get(self.time_key)  # type: ignore[arg-type]
            parts = self.parse_both(f"{text}{DATE_TIME_JOIN}{clock}") if type(
                clock) is str else None
        elif self.time_path is None and self.parse is not None:
            parts = self.parse(text)
        else:
            return None
        return wall_to_utc(parts, self.zone) if parts is not None else None

    # ------------------------------------------------------------------ inbound
    def read_timestamp(self, text: str, src: dict[str, object], ctx: Ctx, loc: Loc, field: str,
                       path: Path) -> datetime | None:
        """The UTC time of the stamp ``text`` of ``field`` (at ``path``), or None (a finding
        was added)."""
        if self.iso:
            parsed = parse_iso(text)
            if parsed is None:
                fault = timestamp_fault(text)
                if fault is not None:
                    ctx.add(fault.rule, f"{field}: {fault.message}", loc, path, text)
                else:
                    ctx.add(rules.BAD_TIME, f"{field}: {text!r} is not an ISO 8601 date-time",
                            loc, path, text)
                return None
            if parsed.tzinfo is not None:
                aware = to_utc(parsed)
                if aware is None:
                    ctx.add(rules.BAD_TIME, f"{field}: {text!r} is out of the "
                            "representable range", loc, path, text)
                    return None
                return aware
            if self.offset == "required":
                ctx.add(rules.NAIVE_TIME, f"{field}: {text!r} has no UTC offset; this "
                        "system must send one", loc, path, text)
                return None
            naive = parsed
        else:
            whole = text
            clock_parts: tuple[int, ...] | None = None
            if self.time_path is not None:
                clock = get(src, self.time_path)
                if clock is None or clock == "":
                    clock = "000000" if self.time_fmt == "%H%M%S" else None
                if type(clock) is not str:
                    ctx.add(rules.BAD_TIME, f"{field}: time part missing or not a string",
                            loc, self.time_path, clock)
                    return None
                assert self.parse_time is not None
                clock_parts = self.parse_time(clock)
                if clock_parts is None:
                    ctx.add(rules.BAD_TIME, f"{field}: {clock!r} does not match "
                            f"{self.time_fmt!r}", loc, self.time_path, clock)
                    return None
                whole = f"{text} {clock}"
            assert self.parse is not None
            parts = self.parse(text)
            if parts is None:
                fault = scalar_fault(whole, "date-time")
                rule = fault.rule if fault is not None else rules.BAD_TIME
                ctx.add(rule, f"{field}: {whole!r} does not match {self.fmt!r}"
                        + (f" ({fault.message})" if fault is not None else ""), loc, path, whole)
                return None
            if clock_parts is not None:
                parts = (*parts[:3], *clock_parts[3:])
            stamp = make_datetime(parts)
            if stamp is None:  # e.g. February 30th or hour 25
                ctx.add(rules.BAD_TIME, f"{field}: {whole!r} is not a valid date and time",
                        loc, path, whole)
                return None
            naive = stamp
        utc = local_to_utc(naive, self.zone)
        if isinstance(utc, Problem):
            ctx.add(rules.NAIVE_TIME, f"{field}: {utc}", loc, path, text)
            return None
        if is_ambiguous(naive.replace(tzinfo=self.zone)):
            ctx.add(AMBIGUOUS_LOCAL_TIME, f"{field}: {naive.isoformat()} occurs twice in "
                    f"{self.zone} (clocks go back); read as the first, {utc.isoformat()}",
                    loc, path, text)
        return utc

    def read_date(self, text: str, ctx: Ctx, loc: Loc, field: str, path: Path) -> date | None:
        """The date ``text`` of ``field`` (at ``path``), or None (a finding was added)."""
        assert self.parse is not None
        parts = self.parse(text)
        day = make_date(parts) if parts is not None else None
        if day is None:
            fault = scalar_fault(text, "date")
            ctx.add(fault.rule if fault is not None else rules.BAD_TIME,
                    f"{field}: {text!r} is not a date in format {self.fmt!r}"
                    + (f" ({fault.message})" if fault is not None else ""), loc, path, text)
            return None
        return day

    # ------------------------------------------------------------------ outbound
    def write_timestamp(self, value: datetime, out: dict[str, object]) -> str:
        """The native text of ``value`` (its time part, if separate, put into ``out``)."""
        local = value.astimezone(self.zone)
        if self.iso:
            if self.offset == "none":
                return local.replace(tzinfo=None).isoformat()
            return local.isoformat()
        if self.time_path is not None:
            put(out, self.time_path, local.strftime(self.time_fmt))
        return local.strftime(self.fmt)
