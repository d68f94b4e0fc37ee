"""Compiling one scalar rule: the checks that say why it does not fit, or its node.

The checks come in groups (the value, codes, native type, time), each adding located
findings (``ENG-0xx``, and the dialect features' ``ENG-2xx``); a rule with findings is not
compiled. What each key means at run time is :mod:`~canonical.engine.scalar` and
:mod:`~canonical.engine.steps`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Protocol
from zoneinfo import ZoneInfo

from canonical.engine import rules
from canonical.engine.lookups import TableLookup
from canonical.engine.scalar import ScalarNode
from canonical.engine.shape import FieldShape, Kind
from canonical.engine.spec import NOTHING, FieldRule, NativeType, Path, Spec
from canonical.engine.timestamps import TimeCodec
from canonical.engine.values import compile_format
from canonical.mapping import Plant
from canonical.mapping.config import SourceSystem
from canonical.mapping.normalise import Normaliser
from canonical.mapping.tables import TABLES
from canonical.report import Finding
from canonical.rules import Rule


class Compiling(Protocol):
    """What the spec compiler offers a scalar rule."""

    spec: Spec
    plant: Plant
    system: SourceSystem | None
    findings: list[Finding]

    def add(self, rule: Rule, message: str, where: str, line: int | None,
            value: object = None) -> None: ...

    def lookup(self, table: str) -> TableLookup: ...


def compile_scalar(c: Compiling, rule: FieldRule, shape: FieldShape,
                   path: Path | None) -> ScalarNode | None:
    """The node of a scalar rule at native ``path``, or None (findings say why)."""
    where, line, kind = rule.where, rule.line, shape.kind
    if rule.value is not NOTHING:
        return _constant(c, rule, shape)
    if path is None:
        c.add(rules.SPEC_RULE, f"{rule.field}: a rule needs a path (or a constant value)",
              where, line)
        return None
    before = len(c.findings)
    if rule.default is not NOTHING and not valid(shape, rule.default):
        c.add(rules.SPEC_CONSTANT, f"default {rule.default!r} is not a valid {describe(shape)}",
              where, line, rule.default)
    _check_codes(c, rule, shape)
    _check_native(c, rule, kind)
    normaliser = _normaliser(c, rule)
    values = _values(c, rule, shape, normaliser)
    time = compile_time(c, rule, kind)
    if len(c.findings) > before:
        return None
    return _node(c, rule, shape, path, normaliser, time, values)


def _values(c: Compiling, rule: FieldRule, shape: FieldShape,
            normaliser: Normaliser | None) -> dict[str, object] | None:
    """The values map keyed as the reader sees a native word: after the rule's declared
    normalisation (``casefold``, ``strip_accents``, ``nfc``...), so ``"Zwolnione"``,
    ``"ZWOLNIONE"`` and ``"zwolnione"`` are one key. The words keep their order: the first
    listed for a value is what is written out."""
    if rule.values is None:
        return None
    found: dict[str, object] = {}
    first: dict[str, str] = {}
    for word, value in rule.values.items():
        key = normaliser.to_key(word) if normaliser is not None else word
        if key in found and found[key] != canonical(shape, value):
            c.add(rules.SPEC_VALUES, f"values {first[key]!r} and {word!r} read as the same "
                  f"word {key!r} after normalise {rule.normalise!r} but map to "
                  f"{rule.values[first[key]]!r} and {value!r}", rule.where, rule.line, word)
        first.setdefault(key, word)
        found.setdefault(key, canonical(shape, value))
    return found


def _node(c: Compiling, rule: FieldRule, shape: FieldShape, path: Path,
          normaliser: Normaliser | None, time: TimeCodec | None,
          values: dict[str, object] | None) -> ScalarNode:
    kind = shape.kind
    lookup = c.lookup(rule.table) if rule.table is not None else None
    return ScalarNode(
        rule.field, kind, required=shape.required, path=path,
        default=canonical(shape, rule.default) if rule.default is not NOTHING else NOTHING,
        native=rule.native, norm_in=normaliser.to_key if normaliser else None,
        norm_out=normaliser.to_source if normaliser and lookup is None else None,
        lookup=lookup, flags=rule.flags, ignore_flags=rule.ignore_flags,
        separator=c.system.status_separator if c.system is not None else None,
        values=values, prefix=rule.prefix, suffix=rule.suffix,
        comma=c.spec.decimal_comma, time=time, shared=rule.shared,
        number=rule.number or c.spec.number,
        words=None if rule.values is None else {
            word: canonical(shape, value) for word, value in rule.values.items()})


def _constant(c: Compiling, rule: FieldRule, shape: FieldShape) -> ScalarNode | None:
    if not valid(shape, rule.value):
        c.add(rules.SPEC_CONSTANT, f"value {rule.value!r} is not a valid {describe(shape)}",
              rule.where, rule.line, rule.value)
        return None
    return ScalarNode(rule.field, shape.kind, required=shape.required, path=None,
                      const=canonical(shape, rule.value))


def _check_codes(c: Compiling, rule: FieldRule, shape: FieldShape) -> None:
    """Enum fields translate; a table exists; flags need a table; values are canonical."""
    where, line = rule.where, rule.line
    if shape.kind is Kind.ENUM and rule.table is None and rule.values is None:
        c.add(rules.SPEC_RULE, f"{rule.field} is an enum: translate it with a table or a "
              "values map (raw native codes never pass through)", where, line)
    if rule.flags and rule.table is None:
        c.add(rules.SPEC_RULE, "flags needs a table", where, line)
    if rule.table is not None and rule.table not in TABLES:
        c.add(rules.SPEC_TABLE, f"unknown table {rule.table!r}; tables: {', '.join(TABLES)}",
              where, line, rule.table)
    if rule.table is not None and rule.values is not None:
        c.add(rules.SPEC_RULE, "use either table or values, not both", where, line)
    for code, value in (rule.values or {}).items():
        if not valid(shape, value):
            c.add(rules.SPEC_VALUES, f"values[{code!r}] = {value!r} is not a valid "
                  f"{describe(shape)}", where, line, value)


def _check_native(c: Compiling, rule: FieldRule, kind: Kind) -> None:
    """The native JSON type and prefix/suffix fit the canonical kind."""
    where, line = rule.where, rule.line
    coded = rule.values is not None or rule.table is not None
    if rule.native is NativeType.NUMBER and kind not in (Kind.INTEGER, Kind.DECIMAL) and (
            not coded):
        c.add(rules.SPEC_KIND, f"native: number does not fit a {kind.value} field", where, line)
    if kind is Kind.BOOLEAN and rule.native is not NativeType.BOOLEAN and rule.values is None:
        c.add(rules.SPEC_RULE, f"{rule.field} is a boolean: use native: boolean or a values "
              "map", where, line)
    if (rule.prefix or rule.suffix) and kind is not Kind.TEXT:
        c.add(rules.SPEC_KIND, "prefix/suffix apply to text fields only", where, line)


def _normaliser(c: Compiling, rule: FieldRule) -> Normaliser | None:
    """The plant's declared normalisation ``rule.normalise`` of the spec's system."""
    if rule.normalise is None or c.system is None:
        return None
    if rule.normalise not in c.system.normalisation:
        c.add(rules.SPEC_RULE, f"normalise {rule.normalise!r} is not declared for "
              f"{c.spec.system} in plant.yaml", rule.where, rule.line, rule.normalise)
        return None
    return c.system.normaliser(rule.normalise)


def compile_time(c: Compiling, rule: FieldRule, kind: Kind) -> TimeCodec | None:
    """The time codec of a date or timestamp rule (format, zone, DST policy)."""
    if kind not in (Kind.TIMESTAMP, Kind.DATE):
        if rule.format or rule.time_path:
            c.add(rules.SPEC_KIND, "format/time_path apply to dates and timestamps",
                  rule.where, rule.line)
        return None
    fmt = rule.format or ("%Y-%m-%d" if kind is Kind.DATE else None)
    if fmt is None:
        c.add(rules.SPEC_FORMAT, f"{rule.field} is a timestamp: declare its format ('iso' or "
              "a pattern such as '%Y%m%d%H%M%S')", rule.where, rule.line)
        return None
    if fmt == "iso" and kind is Kind.DATE:
        c.add(rules.SPEC_FORMAT, "a date field takes a pattern such as '%Y-%m-%d'",
              rule.where, rule.line)
        return None
    try:
        parse = None if fmt == "iso" else compile_format(fmt)
        parse_time = compile_format(rule.time_format) if rule.time_path else None
    except ValueError as exc:
        c.add(rules.SPEC_FORMAT, f"{rule.field}: {exc}", rule.where, rule.line, fmt)
        return None
    zone = ZoneInfo(rule.zone) if rule.zone else c.plant.zone
    return TimeCodec(fmt, parse, zone, rule.offset, rule.time_path, rule.time_format,
                     parse_time, rule.dst or c.spec.dst)


def valid(shape: FieldShape, value: object) -> bool:
    """Whether a spec's constant, default or values-map value is a value of the field."""
    kind = shape.kind
    if kind is Kind.ENUM:
        assert shape.enum is not None
        return isinstance(value, str) and value in {str(m.value) for m in shape.enum}
    if kind is Kind.TEXT:
        return isinstance(value, str) and bool(value.strip()) and value == value.strip()
    if kind is Kind.INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is Kind.BOOLEAN:
        return isinstance(value, bool)
    if kind is Kind.DECIMAL:
        try:
            return isinstance(value, str) and Decimal(value).is_finite()
        except InvalidOperation:
            return False
    return False


def canonical(shape: FieldShape, value: object) -> object:
    if shape.kind is Kind.DECIMAL and isinstance(value, str):
        return Decimal(value)
    return value


def describe(shape: FieldShape) -> str:
    if shape.enum is not None:
        values = ", ".join(str(m.value) for m in shape.enum if isinstance(m, Enum))
        return f"{shape.enum.__name__} ({values})"
    return f"{shape.kind.value} value for {shape.name}"
