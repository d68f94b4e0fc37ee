"""One scalar canonical field: read from a native path (inbound), written back (outbound).

Inbound pipeline: native JSON type check -> plant normalisation -> status flags, code
table (:mod:`~canonical.engine.codes`) or values map -> prefix/suffix -> the
canonical kind (integer, decimal, timestamp or date: :mod:`~canonical.engine.timestamps`).
Outbound runs the same steps backwards. Every step that cannot proceed adds a located
finding; nothing is copied through unchecked. The common case of a rule skips the pipeline
(:mod:`~canonical.engine.fast_path`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from canonical.engine import rules
from canonical.engine.codes import read_code, read_flags
from canonical.engine.context import Ctx, Loc, WrongAt, get, put
from canonical.engine.fast_path import fast_path, quick
from canonical.engine.lookups import TableLookup
from canonical.engine.shape import Kind
from canonical.engine.spec import NOTHING, NativeType, Path
from canonical.engine.timestamps import TimeCodec
from canonical.engine.values import (
    Problem,
    json_type,
    read_decimal,
    read_integer,
    write_decimal,
)
from canonical.lexical import is_ascii_digits
from canonical.rules import Rule

_FAIL = object()


class ScalarNode:
    """A compiled scalar rule (see :class:`~canonical.engine.spec.FieldRule`)."""

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
        self.fast, self.fast_aux = fast_path(self, keeps_numbers)

    # ------------------------------------------------------------------ inbound
    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        if self.fast:
            raw = src.get(self.key)  # type: ignore[arg-type]
            if type(raw) is str and raw:
                value = quick(self, raw, src, ctx.day)
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
            found = read_flags(self.lookup, text, ctx, loc, self.field, path,
                               separator=self.separator, ignore=self.ignore_flags,
                               cache=self.flag_cache) if self.flags else read_code(
                self.lookup, text, ctx, loc, self.field, path)
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
            assert self.time is not None
            stamp = self.time.read_timestamp(value, src, ctx, loc, self.field, path)
            return _FAIL if stamp is None else stamp
        if kind is Kind.DATE:
            assert self.time is not None
            day = self.time.read_date(value, ctx, loc, self.field, path)
            return _FAIL if day is None else day
        ctx.add(rules.WRONG_TYPE, f"{self.field}: expected true or false", loc, path, raw)
        return _FAIL

    def _checked(self, result: object, rule: Rule, ctx: Ctx, loc: Loc,
                 raw: object) -> object:
        if type(result) is Problem:
            ctx.add(rule, f"{self.field}: {result}", loc, self.path or (), raw)
            return _FAIL
        return result

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
            assert self.time is not None
            text = self.time.write_timestamp(value, out)
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
        if is_ascii_digits(text.lstrip("-")):
            return int(text)
        number = read_decimal(text)
        if type(number) is Problem:
            ctx.add(rules.BAD_DECIMAL, f"{self.field}: {number}", loc, (self.field,), text)
            return _FAIL
        return number


FAIL = _FAIL
