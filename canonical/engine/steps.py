"""The inbound steps of a scalar field, each written once and compiled into one reader.

A step is a closure ``step(value, src, day, say) -> value`` built when a spec is compiled:
the native type check, the plant's normalisation, a code table, status flags or a values
map, prefix and suffix, and the canonical kind (whole number, decimal, date, timestamp).
:func:`chain` composes the steps a rule needs into the field's reader.

The same reader runs twice at most. On the fast path ``say`` is ``None``: any problem, and
anything that deserves a finding (a deprecated row, an ambiguous local time), gives
:data:`FAIL`, and the field is read again with a ``say`` that records located findings. So
the common case costs a few closure calls and the rare one says exactly what is wrong,
from one definition of each rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from canonical.engine import rules
from canonical.engine.context import Ctx, Loc
from canonical.engine.numbers import NumberFormat
from canonical.engine.spec import NOTHING, NativeType, Path
from canonical.engine.values import Problem, json_type, read_decimal, read_integer
from canonical.report import Severity
from canonical.rules import Rule


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: no value: a finding was added (or, on the fast path, would be)
FAIL: object = _Marker("FAIL")
#: no value and nothing to say (an optional field the payload does not carry)
SKIP: object = _Marker("SKIP")


class Say(Protocol):
    """Records one finding of the field being read (``at``: another native path)."""

    def __call__(self, rule: Rule, message: str, value: object = None, *,
                 at: Path | None = None, severity: Severity | None = None) -> None: ...


Step = Callable[[object, dict[str, object], date, "Say | None"], object]


def located(ctx: Ctx, loc: Loc, field: str, path: Path) -> Say:
    """The :class:`Say` of ``field`` at ``loc``: messages start with the field's name and
    point at ``path`` (or the ``at`` given)."""
    def say(rule: Rule, message: str, value: object = None, *, at: Path | None = None,
            severity: Severity | None = None) -> None:
        ctx.add(rule, f"{field}: {message}", loc, path if at is None else at, value, severity)

    return say


def fail(say: Say | None, rule: Rule, message: str, value: object = None, *,
         at: Path | None = None) -> object:
    """Say it (when not on the fast path) and give :data:`FAIL`."""
    if say is not None:
        say(rule, message, value, at=at)
    return FAIL


def chain(steps: Sequence[Step]) -> Step:
    """One reader running ``steps`` in order, stopping at the first :data:`FAIL`."""
    if len(steps) == 1:
        return steps[0]
    if len(steps) == 2:
        first, second = steps

        def two(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
            value = first(value, src, day, say)
            return value if value is FAIL else second(value, src, day, say)

        return two
    ordered = tuple(steps)

    def many(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
        for step in ordered:
            value = step(value, src, day, say)
            if value is FAIL:
                return FAIL
        return value

    return many


# --------------------------------------------------------------------------- native types
#: the native JSON type test of each native type, as Python source over ``{v}``: the one
#: definition the expect steps are compiled from and the generated code inlines (a step that
#: passes its value on unchanged carries its test as ``type_test``)
TYPE_TEST = {
    NativeType.STRING: "type({v}) is str",
    NativeType.NUMBER: "type({v}) is int or type({v}) is Decimal",
    NativeType.BOOLEAN: "type({v}) is bool",
}
_TESTS: dict[NativeType, Callable[[object], bool]] = {
    native: eval(f"lambda value: {test.format(v='value')}", {"Decimal": Decimal})  # ours
    for native, test in TYPE_TEST.items()}
_EXPECTED = {NativeType.STRING: "a string", NativeType.NUMBER: "a number",
             NativeType.BOOLEAN: "true or false"}


def expect(native: NativeType, *, keep_number: bool, keep_boolean: bool) -> Step:
    """The native JSON type check; numbers and booleans become text for the code steps
    unless the value is read as it is (``keep_number``: a plain decimal or integer field,
    ``keep_boolean``: a boolean field without a values map)."""
    test, expected = _TESTS[native], _EXPECTED[native]
    keep = native is NativeType.STRING or (keep_number if native is NativeType.NUMBER
                                           else keep_boolean)
    as_text = _as_text[native]

    def step(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
        if test(value):
            return value if keep else as_text(value)
        return fail(say, rules.WRONG_TYPE, f"expected {expected}, got {json_type(value)}",
                    value)

    if keep:
        setattr(step, "type_test", TYPE_TEST[native])  # noqa: B010 - read by codegen
    return step


_as_text: dict[NativeType, Callable[[object], object]] = {
    NativeType.STRING: lambda value: value,
    NativeType.NUMBER: str,
    NativeType.BOOLEAN: lambda value: "true" if value else "false",
}


def transform(function: Callable[[str], str]) -> Step:
    """A total text function: the plant's normalisation, Unicode NFC, prefix and suffix."""
    def step(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
        return function(value)  # type: ignore[arg-type]

    setattr(step, "text_function", function)  # noqa: B010 - codegen calls it directly
    return step


# --------------------------------------------------------------------------- values maps
def values_map(values: Mapping[str, object], key: Callable[[str], str] | None) -> Step:
    """The canonical value of a native word in the spec's values map (``key``: the declared
    matching, e.g. case-insensitive or accent-insensitive)."""
    listed = ", ".join(map(repr, values))

    def step(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
        text: str = value  # type: ignore[assignment]
        found = values.get(text if key is None else key(text), NOTHING)
        if found is NOTHING:
            return fail(say, rules.NOT_IN_VALUES, f"{text!r} is not one of {listed}", text)
        return found

    return step


# --------------------------------------------------------------------------- kinds
def integer() -> Step:
    def step(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
        found = read_integer(value)
        if type(found) is Problem:
            return fail(say, rules.BAD_INTEGER, found, value)
        return found

    return step


def decimal(comma: bool, number: NumberFormat | None = None) -> Step:
    """An exact decimal; a string in the declared ``number`` format (``"1 234,5"``) is
    read by that format."""
    def step(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
        found = number.read(value) if number is not None and type(value) is str \
            else read_decimal(value, comma=comma)
        if type(found) is Problem:
            return fail(say, rules.BAD_DECIMAL, found, value)
        return found

    return step
