"""Running a B2MML spec: the record elements of a document become canonical records.

For each noun the spec lists the record kinds found directly under it (or the noun itself
is one record). A record element is read field by field (:mod:`canonical.b2mml.steps`);
a record whose fields added an error finding is not built (its siblings still are), the
rest is validated as the canonical entity. Records nested in a record (sublots) inherit the
fields the spec says and are linked to it (a genealogy link naming the parent first).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from canonical.b2mml import cases, fieldplan, grouping, hierarchy, rules, steps
from canonical.b2mml.context import Context
from canonical.b2mml.entities import item_entity, model_of
from canonical.b2mml.nodes import Node
from canonical.b2mml.partial import PATCHABLE
from canonical.b2mml.properties import key, properties
from canonical.b2mml.scope import site_of
from canonical.b2mml.specmodel import B2mmlSpec, ChildRecords, FieldSpec, Kind, RecordSpec
from canonical.models import CanonicalModel

_UNSET: Any = object()  # a kind not looked up yet
_LIST = Kind.LIST  # bound once: ``Kind.X`` is a class attribute lookup on each use


@dataclass(frozen=True, slots=True)
class Run:
    """One spec applied to one document."""

    ctx: Context
    spec: B2mmlSpec
    groups: dict[tuple[object, ...], Any] = field(default_factory=dict)  # :mod:`.grouping`
    #: the spec's record kinds by name, as asked (a spec lists them; looked up per element)
    kinds: dict[str, RecordSpec | None] = field(default_factory=dict)

    def document(self, noun: Node) -> list[CanonicalModel]:
        """The records of one noun element."""
        out: list[CanonicalModel] = []
        kinds = [r for k in self.spec.kinds_of(noun.name) if (r := self.spec.record(k))]
        alone = next((r for r in kinds if noun.name in r.elements), None)
        if alone is not None:
            self.record(alone, noun, None, None, out)
            return out
        site = site_of(noun)
        for record in kinds:
            for element in noun.children(*record.elements):
                self.record(record, element, None, site, out)
        if self.groups:
            grouping.flush(self, out)
        return out

    def record(self, record: RecordSpec, node: Node, parent: dict[str, Any] | None,
               inherited: str | None, out: list[CanonicalModel],
               link: ChildRecords | None = None, position: int = 0) -> None:
        ctx = self.ctx
        if not fixed(ctx, record, node):
            return
        if record.group is not None:
            grouping.read(self, record, node, parent, inherited, position, out)
            return
        data: dict[str, Any] = {}
        if record.case is not None:
            chosen = cases.choose(ctx, record.case, node)
            if chosen is None:
                return
            data[record.case.field] = chosen
        people = cases.people(record.one_per, node) if record.one_per is not None else []
        if people and record.one_per is not None:
            data[record.one_per.field] = people[0]
        start = ctx.errors()
        site = site_of(node, inherited)
        if parent is None and record.outside is not None:
            parent = {"id": ctx.text(node, record.outside)}
        props = properties(node, *record.properties) if record.properties else {}
        place = steps.Place(node, props, parent, site, data,
                            record.properties[0] if record.properties else "",
                            strict=record.entity not in PATCHABLE, position=position)
        for spec, needs in fieldplan.plan(record):
            if needs is not None and needs.isdisjoint(props):
                continue  # an optional property the element does not carry: not set
            value = self.value(record.entity, spec, place, record)
            if value is hierarchy.NOT_CARRIED:  # read its children in its place
                self.nested(record, node, parent, site, out, through=True)
                return
            if value is not steps.ABSENT:
                data[spec.name] = value
        if link is not None and link.link is not None and parent is not None:
            self.linked(record, link.link, parent, data)
        if record.segments is not None:  # a schedule's order: errors of skipped elements
            from canonical.b2mml import segments

            start += segments.read(ctx, record.segments, record.entity, node, place, data)
        if record.through:  # no record of its own: its fields go to its children
            self.nested(record, node, data, site, out, read=ctx.errors() == start)
            return
        if ctx.errors() == start:
            for one in cases.each(record.one_per, data, people) if record.one_per else [data]:
                built = ctx.build(model_of(record.entity), one, node)  # canon validate's checks
                if built is not None:
                    out.append(built)
        self.nested(record, node, data, site, out)

    def nested(self, record: RecordSpec, node: Node, parent: dict[str, Any] | None,
               site: str | None, out: list[CanonicalModel], *, through: bool = False,
               read: bool = True, clean: bool = True, parts: bool | None = None) -> None:
        """The records nested in ``node`` (``through``: in place of a record of a level the
        model does not carry, whose other content its finding covers; not ``read``: a
        pass-through record with errors, whose findings cover what it holds; not ``clean``:
        a record with errors, whose ``clean`` children its findings cover; ``parts``: only
        the children that are (not) ``part`` of it)."""
        if through:
            hierarchy.not_carried_children(
                node, tuple(e for c in record.children for e in c.elements))
        for child in record.children:
            kind = self.kinds.get(child.record, _UNSET)
            if kind is _UNSET:
                kind = self.kinds[child.record] = self.spec.record(child.record)
            if kind is None or (parts is not None and child.part is not parts):
                continue
            elements = _descend(node, child.elements)
            if child.required and not elements:
                self.ctx.add(rules.MISSING_FIELD, f"<{node.name}> has no {child.elements[0]}",
                             node, suffix=f"/{child.elements[0]}")
            if child.clean and not clean:
                for element in elements:
                    node.seen.update(element.element.iter())
                continue
            for position, element in enumerate(elements if read else (), start=1):
                self.record(kind, element, parent, site, out, child, position)
        if not read:
            node.seen.update(node.element.iter())

    def value(self, entity: str, spec: FieldSpec, at: steps.Place,
              record: RecordSpec | None = None) -> object:
        if spec.kind is not _LIST:
            return steps.read(self.ctx, entity, spec, at)
        items_of = item_entity(entity, spec.name)
        items = []
        for element in _items(at.node, spec, record):
            item: dict[str, Any] = {}
            item_at = steps.Place(element, {}, at.parent, at.site, at.record)
            for sub in spec.fields:
                value = steps.read(self.ctx, items_of, sub, item_at)
                if value is not steps.ABSENT:
                    item[sub.name] = value
            items.append(item)
        return items or steps.ABSENT

    def linked(self, record: RecordSpec, name: str, parent: Mapping[str, Any],
               data: dict[str, Any]) -> None:
        """Put the link to ``parent`` first in ``data[name]``: its first item field names the
        parent, the others are the child's own fields of the same name (a link whose
        quantities are unknown is not made)."""
        spec = record.field(name)
        if spec is None or not spec.fields or parent.get("id") is None:
            return
        first, *rest = spec.fields
        if any(f.kind is Kind.QUANTITY and data.get(f.name) is None for f in rest):
            return
        link = {first.name: parent["id"], **{f.name: data.get(f.name) for f in rest}}
        data[name] = [link, *data.get(name, [])]


def fixed(ctx: Context, record: RecordSpec, node: Node) -> bool:
    """Whether ``node`` is one the kind maps: each ``fixed`` element absent or of its value
    (an OperationsRequest of OperationsType Maintenance is no production order, B2M-115)."""
    for element, expected in record.fixed:
        found = ctx.text(node, element)
        if found is not None and found != expected:
            ctx.add(rules.NOT_PRODUCTION, f"{element} {found!r} is not {expected!r}: not a "
                    f"{record.entity}; not imported", node, value=found)
            return False
    return True


def _descend(node: Node, names: tuple[str, ...]) -> list[Node]:
    """The elements ``names`` below ``node`` (a name ``A/B``: each B in each A)."""
    steps = _steps(names)
    if steps is None:
        return node.children(*names)
    found: list[Node] = []
    for parts in steps:
        level = [node]
        for part in parts:
            level = [c for n in level for c in n.children(part)]
        found.extend(level)
    return found


@lru_cache(maxsize=1024)  # names come from the specs (a plant's edits make new ones)
def _steps(names: tuple[str, ...]) -> tuple[tuple[str, ...], ...] | None:
    """The steps of each of ``names`` (None when none has more than one)."""
    if not any("/" in n for n in names):
        return None
    return tuple(tuple(name.split("/")) for name in names)


def _items(node: Node, spec: FieldSpec, record: RecordSpec | None) -> list[Node]:
    """The item elements of a list field: its ``each`` children, or the record's property
    elements whose ID is the field's ``property`` (repeatable, in document order)."""
    if not spec.property or record is None:
        return node.children(*spec.each)
    wanted = {key(name) for name in spec.property}
    return [p for p in node.children(*record.properties)
            if key(p.text_of("ID") or "") in wanted]
