"""Compiling a spec against a plant and the canonical model: nodes, or findings that say why not.

This is the semantic half of spec validation: every canonical field must exist and fit its
rule (``ENG-005``, ``ENG-013``), every table and normalisation must exist in the plant
(``ENG-006``, ``ENG-008``), constants and values must be canonical values (``ENG-011``,
``ENG-014``), required fields must be covered (``ENG-009``) and no two rules may write the
same native path (``ENG-016``). A spec with error findings is not compiled.
"""

from __future__ import annotations

from collections.abc import Mapping

from canonical.engine import rules
from canonical.engine.context import anchor_of, show
from canonical.engine.known_keys import Trie, add_path
from canonical.engine.lists import ItemsNode, ListNode
from canonical.engine.lookups import TableLookup
from canonical.engine.objects import NestedNode, Node, ObjectNode
from canonical.engine.plan import AsOf, Plan
from canonical.engine.quantity import CensoredNode, QuantityNode
from canonical.engine.scalar import ScalarNode
from canonical.engine.scalars import compile_scalar
from canonical.engine.shape import MAPPABLE, FieldShape, Kind, entity_class, fields_of
from canonical.engine.spec import (
    NOTHING,
    Direction,
    FieldRule,
    ObjectRule,
    Path,
    QuantityRule,
    Spec,
)
from canonical.mapping import Plant
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
        #: the tries of the native objects being compiled, the document root first
        self.tries: list[Trie] = []

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
        if own_context:
            self.tries.append(trie)
        try:
            return self._obj(rule, model, prefix, own_context, trie, written)
        finally:
            if own_context:
                self.tries.pop()

    def _obj(self, rule: ObjectRule, model: type[CanonicalModel], prefix: str,
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
            if isinstance(node, QuantityNode) and node.rule.censored is not None:
                nodes.append(self.censored(node, field, shapes, seen))
        self.check_required(rule, model, seen)
        drop = frozenset(d[len(prefix):] for d in self.spec.drop
                         if d.startswith(prefix) and "." not in d[len(prefix):])
        return ObjectNode(model, nodes, at=rule.at, constants=rule.constants, trie=trie,
                          check_unknown=own_context and self.spec.unknown_fields == "error",
                          drop=drop)

    def check_required(self, rule: ObjectRule, model: type[CanonicalModel],
                       seen: set[str]) -> None:
        for name, shape in fields_of(model).items():
            if shape.required and name not in seen:
                self.add(rules.SPEC_REQUIRED, f"required field {model.__name__}.{name} has no "
                         "rule", rule.where, rule.line, name)

    def censored(self, node: QuantityNode, rule: FieldRule, shapes: Mapping[str, FieldShape],
                 seen: set[str]) -> CensoredNode:
        """The text field a quantity writes censored results to: a text field of the same
        object that no other rule maps."""
        name = node.rule.censored or ""
        shape = shapes.get(name)
        if shape is None or shape.kind is not Kind.TEXT or shape.many or name in seen:
            self.add(rules.SPEC_DIALECT, f"censored: {name!r} must be a text field of this "
                     "object that no other rule maps (e.g. attribute_result)", rule.where,
                     rule.line, name)
        seen.add(name)
        return CensoredNode(name, node)

    def claim(self, path: Path, written: dict[Path, bool], trie: Trie, where: str,
              line: int | None, *, unit: bool = False, shared: bool = False) -> None:
        """Reserve a native path for one rule (quantities may share a unit path; a rule
        declared ``shared`` reads a path another rule reads too). A path from the parent
        object or the document root (``^.``, ``$.``) is known there and may be shared by
        every item (outbound, the items must agree)."""
        up, rel = anchor_of(path)
        if up:
            self.claim_anchored(up, rel, where, line)
            return
        for other, other_unit in written.items():
            shorter = min(len(other), len(path))
            same = other == path and ((unit and other_unit) or shared)
            if other[:shorter] == path[:shorter] and not same:
                self.add(rules.SPEC_CLASH, f"native path {show(path)} is also written as "
                         f"{show(other)} (a second field reading the same value declares "
                         "shared: true)", where, line)
                break
        written[path] = unit
        add_path(trie, path)

    def claim_anchored(self, up: int, rel: Path, where: str, line: int | None) -> None:
        tries = self.tries
        if up > 0 and up >= len(tries):
            self.add(rules.SPEC_ANCHOR, f"'{'^.' * up}' goes above the document root here "
                     f"(this object has {len(tries) - 1} parent object(s))", where, line)
            return
        add_path(tries[0] if up < 0 else tries[-1 - up], rel)

    def field(self, rule: FieldRule, shape: FieldShape, canon: str, trie: Trie,
              written: dict[Path, bool], siblings: set[str]) -> Node | None:
        if rule.each is not None:
            return self.list_rule(rule, rule.each, shape, canon, trie, written)
        if rule.items:
            return self.items_rule(rule, shape, canon, trie, written)
        if shape.many:
            return self.wrong_kind(rule, shape, "each or items")
        if rule.object is not None:
            return self.nested_rule(rule, rule.object, shape, canon, trie, written)
        if rule.quantity is not None:
            return self.quantity_rule(rule, rule.quantity, shape, trie, written, siblings)
        if shape.kind not in _SCALARS:
            return self.wrong_kind(rule, shape, "path or value")
        return self.scalar(rule, shape, trie=trie, written=written, path=rule.path)

    def list_rule(self, rule: FieldRule, each: Path, shape: FieldShape, canon: str, trie: Trie,
                  written: dict[Path, bool]) -> Node | None:
        if not shape.many:
            return self.wrong_kind(rule, shape, "each (a list)")
        self.claim(each, written, trie, rule.where, rule.line)
        if rule.object is None:
            assert rule.item is not None
            if shape.kind not in _SCALARS:
                return self.wrong_kind(rule, shape, "item (scalar items)")
            scalar = self.scalar(rule.item, shape, trie={}, written={}, path=())
            return ListNode(rule.field, each, child=None, item=scalar, unique=None) \
                if scalar is not None else None
        if shape.model is None or shape.kind is not Kind.OBJECT:
            return self.wrong_kind(rule, shape, "fields (object items)")
        child = self.obj(rule.object, shape.model, canon + ".", own_context=True, trie={},
                         written={})
        if rule.unique is not None and rule.unique not in fields_of(shape.model):
            self.add(rules.SPEC_FIELD, f"unique: {shape.model.__name__} has no field "
                     f"{rule.unique!r}", rule.where, rule.line, rule.unique)
        return ListNode(rule.field, each, child=child, item=None, unique=rule.unique)

    def items_rule(self, rule: FieldRule, shape: FieldShape, canon: str, trie: Trie,
                   written: dict[Path, bool]) -> Node | None:
        if not shape.many or shape.model is None or shape.kind is not Kind.OBJECT:
            return self.wrong_kind(rule, shape, "items (a list of objects)")
        children, whens, matches = [], [], []
        for item in rule.items:
            if item.when is not None:
                add_path(trie, item.when)
            children.append(self.child(item, shape.model, canon, trie, written))
            whens.append(item.when)
            matches.append({f.field: f.value for f in item.fields if f.value is not NOTHING})
        return ItemsNode(rule.field, children, whens, matches)

    def child(self, rule: ObjectRule, model: type[CanonicalModel], canon: str, trie: Trie,
              written: dict[Path, bool]) -> ObjectNode:
        """A nested object or item: its own native context when it sits ``at`` a sub-object,
        else the fields of the current object."""
        if rule.at is None:
            return self.obj(rule, model, canon + ".", own_context=False, trie=trie,
                            written=written)
        self.claim(rule.at, written, trie, rule.where, rule.line)
        return self.obj(rule, model, canon + ".", own_context=True, trie={}, written={})

    def nested_rule(self, rule: FieldRule, obj: ObjectRule, shape: FieldShape, canon: str,
                    trie: Trie, written: dict[Path, bool]) -> Node | None:
        if shape.model is None or shape.kind is not Kind.OBJECT:
            return self.wrong_kind(rule, shape, "fields (a nested object)")
        return NestedNode(rule.field, self.child(obj, shape.model, canon, trie, written),
                          required=shape.required)

    def quantity_rule(self, rule: FieldRule, q: QuantityRule, shape: FieldShape, trie: Trie,
                      written: dict[Path, bool], siblings: set[str]) -> Node | None:
        if shape.kind is not Kind.QUANTITY:
            return self.wrong_kind(rule, shape, "quantity")
        where, line = rule.where, rule.line
        self.claim(q.value, written, trie, where, line, shared=q.part is not None)
        if q.unit is not None:
            self.claim(q.unit, written, trie, where, line, unit=True)
        if q.to_base_unit is not None and not self.material_field(q.to_base_unit, siblings):
            self.add(rules.SPEC_REFERENCE, f"to_base_unit: {q.to_base_unit!r} is not a "
                     "material field mapped before this quantity ('material' or "
                     "'$.material')", where, line, q.to_base_unit)
        return QuantityNode(rule.field, q, required=shape.required, units=self.lookup("units"),
                            base_units=self.base_units, comma=self.spec.decimal_comma,
                            number=self.spec.number)

    def material_field(self, name: str, siblings: set[str]) -> bool:
        """Whether ``name`` (``material`` or ``$.material``) is a field to convert by."""
        if not name.startswith("$."):
            return name in siblings
        return name[2:] in fields_of(entity_class(self.spec.entity) or CanonicalModel)

    def wrong_kind(self, rule: FieldRule, shape: FieldShape, given: str) -> Node | None:
        what = f"list of {shape.kind.value}" if shape.many else shape.kind.value
        self.add(rules.SPEC_KIND, f"{rule.field} is a {what} field; a rule with {given} does "
                 "not fit it", rule.where, rule.line, rule.field)
        return None

    # ------------------------------------------------------------------ scalars
    def scalar(self, rule: FieldRule, shape: FieldShape, *, trie: Trie, written: dict[Path, bool],
               path: Path | None) -> ScalarNode | None:
        if path:
            self.claim(path, written, trie, rule.where, rule.line, shared=rule.shared)
        if rule.time_path is not None:
            self.claim(rule.time_path, written, trie, rule.where, rule.line)
        return compile_scalar(self, rule, shape, path)


def compile_spec(spec: Spec, plant: Plant,
                 base_units: Mapping[str, str]) -> tuple[Plan | None, list[Finding]]:
    """The compiled plan of ``spec`` for ``plant``, or ``None``; and the findings."""
    compiler = _Compiler(spec, plant, base_units)
    model = entity_class(spec.entity)
    _check_header(compiler, model)
    if model is None or compiler.system is None:
        return None, compiler.findings
    _check_drop(compiler, model)
    trie: Trie = {}
    for path, _kind in spec.generated:  # written outbound; inbound known, not mapped
        add_path(trie, path)
    root = compiler.obj(spec.root, model, "", own_context=True, trie=trie, written={})
    as_of = _as_of(compiler, root, model) if spec.as_of is not None else None
    if any(f.severity.value == "error" for f in compiler.findings):
        return None, compiler.findings
    return Plan(spec, model, root, as_of, plant.zone, plant.id), compiler.findings


def _check_header(compiler: _Compiler, model: type[CanonicalModel] | None) -> None:
    spec, plant = compiler.spec, compiler.plant
    if compiler.system is None:
        compiler.add(rules.SPEC_SYSTEM, f"plant {plant.id} declares no source system "
                     f"{spec.system!r}; declared: {', '.join(plant.source_systems)}", "$.system",
                     spec.line, spec.system)
    elif spec.direction is Direction.OUTBOUND and not compiler.system.outbound:
        compiler.add(rules.SPEC_OUTBOUND, f"{spec.system} is declared outbound: false in "
                     "plant.yaml", "$.direction", spec.line)
    if model is None:
        compiler.add(rules.SPEC_ENTITY, f"unknown entity {spec.entity!r}; entities: "
                     f"{', '.join(MAPPABLE)}", "$.entity", spec.line, spec.entity)


def _check_drop(compiler: _Compiler, model: type[CanonicalModel]) -> None:
    spec = compiler.spec
    for name in sorted(spec.drop):
        current: type[CanonicalModel] | None = model
        for part in name.split("."):
            found = fields_of(current).get(part) if current is not None else None
            if found is None:
                compiler.add(rules.SPEC_FIELD, f"drop: {name!r} is not a field path of "
                             f"{model.__name__}", "$.drop", spec.line, name)
                break
            current = found.model


def _as_of(compiler: _Compiler, root: ObjectNode, model: type[CanonicalModel]) -> AsOf | None:
    """The date or timestamp field whose date selects table rows: a field of the root object
    (``as_of: scheduled_start``) or of a nested object (``as_of: specification.valid_from``),
    with the native path of the object it is read from."""
    spec = compiler.spec
    name = spec.as_of or ""
    node: object = root
    at: Path = ()
    shape = None
    for part in name.split("."):
        if isinstance(node, NestedNode):
            node = node.child
        elif isinstance(node, ItemsNode) and node.items:
            node = node.items[0]  # a list built from item rules: the first item's field
        if not isinstance(node, ObjectNode):
            node = None
            break
        at += node.at or ()
        shape = fields_of(node.model).get(part)
        node = node.by_field.get(part)
    if not isinstance(node, ScalarNode) or shape is None or shape.kind not in (
            Kind.TIMESTAMP, Kind.DATE) or node.path is None:
        compiler.add(rules.SPEC_RULE, f"as_of: {name!r} must be a mapped date or timestamp "
                     "field of the root object, of a nested object or of the first item rule "
                     "of a list ('confirmations.confirmed_at')", "$.as_of",
                     spec.as_of_line or spec.line, name)
        return None
    return AsOf(node, at, nested="." in name)
