"""One scalar canonical field: read from a native path (inbound), written back (outbound).

Inbound the rule is compiled once into a reader (:mod:`~canonical.engine.steps`): native
JSON type check -> plant normalisation -> status flags, code table
(:mod:`~canonical.engine.codes`) or values map -> prefix/suffix -> the canonical kind
(integer, decimal, timestamp or date: :mod:`~canonical.engine.timestamps`). :attr:`ScalarNode.fast`
runs it without findings; when that gives FAIL, :meth:`ScalarNode.decode` runs the same
reader again with a ``say`` that records located findings. Outbound runs the steps
backwards. Nothing is copied through unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum

from canonical.engine import rules, steps
from canonical.engine.codes import code, flags
from canonical.engine.context import Ctx, Loc, WrongAt, anchor_of, get, put, show
from canonical.engine.lookups import TableLookup
from canonical.engine.numbers import NumberFormat
from canonical.engine.shape import Kind
from canonical.engine.spec import NOTHING, NativeType, Path
from canonical.engine.steps import FAIL, SKIP, Say, Step
from canonical.engine.timestamps import TimeCodec, date_step, timestamp_step
from canonical.engine.values import Problem, json_type, read_decimal, write_decimal
from canonical.lexical import is_ascii_digits

#: a compiled field read without findings: the value, FAIL (read it again, saying why) or SKIP
Fast = Callable[[dict[str, object], dict[str, object], Ctx], object]
#: one outbound step: (value, ctx, loc, the native object being written) -> value or FAIL
OutStep = Callable[[object, Ctx, Loc, dict[str, object]], object]


class ScalarNode:
    """A compiled scalar rule (see :class:`~canonical.engine.spec.FieldRule`)."""

    __slots__ = (
        "allow_empty",
        "as_is",
        "comma",
        "const",
        "default",
        "fast",
        "field",
        "key",
        "kind",
        "lookup",
        "native",
        "norm_out",
        "number",
        "out_steps",
        "path",
        "plain",
        "prefix",
        "reader",
        "rel",
        "required",
        "reverse_values",
        "shared",
        "simple_write",
        "steps",
        "suffix",
        "time",
        "up",
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
                 shared: bool = False, number: NumberFormat | None = None,
                 words: Mapping[str, object] | None = None) -> None:
        self.field, self.kind, self.required, self.path = field, kind, required, path
        self.const, self.default, self.native = const, default, native
        self.norm_out, self.lookup = norm_out, lookup
        self.values = dict(values) if values is not None else None
        self.reverse_values = _reverse(words if words is not None else values)
        self.prefix, self.suffix, self.comma, self.time = prefix, suffix, comma, time
        self.number = number
        self.allow_empty = values is not None and "" in values
        # a value that needs no code step: read directly in its canonical kind
        self.plain = (lookup is None and values is None and norm_in is None and not prefix
                      and not suffix)
        self.up, self.rel = anchor_of(path) if path is not None else (0, ())
        self.key = path[0] if path is not None and len(path) == 1 and not self.up else None
        self.shared = shared
        #: written as the canonical value itself (a JSON number or boolean)
        self.as_is = _as_is(native, kind, self.plain)
        self.out_steps = self._out_steps()
        #: the inbound steps in order (the generated code calls them one by one)
        self.steps = tuple(self._steps(norm_in, flags, ignore_flags, separator))
        self.reader = steps.chain(self.steps)
        self.fast: Fast = self._fast()
        #: written by :meth:`write` to one key of the object, nothing else to check
        self.simple_write = const is NOTHING and not shared and self.key is not None

    def _steps(self, norm_in: Callable[[str], str] | None, flags_: bool,
               ignore: frozenset[str], separator: str | None) -> list[Step]:
        """The inbound steps of this rule, in order (see the module docstring)."""
        kind, lookup = self.kind, self.lookup
        keep_number = self.plain and kind in (Kind.DECIMAL, Kind.INTEGER)
        found = [steps.expect(self.native, keep_number=keep_number,
                              keep_boolean=self.values is None)]
        if self.native is NativeType.BOOLEAN and self.values is None:
            return found
        if norm_in is not None:
            found.append(steps.transform(norm_in))
        if lookup is not None:
            found.append(flags(lookup, separator, ignore) if flags_ else code(lookup))
        elif self.values is not None:
            return [*found, steps.values_map(self.values, None)]
        if self.prefix or self.suffix:
            prefix, suffix = self.prefix, self.suffix
            found.append(steps.transform(lambda text: f"{prefix}{text}{suffix}"))
        return found + self._kind_steps()

    def _kind_steps(self) -> list[Step]:
        kind = self.kind
        if kind is Kind.INTEGER:
            return [steps.integer()]
        if kind is Kind.DECIMAL:
            return [steps.decimal(self.comma, self.number)]
        if kind is Kind.TIMESTAMP and self.time is not None:
            return [timestamp_step(self.time)]
        if kind is Kind.DATE and self.time is not None:
            return [date_step(self.time)]
        return []

    def _fast(self) -> Fast:
        """The field read from its native object without findings (see :data:`Fast`)."""
        const, default, required, reader = self.const, self.default, self.required, self.reader
        key, allow_empty, raw_of = self.key, self.allow_empty, self.raw
        if const is not NOTHING:
            return lambda src, out, ctx: const

        def fast(src: dict[str, object], out: dict[str, object], ctx: Ctx) -> object:
            raw = src.get(key) if key is not None else raw_of(src, ctx)
            if raw is None or (raw == "" and not allow_empty):
                if default is not NOTHING:
                    return default
                return FAIL if required else SKIP
            if type(raw) is WrongAt:
                return FAIL
            return reader(raw, src, ctx.day, None)

        return fast

    # ------------------------------------------------------------------ inbound
    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        """Read this field into ``out``, adding a located finding for each problem."""
        if self.const is not NOTHING:
            out[self.field] = self.const
            return
        path = self.path
        assert path is not None
        raw = self.raw(src, ctx)
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
        if value is not FAIL:
            out[self.field] = value

    def raw(self, src: dict[str, object], ctx: Ctx) -> object:
        """The native value at the rule's path: below ``src``, the parent object or the
        document root (``^.`` / ``$.``); None when absent."""
        if self.key is not None:
            return src.get(self.key)
        base = src if self.up == 0 else ctx.base(self.up, src)
        if base is None:
            return None
        return get(base, self.rel) if self.rel else base

    def read(self, raw: object, src: dict[str, object], ctx: Ctx, loc: Loc) -> object:
        """A native value as the canonical value, or ``FAIL`` (a finding was added)."""
        return self.reader(raw, src, ctx.day, self.say(ctx, loc))

    def say(self, ctx: Ctx, loc: Loc) -> Say:
        """Findings of this field at ``loc``."""
        return steps.located(ctx, loc, self.field, self.path or ())

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
        if native is FAIL:
            return
        target = out if self.up == 0 else ctx.base(self.up, out)
        if target is None:
            return
        before = get(target, self.rel) if self.shared or self.up else None
        if before is not None and before != native:
            ctx.add(rules.CONSTANT_MISMATCH, f"{self.field}: {native!r} differs from "
                    f"{before!r}, already written to {show(self.path or ())} by another "
                    "field or item sharing it", loc, (self.field,), native)
            return
        put(target, self.rel, native)

    def write(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> object:
        """The native value of a canonical one, or FAIL (a finding was added): the outbound
        steps (:meth:`_out_steps`) in order."""
        for step in self.out_steps:
            value = step(value, ctx, loc, out)
            if value is FAIL:
                return FAIL
        return value

    def _out_steps(self) -> tuple[OutStep, ...]:
        """The outbound steps: the canonical value as text, prefix and suffix removed, the
        reverse table row (or the outbound normalisation), the native JSON type."""
        if self.reverse_values is not None:
            return (self.write_values, *self._native_steps())
        if self.as_is:
            return ()
        found: list[OutStep] = [] if self.kind is Kind.TEXT else [self._text_step()]
        if self.prefix or self.suffix:
            found.append(self._strip_affix())
        if self.lookup is not None:
            found.append(self.reverse_code)
        elif self.norm_out is not None:
            found.append(_text_step(self.norm_out))
        return (*found, *self._native_steps())

    def write_values(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> object:
        assert self.reverse_values is not None
        key = value._value_ if isinstance(value, Enum) else value
        code = self.reverse_values.get(key, NOTHING)
        if code is NOTHING:
            ctx.add(rules.NOT_IN_VALUES, f"{self.field}: {key!r} has no native code in the "
                    "spec's values map", loc, (self.field,), key)
            return FAIL
        assert isinstance(code, str)
        return self.norm_out(code) if self.norm_out else code

    def _text_step(self) -> OutStep:
        """A canonical value as the text the code steps work on (before prefix and table)."""
        kind, time, number, comma = self.kind, self.time, self.number, self.comma
        if kind is Kind.DECIMAL:
            if number is not None:
                return lambda value, ctx, loc, out: number.write(value)  # type: ignore[arg-type]
            return lambda value, ctx, loc, out: write_decimal(value, comma=comma)  # type: ignore[arg-type]
        if kind is Kind.TIMESTAMP and time is not None:
            step: OutStep = lambda value, ctx, loc, out: time.write_timestamp(value, out)  # type: ignore[arg-type]  # noqa: E731
            setattr(step, "writes_to", time.write_timestamp)  # noqa: B010 - codegen calls it
            return step
        if kind is Kind.DATE and time is not None:
            write = time.write
            return lambda value, ctx, loc, out: write(value)  # type: ignore[arg-type]
        if kind is Kind.BOOLEAN:
            return lambda value, ctx, loc, out: "true" if value else "false"
        return _plain_text  # enumerations and whole numbers

    def _strip_affix(self) -> OutStep:
        """The text without the spec's prefix and suffix (a finding when it lacks them)."""
        prefix, suffix, field = self.prefix, self.suffix, self.field
        cut = affix_cut(prefix, suffix)

        def strip(text: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> object:
            assert isinstance(text, str)
            if (inner := cut(text)) is not None:
                return inner
            ctx.add(rules.CONSTANT_MISMATCH, f"{field}: {text!r} does not have the spec's "
                    f"form {prefix}...{suffix}", loc, (field,), text)
            return FAIL

        setattr(strip, "affix", cut)  # noqa: B010 - the generated code calls it in line
        return strip

    def reverse_code(self, text: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> object:
        """The source code of a canonical code (the table's reverse row of the day)."""
        lookup = self.lookup
        assert lookup is not None and isinstance(text, str)
        reverse = lookup.reverse(text, ctx.day)
        if reverse is None:
            ctx.add(rules.NO_REVERSE, f"{self.field}: canonical {text!r} has no approved "
                    f"outbound mapping to {lookup.system} in table {lookup.table} on "
                    f"{ctx.day}", loc, (self.field,), text)
            return FAIL
        return reverse

    def _native_steps(self) -> tuple[OutStep, ...]:
        if self.native is NativeType.STRING:
            return ()
        if self.native is NativeType.BOOLEAN:
            return (lambda text, ctx, loc, out: text == "true",)
        return (self._number,)

    def _number(self, text: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> object:
        assert isinstance(text, str)
        if is_ascii_digits(text.lstrip("-")):
            return int(text)
        number = read_decimal(text)
        if type(number) is Problem:
            ctx.add(rules.BAD_DECIMAL, f"{self.field}: {number}", loc, (self.field,), text)
            return FAIL
        return number


def _text_step(function: Callable[[str], str]) -> OutStep:
    """An outbound step that is a total text function (the outbound normalisation)."""
    def step(text: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> object:
        return function(text)  # type: ignore[arg-type]

    setattr(step, "text_function", function)  # noqa: B010 - codegen calls it directly
    return step


def _plain(value: object) -> str:
    return str(value._value_) if isinstance(value, Enum) else str(value)  # not the slow .value


#: enumerations and whole numbers as text: a total text function (codegen calls it directly)
_plain_text = _text_step(_plain)


def _reverse(values: Mapping[str, object] | None) -> dict[object, str] | None:
    """Canonical value -> the native word written for it: the first listed, as the spec
    spells it (``words``; ``values`` are keyed as read, after normalisation)."""
    if values is None:
        return None
    reverse: dict[object, str] = {}
    for word, value in values.items():
        reverse.setdefault(value, word)
    return reverse


def _as_is(native: NativeType, kind: Kind, plain: bool) -> bool:
    if native is NativeType.NUMBER:
        return plain and kind in (Kind.DECIMAL, Kind.INTEGER)
    return native is NativeType.BOOLEAN and kind is Kind.BOOLEAN


def affix_cut(prefix: str, suffix: str) -> Callable[[str], str | None]:
    """The text between the spec's ``prefix`` and ``suffix`` (None when it lacks them, or
    holds nothing between them): the one test of an affix, used by the step and called by
    the generated code."""
    start, least, end = len(prefix), len(prefix) + len(suffix), -len(suffix) or None

    def cut(text: str) -> str | None:
        if len(text) > least and text.startswith(prefix) and text.endswith(suffix):
            return text[start:end]
        return None

    return cut
