"""Dates and timestamps of a scalar field: the native format, the zone, and the way back.

A :class:`TimeCodec` is compiled once per rule. Inbound it reads a native stamp (ISO 8601, or
a pattern such as ``%Y%m%d`` with an optional separate time field) as an aware UTC time,
reading naive times in the codec's zone; a local time that happens twice (autumn DST change)
is read by the declared policy (``dst: earlier | later | refuse``, default earlier), always
with a finding (``earlier``, the contract's documented reading: LEX-006, info); a stamp that
cannot be read adds a located finding, under the shared lexical rule when one explains it
(:mod:`canonical.lexical`: a date where a stamp is expected, sub-microsecond digits, foreign
digits, surrounding whitespace).
Outbound it writes a UTC time back as the native wall-clock text (and the time field).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from canonical.engine import rules
from canonical.engine.context import get, put
from canonical.engine.spec import Dst, Path
from canonical.engine.steps import FAIL, Say, Step, fail
from canonical.engine.values import (
    DATE_TIME_JOIN,
    Ambiguous,
    Parser,
    Problem,
    compile_date_and_time,
    compile_writer,
    local_to_utc,
    make_date,
    make_datetime,
    parse_iso,
)
from canonical.lexical import AMBIGUOUS_LOCAL_TIME, scalar_fault, timestamp_fault


class TimeCodec:
    """How a date or timestamp is written natively, in which zone naive times live, and which
    reading of an ambiguous local time (the autumn DST change) the spec declares."""

    __slots__ = ("dst", "fmt", "iso", "offset", "parse", "parse_both", "parse_time",
                 "time_fmt", "time_key", "time_path", "write", "write_time", "zone")

    def __init__(self, fmt: str, parse: Parser | None, zone: tzinfo, offset: str,
                 time_path: Path | None, time_fmt: str, parse_time: Parser | None,
                 dst: Dst = Dst.EARLIER) -> None:
        self.fmt, self.parse, self.zone, self.offset, self.dst = fmt, parse, zone, offset, dst
        self.iso = fmt == "iso"
        self.time_path, self.time_fmt, self.parse_time = time_path, time_fmt, parse_time
        #: ``strftime`` of the date (and the separate time) format, compiled once
        self.write, self.write_time = compile_writer(fmt), compile_writer(time_fmt)
        self.time_key = time_path[0] if time_path is not None and len(time_path) == 1 else None
        #: date and time field in one go (see compile_date_and_time), when the formats allow
        self.parse_both = compile_date_and_time(fmt, time_fmt) if (
            self.time_key is not None and not self.iso) else None

    # ------------------------------------------------------------------ inbound
    def read_timestamp(self, value: object, src: dict[str, object], day: date,
                       say: Say | None) -> object:
        """The UTC time of the stamp ``value`` (its time part read from ``src``), or FAIL:
        a step of a scalar field (:mod:`~canonical.engine.steps`), as a bound method."""
        text: str = value  # type: ignore[assignment]
        if not self.iso:
            return self.read_pattern(text, src, day, say)
        parsed = parse_iso(text)
        if parsed is None:
            if say is None:
                return FAIL
            fault = timestamp_fault(text)
            if fault is not None:
                return fail(say, fault.rule, fault.message, text)
            return fail(say, rules.BAD_TIME, f"{text!r} is not an ISO 8601 date-time", text)
        if parsed.tzinfo is not None:
            try:
                return parsed.astimezone(UTC)
            except OverflowError:  # outside the representable years once in UTC
                return fail(say, rules.BAD_TIME, f"{text!r} is out of the representable range",
                            text)
        if self.offset == "required":
            return fail(say, rules.NAIVE_TIME, f"{text!r} has no UTC offset; this system must "
                        "send one", text)
        return self._in_zone(parsed, text, say)

    def read_pattern(self, value: object, src: dict[str, object], day: date,
                     say: Say | None) -> object:
        """:meth:`read_timestamp` of a codec with a pattern (not ISO 8601): the step itself."""
        text: str = value  # type: ignore[assignment]
        parts = None
        if self.parse_both is not None:  # the common case: date and time field both well-formed
            clock = src.get(self.time_key)  # type: ignore[arg-type]
            if type(clock) is str:
                parts = self.parse_both(f"{text}{DATE_TIME_JOIN}{clock}")
        elif self.time_path is None:  # the date and time in one field: read it at once
            parts = self.parse(text)  # type: ignore[misc]
        whole = text
        if parts is None:  # read again by the parts, saying why
            found = self._parts(text, src, say)
            if not isinstance(found, tuple):
                return FAIL
            parts, whole = found
        stamp = make_datetime(parts)
        if stamp is None:  # e.g. February 30th or hour 25
            return fail(say, rules.BAD_TIME, f"{whole!r} is not a valid date and time", whole)
        utc = local_to_utc(stamp, self.zone)
        return utc if type(utc) is datetime else self._in_zone(stamp, text, say, utc)

    def _parts(self, text: str, src: dict[str, object],
               say: Say | None) -> tuple[tuple[int, ...], str] | object:
        """The fields of the date and (separate) time, and the text they came from; or FAIL."""
        whole = text
        clock_parts: tuple[int, ...] | None = None
        if self.time_path is not None:
            clock = get(src, self.time_path)
            if clock is None or clock == "":
                clock = "000000" if self.time_fmt == "%H%M%S" else None
            if type(clock) is not str:
                return fail(say, rules.BAD_TIME, "time part missing or not a string", clock,
                            at=self.time_path)
            assert self.parse_time is not None
            clock_parts = self.parse_time(clock)
            if clock_parts is None:
                return fail(say, rules.BAD_TIME, f"{clock!r} does not match "
                            f"{self.time_fmt!r}", clock, at=self.time_path)
            whole = f"{text} {clock}"
        assert self.parse is not None
        parts = self.parse(text)
        if parts is None:
            return _unreadable(say, whole, "date-time", f"{whole!r} does not match {self.fmt!r}")
        if clock_parts is not None:
            parts = (*parts[:3], *clock_parts[3:])
        return parts, whole

    def _in_zone(self, naive: datetime, text: str, say: Say | None,
                 utc: object = None) -> object:
        """UTC of a wall-clock time in the codec's zone, by the declared DST policy
        (``utc``: what :func:`local_to_utc` gave for it, when already asked)."""
        if utc is None:
            utc = local_to_utc(naive, self.zone)
        if type(utc) is datetime:
            return utc
        if isinstance(utc, Problem):
            return fail(say, rules.NAIVE_TIME, utc, text)
        assert isinstance(utc, Ambiguous)
        moment = f"{naive.isoformat()} happens twice in {self.zone} (clocks go back)"
        if self.dst is Dst.REFUSE or say is None:
            return fail(say, rules.AMBIGUOUS_TIME, f"{moment}; the spec's dst policy is "
                        "refuse (declare dst: earlier or later to read it)", text)
        if self.dst is Dst.EARLIER:  # the contract's documented reading: LEX-006, info
            say(AMBIGUOUS_LOCAL_TIME, f"{moment}; read as the first occurrence, "
                f"{utc.earlier.isoformat()} (dst: earlier)", text)
            return utc.earlier
        say(rules.AMBIGUOUS_TIME_READ, f"{moment}; read as the later occurrence, "
            f"{utc.later.isoformat()} (dst: later)", text)
        return utc.later

    def read_date(self, value: object, src: dict[str, object], day: date,
                  say: Say | None) -> object:
        """The date ``value``, or FAIL (a step, as :meth:`read_timestamp`)."""
        text: str = value  # type: ignore[assignment]
        assert self.parse is not None
        parts = self.parse(text)
        found = make_date(parts) if parts is not None else None
        if found is None:
            return _unreadable(say, text, "date", f"{text!r} is not a date in format {self.fmt!r}")
        return found

    # ------------------------------------------------------------------ outbound
    def write_timestamp(self, value: datetime, out: dict[str, object]) -> str:
        """The native text of ``value`` (its time part, if separate, put into ``out``)."""
        local = value.astimezone(self.zone)
        if self.iso:
            if self.offset == "none":
                return local.replace(tzinfo=None).isoformat()
            return local.isoformat()
        if self.time_path is not None:
            put(out, self.time_path, self.write_time(local))
        return self.write(local)


def timestamp_step(codec: TimeCodec) -> Step:
    return codec.read_timestamp if codec.iso else codec.read_pattern


def date_step(codec: TimeCodec) -> Step:
    return codec.read_date


def _unreadable(say: Say | None, text: str, what: str, message: str) -> object:
    """FAIL for a date or time that does not match its format: under the lexical rule that
    explains it (foreign digits, surrounding whitespace, controls), else ENG-108."""
    if say is None:
        return FAIL
    fault = scalar_fault(text, what)
    if fault is None:
        return fail(say, rules.BAD_TIME, message, text)
    return fail(say, fault.rule, f"{message} ({fault.message})", text)
