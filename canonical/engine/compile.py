"""Compiling a spec against a plant and the canonical model: nodes, or findings that say why not.

This is the semantic half of spec validation: every canonical field must exist and fit its
rule (``ENG-005``, ``ENG-013``), every table and normalisation must exist in the plant
(``ENG-006``, ``ENG-008``), constants and values must be canonical values (``ENG-011``,
``ENG-014``), required fields must be covered (``ENG-009``) and no two rules may write the
same native path (``ENG-016``). A spec with error findings is not compiled.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from zoneinfo import ZoneInfo

from canonical.engine import rules
from canonical.engine.known_keys import Trie, add_path
from canonical.engine.lists import ItemsNode, ListNode
from canonical.engine.lookups import TableLookup
from canonical.engine.objects import NestedNode, Node, ObjectNode
from canonical.engine.plan import Plan
from canonical.engine.quantity import QuantityNode
from canonical.engine.scalar import ScalarNode
from canonical.engine.shape import MAPPABLE, FieldShape, Kind, entity_class, fields_of
from canonical.engine.spec import (
    NOTHING,
    Direction,
    FieldRule,
    NativeType,
    ObjectRule,
    Path,
    Spec,
)
from canonical.engine.timestamps import TimeCodec
from canonical.engine.values import compile_format
from canonical.mapping import Plant
from canonical.mapping.tables import TABLES
from canonical.models import CanonicalModel
from canonical.report import Finding
from canonical.rules import Rule

_SCALARS = {Kind.TEXT, Kind.INTEGER, Kind.BOOLEAN, Kind.DECIMAL, Kind.TIMESTAMP, Kind.DATE,
            Kind.ENUM}


class _Compiler:
    def __init__(self, spec: Spec, plant: Plant, base_units: Mapping[str, str]) -> None:
        self.spec, self.plant, self.base_units = spec, plant, base_units
        self.system = plant.source_systems.get(spec.system)
        self.findings: list[Finding] = []
        self.lookups: dict[str, TableLookup] = {}

    def add(self, rule: Rule, message: str, where: str, line: int | None,
            value: object = None) -> None:
        self.findings.append(rule.finding(message, path=where, value=value).located(
            file=self.spec.file, line=line))

    def lookup(self, table: str) -> TableLookup:
        found = self.lookups.get(table)
        if found is None:
            found = self.lookups[table] = TableLookup(self.plant, table, self.spec.system)
        return found

    # ------------------------------------------------------------------ objects
    def obj(self, rule: ObjectRule, model: type[CanonicalModel], prefix: str, *,
            own_context: bool, trie: Trie, written: dict[Path, bool]) -> ObjectNode:
        shapes = fields_of(model)
        nodes: list[Node] = []
        seen: set[str] = set()
        for path, _ in rule.constants:
            self.claim(path, written, trie, rule.where, rule.line)
        for path in rule.ignore:
            add_path(trie, path)
        for field in rule.fields:
            shape = shapes.get(field.field)
            if shape is None:
                self.add(rules.SPEC_FIELD, f"{model.__name__} has no field {field.field!r}; "
                         f"fields: {', '.join(shapes)}", field.where, field.line, field.field)
                continue
            seen.add(field.field)
            node = self.field(field, shape, f"{prefix}{field.field}", trie, written, seen)
            if node is not None:
                nodes.append(node)
        for name, shape in shapes.items():
            if shape.required and name not in seen:
                self.add(rules.SPEC_REQUIRED, f"required field {model.__name__}.{name} has no "
                         "rule", rule.where, rule.line, name)
        drop = frozenset(d[len(prefix):] for d in self.spec.drop
                         if d.startswith(prefix) and "." not in d[len(prefix):])
        return ObjectNode(model, nodes, at=rule.at, constants=rule.constants, trie=trie,
                          check_unknown=own_context and self.spec.unknown_fields == "error",
                          drop=drop)

    def claim(self, path: Path, written: dict[Path, bool], trie: Trie, where: str,
              line: int | None, *, unit: bool = False) -> None:
        """Reserve a native path for one rule (quantities may share a unit path)."""
        for other, other_unit in written.items():
            shorter = min(len(other), len(path))
            if other[:shorter] == path[:shorter] and not (unit and other_unit and other == path):
                self.add(rules.SPEC_CLASH, f"native path {'.'.join(path)} is also written as "
                         f"{'.'.join(other)}", where, line)
                break
        written[path] = unit
        add_path(trie, path)

    def field(self, rule: FieldRule, shape: FieldShape, canon: str, trie: Trie,
              written: dict[Path, bool], siblings: set[str]) -> Node | None:
        where, line = rule.where, rule.line
        if rule.each is not None:
            if not shape.many:
                return self.wrong_kind(rule, shape, "each (a list)")
            self.claim(rule.each, written, trie, where, line)
            if rule.object is not None:
                if shape.model is None or shape.kind is not Kind.OBJECT:
                    return self.wrong_kind(rule, shape, "fields (object items)")
                child = self.obj(rule.object, shape.model, canon + ".", own_context=True,
                                 trie={}, written={})
                if rule.unique is not None and rule.unique not in fields_of(shape.model):
                    self.add(rules.SPEC_FIELD, f"unique: {shape.model.__name__} has no field "
                             f"{rule.unique!r}", where, line, rule.unique)
                return ListNode(rule.field, rule.each, child=child, item=None, unique=rule.unique)
            assert rule.item is not None
            if shape.kind not in _SCALARS:
                return self.wrong_kind(rule, shape, "item (scalar items)")
            scalar = self.scalar(rule.item, shape, trie={}, written={}, path=())
            return ListNode(rule.field, rule.each, child=None, item=scalar, unique=None) \
                if scalar is not None else None
        if rule.items:
            if not shape.many or shape.model is None or shape.kind is not Kind.OBJECT:
                return self.wrong_kind(rule, shape, "items (a list of objects)")
            children, whens, matches = [], [], []
            for item in rule.items:
                if item.when is not None:
                    add_path(trie, item.when)
                own = item.at is not None
                if own:
                    assert item.at is not None
                    self.claim(item.at, written, trie, item.where, item.line)
                children.append(self.obj(item, shape.model, canon + ".", own_context=own,
                                         trie={} if own else trie,
                                         written={} if own else written))
                whens.append(item.when)
                matches.append({f.field: f.value for f in item.fields if f.value is not NOTHING})
            return ItemsNode(rule.field, children, whens, matches)
        if shape.many:
            return self.wrong_kind(rule, shape, "each or items")
        if rule.object is not None:
            if shape.model is None or shape.kind is not Kind.OBJECT:
                return self.wrong_kind(rule, shape, "fields (a nested object)")
            own = rule.object.at is not None
            if own:
                assert rule.object.at is not None
                self.claim(rule.object.at, written, trie, where, line)
            child = self.obj(rule.object, shape.model, canon + ".", own_context=own,
                             trie={} if own else trie, written={} if own else written)
            return NestedNode(rule.field, child, required=shape.required)
        if rule.quantity is not None:
            if shape.kind is not Kind.QUANTITY:
                return self.wrong_kind(rule, shape, "quantity")
            q = rule.quantity
            self.claim(q.value, written, trie, where, line)
            if q.unit is not None:
                self.claim(q.unit, written, trie, where, line, unit=True)
            if q.to_base_unit is not None:
                name = q.to_base_unit.removeprefix("$.")
                known = fields_of(entity_class(self.spec.entity) or CanonicalModel) \
                    if q.to_base_unit.startswith("$.") else None
                if (known is not None and name not in known) or (
                        known is None and name not in siblings):
                    self.add(rules.SPEC_REFERENCE, f"to_base_unit: {q.to_base_unit!r} is not a "
                             "material field mapped before this quantity ('material' or "
                             "'$.material')", where, line, q.to_base_unit)
            return QuantityNode(rule.field, required=shape.required, value_path=q.value,
                                unit_path=q.unit, unit_value=q.unit_value,
                                units=self.lookup("units"), base_of=q.to_base_unit,
                                base_units=self.base_units, native=q.native,
                                comma=self.spec.decimal_comma)
        if shape.kind not in _SCALARS:
            return self.wrong_kind(rule, shape, "path or value")
        return self.scalar(rule, shape, trie=trie, written=written, path=rule.path)

    def wrong_kind(self, rule: FieldRule, shape: FieldShape, given: str) -> Node | None:
        what = f"list of {shape.kind.value}" if shape.many else shape.kind.value
        self.add(rules.SPEC_KIND, f"{rule.field} is a {what} field; a rule with {given} does "
                 "not fit it", rule.where, rule.line, rule.field)
        return None

    # ------------------------------------------------------------------ scalars
    def scalar(self, rule: FieldRule, shape: FieldShape, *, trie: Trie, written: dict[Path, bool],
               path: Path | None) -> ScalarNode | None:
        where, line, kind = rule.where, rule.line, shape.kind
        before = len(self.findings)
        if rule.value is not NOTHING:
            if not _valid(shape, rule.value):
                self.add(rules.SPEC_CONSTANT, f"value {rule.value!r} is not a valid "
                         f"{_describe(shape)}", where, line, rule.value)
                return None
            return ScalarNode(rule.field, kind, required=shape.required, path=None,
                              const=_canonical(shape, rule.value))
        if path is None:
            self.add(rules.SPEC_RULE, f"{rule.field}: a rule needs a path (or a constant "
                     "value)", where, line)
            return None
        if path:
            self.claim(path, written, trie, where, line)
        if rule.time_path is not None:
            self.claim(rule.time_path, written, trie, where, line)
        if rule.default is not NOTHING and not _valid(shape, rule.default):
            self.add(rules.SPEC_CONSTANT, f"default {rule.default!r} is not a valid "
                     f"{_describe(shape)}", where, line, rule.default)
        if kind is Kind.ENUM and rule.table is None and rule.values is None:
            self.add(rules.SPEC_RULE, f"{rule.field} is an enum: translate it with a table or "
                     "a values map (raw native codes never pass through)", where, line)
        if rule.flags and rule.table is None:
            self.add(rules.SPEC_RULE, "flags needs a table", where, line)
        if rule.table is not None and rule.table not in TABLES:
            self.add(rules.SPEC_TABLE, f"unknown table {rule.table!r}; tables: "
                     f"{', '.join(TABLES)}", where, line, rule.table)
        if rule.table is not None and rule.values is not None:
            self.add(rules.SPEC_RULE, "use either table or values, not both", where, line)
        normaliser = None
        if rule.normalise is not None and self.system is not None:
            if rule.normalise not in self.system.normalisation:
                self.add(rules.SPEC_RULE, f"normalise {rule.normalise!r} is not declared for "
                         f"{self.spec.system} in plant.yaml", where, line, rule.normalise)
            else:
                normaliser = self.system.normaliser(rule.normalise)
        if rule.values is not None:
            for code, value in rule.values.items():
                if not _valid(shape, value):
                    self.add(rules.SPEC_VALUES, f"values[{code!r}] = {value!r} is not a valid "
                             f"{_describe(shape)}", where, line, value)
        if rule.native is NativeType.NUMBER and kind not in (Kind.INTEGER, Kind.DECIMAL) and (
                rule.values is None and rule.table is None):
            self.add(rules.SPEC_KIND, f"native: number does not fit a {kind.value} field",
                     where, line)
        if kind is Kind.BOOLEAN and rule.native is not NativeType.BOOLEAN and rule.values is None:
            self.add(rules.SPEC_RULE, f"{rule.field} is a boolean: use native: boolean or a "
                     "values map", where, line)
        time = self.time(rule, kind)
        if (rule.prefix or rule.suffix) and kind not in (Kind.TEXT,):
            self.add(rules.SPEC_KIND, "prefix/suffix apply to text fields only", where, line)
        if len(self.findings) > before:
            return None
        values = None if rule.values is None else {
            k: _canonical(shape, v) for k, v in rule.values.items()}
        lookup = self.lookup(rule.table) if rule.table is not None else None
        separator = self.system.status_separator if self.system is not None else None
        return ScalarNode(
            rule.field, kind, required=shape.required, path=path,
            default=_canonical(shape, rule.default) if rule.default is not NOTHING else NOTHING,
            native=rule.native, norm_in=normaliser.to_key if normaliser else None,
            norm_out=normaliser.to_source if normaliser and lookup is None else None,
            lookup=lookup, flags=rule.flags, ignore_flags=rule.ignore_flags, separator=separator,
            values=values, prefix=rule.prefix, suffix=rule.suffix,
            comma=self.spec.decimal_comma, time=time)

    def time(self, rule: FieldRule, kind: Kind) -> TimeCodec | None:
        if kind not in (Kind.TIMESTAMP, Kind.DATE):
            if rule.format or rule.time_path:
                self.add(rules.SPEC_KIND, "format/time_path apply to dates and timestamps",
                         rule.where, rule.line)
            return None
        fmt = rule.format or ("%Y-%m-%d" if kind is Kind.DATE else None)
        if fmt is None:
            self.add(rules.SPEC_FORMAT, f"{rule.field} is a timestamp: declare its format "
                     "('iso' or a pattern such as '%Y%m%d%H%M%S')", rule.where, rule.line)
            return None
        zone = ZoneInfo(rule.zone) if rule.zone else self.plant.zone
        try:
            parse = None if fmt == "iso" else compile_format(fmt)
            parse_time = compile_format(rule.time_format) if rule.time_path else None
        except ValueError as exc:
            self.add(rules.SPEC_FORMAT, f"{rule.field}: {exc}", rule.where, rule.line, fmt)
            return None
        if fmt == "iso" and kind is Kind.DATE:
            self.add(rules.SPEC_FORMAT, "a date field takes a pattern such as '%Y-%m-%d'",
                     rule.where, rule.line)
            return None
        return TimeCodec(fmt, parse, zone, rule.offset, rule.time_path, rule.time_format,
                         parse_time, rule.dst or self.spec.dst)


def _valid(shape: FieldShape, value: object) -> bool:
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


def _canonical(shape: FieldShape, value: object) -> object:
    if shape.kind is Kind.DECIMAL and isinstance(value, str):
        return Decimal(value)
    return value


def _describe(shape: FieldShape) -> str:
    if shape.enum is not None:
        values = ", ".join(str(m.value) for m in shape.enum if isinstance(m, Enum))
        return f"{shape.enum.__name__} ({values})"
    return f"{shape.kind.value} value for {shape.name}"


def compile_spec(spec: Spec, plant: Plant,
                 base_units: Mapping[str, str]) -> tuple[Plan | None, list[Finding]]:
    """The compiled plan of ``spec`` for ``plant``, or ``None``; and the findings."""
    compiler = _Compiler(spec, plant, base_units)
    model = entity_class(spec.entity)
    if compiler.system is None:
        compiler.add(rules.SPEC_SYSTEM, f"plant {plant.id} declares no source system "
                     f"{spec.system!r}; declared: {', '.join(plant.source_systems)}", "$.system",
                     spec.line, spec.system)
    elif spec.direction is Direction.OUTBOUND and not compiler.system.outbound:
        compiler.add(rules.SPEC_OUTBOUND, f"{spec.system} is declared outbound: false in "
                     "plant.yaml", "$.direction", spec.line)
    if model is None:
        compiler.add(rules.SPEC_ENTITY, f"unknown entity {spec.entity!r}; entities: "
                     f"{', '.join(MAPPABLE)}",
                     "$.entity", spec.line, spec.entity)
        return None, compiler.findings
    if compiler.system is None:
        return None, compiler.findings
    shapes = fields_of(model)
    for name in sorted(spec.drop):
        parts = name.split(".")
        current: type[CanonicalModel] | None = model
        for part in parts:
            found = fields_of(current).get(part) if current is not None else None
            if found is None:
                compiler.add(rules.SPEC_FIELD, f"drop: {name!r} is not a field path of "
                             f"{model.__name__}", "$.drop", spec.line, name)
                break
            current = found.model
    root = compiler.obj(spec.root, model, "", own_context=True, trie={}, written={})
    as_of = None
    if spec.as_of is not None:
        node = root.by_field.get(spec.as_of)
        shape = shapes.get(spec.as_of)
        if not isinstance(node, ScalarNode) or shape is None or shape.kind not in (
                Kind.TIMESTAMP, Kind.DATE) or node.path is None:
            compiler.add(rules.SPEC_RULE, f"as_of: {spec.as_of!r} must be a mapped date or "
                         "timestamp field of the root object", "$.as_of", spec.line, spec.as_of)
        else:
            as_of = node
    if any(f.severity.value == "error" for f in compiler.findings):
        return None, compiler.findings
    return Plan(spec, model, root, as_of, plant.zone, plant.id), compiler.findings
