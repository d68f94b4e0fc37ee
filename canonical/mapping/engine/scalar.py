"""One scalar canonical field: read from a native path (inbound), written back (outbound).

Inbound pipeline: native JSON type check -> plant normalisation -> status flags, code
table or values map -> prefix/suffix -> the canonical kind (integer, decimal, timestamp...).
Outbound runs the same steps backwards. Every step that cannot proceed adds a located
finding; nothing is copied through unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, tzinfo
from decimal import Decimal
from enum import Enum
from typing import Any

from canonical.mapping.engine import rules
from canonical.mapping.engine.context import Ctx, Loc, WrongAt, get, put
from canonical.mapping.engine.lookups import TableLookup, precedence
from canonical.mapping.engine.shape import Kind
from canonical.mapping.engine.spec import NOTHING, NativeType, Path
from canonical.mapping.engine.values import (
    DATE_TIME_JOIN,
    Parser,
    Problem,
    compile_date_and_time,
    json_type,
    local_to_utc,
    make_date,
    make_datetime,
    parse_iso,
    read_decimal,
    read_integer,
    to_utc,
    wall_to_utc,
    write_decimal,
)
from canonical.mapping.rows import RowStatus
from canonical.rules import Rule

_FAIL = object()
_PLAIN = re.compile(r"-?\d{1,18}(\.\d{1,12})?").fullmatch  # as values.read_decimal
_APPROVED = RowStatus.APPROVED


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

        Only the happy path: for None the caller takes :meth:`ScalarNode.read`, which finds
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


class ScalarNode:
    """A compiled scalar rule (see :class:`~canonical.mapping.engine.spec.FieldRule`)."""

    __slots__ = (
        "allow_empty",
        "comma",
        "const",
        "default",
        "fast",
        "fast_aux",
        "field",
        "flag_cache",
        "flags",
        "ignore_flags",
        "key",
        "kind",
        "lookup",
        "native",
        "norm_in",
        "norm_out",
        "path",
        "plain",
        "prefix",
        "required",
        "reverse_values",
        "separator",
        "suffix",
        "time",
        "values",
    )

    def __init__(self, field: str, kind: Kind, *, required: bool, path: Path | None,
                 const: object = NOTHING, default: object = NOTHING,
                 native: NativeType = NativeType.STRING,
                 norm_in: Callable[[str], str] | None = None,
                 norm_out: Callable[[str], str] | None = None,
                 lookup: TableLookup | None = None, flags: bool = False,
                 ignore_flags: frozenset[str] = frozenset(), separator: str | None = None,
                 values: Mapping[str, object] | None = None, prefix: str = "", suffix: str = "",
                 comma: bool = False, time: TimeCodec | None = None,
                 keeps_numbers: bool = False) -> None:
        self.field, self.kind, self.required, self.path = field, kind, required, path
        self.const, self.default, self.native = const, default, native
        self.norm_in, self.norm_out, self.lookup = norm_in, norm_out, lookup
        self.flags, self.ignore_flags, self.separator = flags, ignore_flags, separator
        self.values = dict(values) if values is not None else None
        self.reverse_values = {v: k for k, v in values.items()} if values is not None else None
        self.prefix, self.suffix, self.comma, self.time = prefix, suffix, comma, time
        self.allow_empty = values is not None and "" in values
        # a value that needs no code step: read directly in its canonical kind
        self.plain = (lookup is None and values is None and norm_in is None and not prefix
                      and not suffix)
        self.key = path[0] if path is not None and len(path) == 1 else None
        self.flag_cache: dict[tuple[str, date], str] = {}
        self.fast, self.fast_aux = self._fast_path(keeps_numbers)

    def _fast_path(self, keeps_numbers: bool) -> tuple[int, Any]:
        """The common case of this rule, decided once, and what its inline code needs.

        A non-empty native string at one key, then: 1 copied as text; 2 a code lookup
        (``lookup.spellings``); 3 status flags seen before (``flag_cache``); 4 digits read as an
        integer (the normaliser, or None when it cannot change a number); 5 a values map;
        8 a local timestamp (the :class:`TimeCodec`); 9 a plain decimal. 0: no fast path.
        """
        kind, lookup, time = self.kind, self.lookup, self.time
        if self.native is not NativeType.STRING or self.const is not NOTHING or (
                self.key is None):
            return 0, None
        bare = not (self.prefix or self.suffix)
        if self.plain and kind is Kind.TEXT:
            return 1, None
        if lookup is not None and self.norm_in is None and bare and kind in (Kind.TEXT,
                                                                               Kind.ENUM):
            return (3, self.flag_cache) if self.flags else (2, lookup.spellings)
        if kind is Kind.INTEGER and lookup is None and self.values is None and bare:
            return 4, None if keeps_numbers else self.norm_in
        if self.values is not None and self.norm_in is None:
            return 5, self.values
        if self.plain and kind is Kind.TIMESTAMP and time is not None and time.quick:
            return 8, time
        if self.plain and kind is Kind.DECIMAL and not self.comma:
            return 9, None
        return 0, None

    # ------------------------------------------------------------------ inbound
    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        if self.fast:
            raw = src.get(self.key)  # type: ignore[arg-type]
            if type(raw) is str and raw:
                value = self.quick(raw, src, ctx.day)
                if value is not NOTHING:
                    out[self.field] = value
                    return
        if self.const is not NOTHING:
            out[self.field] = self.const
            return
        path = self.path
        assert path is not None
        key = self.key
        raw = src.get(key) if key is not None else (get(src, path) if path else src)
        if raw is None or (raw == "" and not self.allow_empty):
            if self.default is not NOTHING:
                out[self.field] = self.default
            elif self.required:
                ctx.add(rules.MISSING, f"{self.field}: required value is missing or empty",
                        loc, path)
            return
        if type(raw) is WrongAt:
            ctx.add(rules.WRONG_TYPE, f"expected an object at {'.'.join(path[:raw.depth])}, "
                    f"got {json_type(raw.value)}", loc, path[:raw.depth], raw.value)
            return
        value = self.read(raw, src, ctx, loc)
        if value is not _FAIL:
            out[self.field] = value

    def quick(self, raw: str, src: dict[str, object], day: date) -> object:
        """The value of a non-empty ``raw`` on the fast path, or NOTHING (take :meth:`read`).

        :meth:`ObjectNode.decode_object <canonical.mapping.engine.structure.ObjectNode.\
decode_object>` inlines the same steps.
        """
        fast, aux = self.fast, self.fast_aux
        if fast == 1:
            return raw
        if fast == 2:
            row = self.lookup.row(raw, day)  # type: ignore[union-attr]
            return row.canonical_code if row is not None and row.status is _APPROVED else NOTHING
        if fast == 3:
            return aux.get((raw, day), NOTHING)
        if fast == 4:
            text = aux(raw) if aux is not None else raw
            return int(text) if len(text) < 10 and text.isdigit() and text.isascii() else NOTHING
        if fast == 5:
            return aux.get(raw, NOTHING)
        if fast == 8:
            stamp = aux.quick_utc(raw, src)
            return NOTHING if stamp is None else stamp
        if fast == 9:
            return Decimal(raw) if _PLAIN(raw) else NOTHING
        return NOTHING

    def read(self, raw: object, src: dict[str, object], ctx: Ctx, loc: Loc) -> object:
        """A native value as the canonical value, or ``_FAIL`` (a finding was added)."""
        path = self.path or ()
        kind, native = self.kind, self.native
        if native is NativeType.STRING:
            if type(raw) is not str:
                ctx.add(rules.WRONG_TYPE, f"{self.field}: expected a string, got "
                        f"{json_type(raw)}", loc, path, raw)
                return _FAIL
            text: str = raw
        elif native is NativeType.NUMBER:
            if type(raw) is not int and type(raw) is not Decimal:
                ctx.add(rules.WRONG_TYPE, f"{self.field}: expected a number, got "
                        f"{json_type(raw)}", loc, path, raw)
                return _FAIL
            if self.plain and kind is Kind.DECIMAL:
                return self._checked(read_decimal(raw), rules.BAD_DECIMAL, ctx, loc, raw)
            if self.plain and kind is Kind.INTEGER:
                return self._checked(read_integer(raw), rules.BAD_INTEGER, ctx, loc, raw)
            text = str(raw)
        else:
            if type(raw) is not bool:
                ctx.add(rules.WRONG_TYPE, f"{self.field}: expected true or false, got "
                        f"{json_type(raw)}", loc, path, raw)
                return _FAIL
            if self.values is None:
                return raw
            text = "true" if raw else "false"
        if self.norm_in is not None:
            text = self.norm_in(text)
        value: object
        if self.lookup is not None:
            found = self._flags(text, ctx, loc) if self.flags else self._code(text, ctx, loc)
            if found is None:
                return _FAIL
            value = found
        elif self.values is not None:
            value = self.values.get(text, NOTHING)
            if value is NOTHING:
                ctx.add(rules.NOT_IN_VALUES, f"{self.field}: {text!r} is not one of "
                        f"{', '.join(map(repr, self.values))}", loc, path, text)
                return _FAIL
            return value
        else:
            value = text
        if self.prefix or self.suffix:
            value = f"{self.prefix}{value}{self.suffix}"
        if kind is Kind.TEXT or kind is Kind.ENUM:
            return value
        assert isinstance(value, str)
        if kind is Kind.INTEGER:
            return self._checked(read_integer(value), rules.BAD_INTEGER, ctx, loc, raw)
        if kind is Kind.DECIMAL:
            return self._checked(read_decimal(value, comma=self.comma), rules.BAD_DECIMAL,
                                 ctx, loc, raw)
        if kind is Kind.TIMESTAMP:
            return self._timestamp(value, src, ctx, loc)
        if kind is Kind.DATE:
            return self._date(value, ctx, loc)
        ctx.add(rules.WRONG_TYPE, f"{self.field}: expected true or false", loc, path, raw)
        return _FAIL

    def _checked(self, result: object, rule: Rule, ctx: Ctx, loc: Loc,
                 raw: object) -> object:
        if type(result) is Problem:
            ctx.add(rule, f"{self.field}: {result}", loc, self.path or (), raw)
            return _FAIL
        return result

    def _code(self, text: str, ctx: Ctx, loc: Loc) -> str | None:
        lookup = self.lookup
        assert lookup is not None
        row = lookup.row(text, ctx.day)
        if row is None:
            ctx.add(rules.UNMAPPED, f"{self.field}: {lookup.system} code {text!r} has no "
                    f"approved mapping in table {lookup.table} on {ctx.day}", loc,
                    self.path or (), text)
            return None
        if row.status is RowStatus.DEPRECATED:
            ctx.add(rules.DEPRECATED_ROW, f"{self.field}: {lookup.system} code {text!r} maps "
                    f"through a deprecated row of {lookup.table} (line {row.line})", loc,
                    self.path or (), text)
        return row.canonical_code

    def _flags(self, text: str, ctx: Ctx, loc: Loc) -> str | None:
        lookup = self.lookup
        assert lookup is not None
        best: tuple[int, str] | None = None
        tie: str | None = None
        ok = True
        for flag in text.split(self.separator):
            if not flag or flag in self.ignore_flags:
                continue
            row = lookup.row(flag, ctx.day)
            if row is None:
                ctx.add(rules.UNMAPPED, f"{self.field}: status flag {flag!r} of {text!r} has "
                        f"no approved mapping in table {lookup.table} on {ctx.day}", loc,
                        self.path or (), flag)
                ok = False
                continue
            rank = precedence(row)
            if best is None or rank > best[0]:
                best, tie = (rank, row.canonical_code), None
            elif rank == best[0] and row.canonical_code != best[1]:
                tie = row.canonical_code
        if not ok:
            return None
        if best is not None and tie is None and len(self.flag_cache) < 1024:
            self.flag_cache[(text, ctx.day)] = best[1]
        if best is None:
            ctx.add(rules.STATUS_FLAGS, f"{self.field}: no status flag in {text!r}", loc,
                    self.path or (), text)
            return None
        if tie is not None:
            ctx.add(rules.STATUS_FLAGS, f"{self.field}: flags of {text!r} resolve to both "
                    f"{best[1]!r} and {tie!r} at precedence {best[0]}", loc, self.path or (),
                    text)
            return None
        return best[1]

    def _timestamp(self, text: str, src: dict[str, object], ctx: Ctx, loc: Loc) -> object:
        codec = self.time
        assert codec is not None
        path = self.path or ()
        if codec.iso:
            parsed = parse_iso(text)
            if parsed is None:
                ctx.add(rules.BAD_TIME, f"{self.field}: {text!r} is not an ISO 8601 date-time",
                        loc, path, text)
                return _FAIL
            if parsed.tzinfo is not None:
                aware = to_utc(parsed)
                if aware is None:
                    ctx.add(rules.BAD_TIME, f"{self.field}: {text!r} is out of the "
                            "representable range", loc, path, text)
                    return _FAIL
                return aware
            if codec.offset == "required":
                ctx.add(rules.NAIVE_TIME, f"{self.field}: {text!r} has no UTC offset; this "
                        "system must send one", loc, path, text)
                return _FAIL
            naive = parsed
        else:
            whole = text
            clock_parts: tuple[int, ...] | None = None
            if codec.time_path is not None:
                clock = get(src, codec.time_path)
                if clock is None or clock == "":
                    clock = "000000" if codec.time_fmt == "%H%M%S" else None
                if type(clock) is not str:
                    ctx.add(rules.BAD_TIME, f"{self.field}: time part missing or not a string",
                            loc, codec.time_path, clock)
                    return _FAIL
                assert codec.parse_time is not None
                clock_parts = codec.parse_time(clock)
                if clock_parts is None:
                    ctx.add(rules.BAD_TIME, f"{self.field}: {clock!r} does not match "
                            f"{codec.time_fmt!r}", loc, codec.time_path, clock)
                    return _FAIL
                whole = f"{text} {clock}"
            assert codec.parse is not None
            parts = codec.parse(text)
            if parts is None:
                ctx.add(rules.BAD_TIME, f"{self.field}: {whole!r} does not match {codec.fmt!r}",
                        loc, path, whole)
                return _FAIL
            if clock_parts is not None:
                parts = (*parts[:3], *clock_parts[3:])
            stamp = make_datetime(parts)
            if stamp is None:  # e.g. February 30th or hour 25
                ctx.add(rules.BAD_TIME, f"{self.field}: {whole!r} is not a valid date and time",
                        loc, path, whole)
                return _FAIL
            naive = stamp
        utc = local_to_utc(naive, codec.zone)
        if type(utc) is Problem:
            ctx.add(rules.NAIVE_TIME, f"{self.field}: {utc}", loc, path, text)
            return _FAIL
        return utc

    def _date(self, text: str, ctx: Ctx, loc: Loc) -> object:
        codec = self.time
        assert codec is not None and codec.parse is not None
        parts = codec.parse(text)
        day = make_date(parts) if parts is not None else None
        if day is None:
            ctx.add(rules.BAD_TIME, f"{self.field}: {text!r} is not a date in format "
                    f"{codec.fmt!r}", loc, self.path or (), text)
            return _FAIL
        return day

    # ------------------------------------------------------------------ outbound
    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        """Write a canonical value (not None) to ``out`` at the native path."""
        if self.const is not NOTHING:
            canonical = value.value if isinstance(value, Enum) else value
            if canonical != self.const:
                ctx.add(rules.CONSTANT_MISMATCH, f"{self.field}: {canonical!r} differs from "
                        f"the spec's constant {self.const!r}", loc, (self.field,), canonical)
            return
        native = self.write(value, ctx, loc, out)
        if native is not _FAIL:
            assert self.path is not None
            put(out, self.path, native)

    def write(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> object:
        kind = self.kind
        tail = (self.field,)
        if self.values is not None and self.reverse_values is not None:
            key = value.value if isinstance(value, Enum) else value
            code = self.reverse_values.get(key, NOTHING)
            if code is NOTHING:
                ctx.add(rules.NOT_IN_VALUES, f"{self.field}: {key!r} has no native code in the "
                        "spec's values map", loc, tail, key)
                return _FAIL
            assert isinstance(code, str)
            return self._native(self.norm_out(code) if self.norm_out else code, ctx, loc)
        if self.native is NativeType.NUMBER and self.plain and kind in (Kind.DECIMAL,
                                                                          Kind.INTEGER):
            return value
        if self.native is NativeType.BOOLEAN and kind is Kind.BOOLEAN:
            return value
        text: str
        if kind is Kind.ENUM:
            assert isinstance(value, Enum)
            text = str(value.value)
        elif kind is Kind.TEXT:
            assert isinstance(value, str)
            text = value
        elif kind is Kind.INTEGER:
            text = str(value)
        elif kind is Kind.DECIMAL:
            assert isinstance(value, Decimal)
            text = write_decimal(value, comma=self.comma)
        elif kind is Kind.TIMESTAMP:
            assert isinstance(value, datetime)
            text = self._write_time(value, out)
        elif kind is Kind.DATE:
            assert isinstance(value, date) and self.time is not None
            text = value.strftime(self.time.fmt)
        else:
            text = "true" if value else "false"
        if self.prefix or self.suffix:
            if not (text.startswith(self.prefix) and text.endswith(self.suffix)) or len(
                    text) <= len(self.prefix) + len(self.suffix):
                ctx.add(rules.CONSTANT_MISMATCH, f"{self.field}: {text!r} does not have the "
                        f"spec's form {self.prefix}...{self.suffix}", loc, tail, text)
                return _FAIL
            text = text[len(self.prefix):len(text) - len(self.suffix)]
        if self.lookup is not None:
            reverse = self.lookup.reverse(text, ctx.day)
            if reverse is None:
                ctx.add(rules.NO_REVERSE, f"{self.field}: canonical {text!r} has no approved "
                        f"outbound mapping to {self.lookup.system} in table "
                        f"{self.lookup.table} on {ctx.day}", loc, tail, text)
                return _FAIL
            text = reverse
        elif self.norm_out is not None:
            text = self.norm_out(text)
        return self._native(text, ctx, loc)

    def _native(self, text: str, ctx: Ctx, loc: Loc) -> object:
        if self.native is NativeType.STRING:
            return text
        if self.native is NativeType.BOOLEAN:
            return text == "true"
        if text.lstrip("-").isdigit():
            return int(text)
        number = read_decimal(text)
        if type(number) is Problem:
            ctx.add(rules.BAD_DECIMAL, f"{self.field}: {number}", loc, (self.field,), text)
            return _FAIL
        return number

    def _write_time(self, value: datetime, out: dict[str, object]) -> str:
        codec = self.time
        assert codec is not None
        local = value.astimezone(codec.zone)
        if codec.iso:
            if codec.offset == "none":
                return local.replace(tzinfo=None).isoformat()
            return local.isoformat()
        if codec.time_path is not None:
            put(out, codec.time_path, local.strftime(codec.time_fmt))
        return local.strftime(codec.fmt)


FAIL = _FAIL
