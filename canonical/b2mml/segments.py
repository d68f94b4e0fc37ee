"""Reading a record's tree of segment requirements (a schedule's order) from its spec.

The walk follows :class:`~canonical.b2mml.segmodel.Segments`: containers give the record's
parameter fields and their material requirements; each other segment is one operation (its
fields read by the value steps, :mod:`canonical.b2mml.steps`), with the consumed
requirements inside it as components linked to it; the produced requirement gives the
record's ``produced`` fields. Documents are partial in practice: an operation, component or
``skip`` parameter that cannot be read is skipped with B2M-302 and the rest of the order
imports; only what the order itself needs drops it. :func:`read` returns how many error
findings belong to skipped elements (they do not count against the record).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from canonical.b2mml import rules, steps
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.properties import Property, key
from canonical.b2mml.segmodel import Segments
from canonical.b2mml.specmodel import FieldSpec


@dataclass
class _Walk:
    """One record's walk: what is collected, and the errors of skipped elements."""

    ctx: Context
    spec: Segments
    entity: str
    outer: steps.Place
    produced: list[tuple[Node, dict[str, Any]]] = field(default_factory=list)
    operations: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict)
    skipped: int = 0

    def live(self) -> int:
        """Errors so far that count against the record (not those of skipped elements)."""
        return self.ctx.errors() - self.skipped

    def skip(self, node: Node, start: int, what: str) -> bool:
        """Whether ``node`` added errors since ``start`` (a :meth:`live` count); if so it is
        skipped with B2M-302 and its errors no longer count against the record."""
        added = self.live() - start
        if added == 0:
            return False
        self.skipped += added
        self.ctx.add(rules.SKIPPED, f"{what} skipped (see the findings above); the rest of "
                     "the order is imported", node)
        return True


def read(ctx: Context, spec: Segments, entity: str, node: Node, at: steps.Place,
         data: dict[str, Any]) -> int:
    """Walk ``node``'s segments into ``data``; the count of errors of skipped elements."""
    walk = _Walk(ctx, spec, entity, at)
    for segment in node.children(*spec.elements):
        _segment(walk, segment, data.get("id"), None)
    data.update(walk.record)
    _produced(walk, node, data)
    if walk.operations:
        identity = spec.identity
        data[spec.operations] = sorted(walk.operations, key=lambda op: op.get(identity) or 0)
    if walk.components:
        data[spec.components] = walk.components
    return walk.skipped


def _segment(walk: _Walk, segment: Node, record_id: object,
             operation: dict[str, Any] | None) -> None:
    spec = walk.spec
    children = segment.children(*spec.elements)
    params = parameters(segment, spec)
    if children:  # a container: record parameters, materials, nested segments
        _record_fields(walk, segment, params)
        _materials(walk, segment, operation)
        for child in children:
            _segment(walk, child, record_id, operation)
        return
    if record_id is not None \
            and _identity_text(segment, spec.identity_names) == record_id:  # the order's own
        _record_fields(walk, segment, params)
        _materials(walk, segment, operation)
        return
    start = walk.live()
    item: dict[str, Any] = {}
    at = steps.Place(segment, params, walk.outer.record, walk.outer.site, item,
                     _named(spec), outer=walk.outer.node, strict=True)
    for sub, wanted in spec.operation_plan:
        if wanted and (not params or not any(k in params for k in wanted)):
            continue  # an optional parameter the segment does not have
        value = _field(walk, spec.operation_entity, sub, at)
        if value is not steps.ABSENT:
            item[sub.name] = value
    components = len(walk.components)
    _materials(walk, segment, item)
    if walk.skip(segment, start, "operation"):
        del walk.components[components:]
    else:
        walk.operations.append(item)


def _identity_text(segment: Node, names: tuple[str, ...]) -> str | None:
    for name in names:
        text = segment.text_of(name)
        if text:
            return text
    return None


def _field(walk: _Walk, entity: str, spec: FieldSpec, at: steps.Place) -> object:
    """One field; a ``skip`` field whose value is bad is left out with B2M-302."""
    if not spec.skip:
        return steps.read(walk.ctx, entity, spec, at)
    start = walk.live()
    value = steps.read(walk.ctx, entity, spec, at)
    where = next((p.node for name in spec.property if (p := at.properties.get(key(name)))),
                 at.node)
    return steps.ABSENT if walk.skip(where, start, "parameter") else value


def _record_fields(walk: _Walk, segment: Node, params: dict[str, Property]) -> None:
    outer = walk.outer
    at = steps.Place(segment, params, outer.parent, outer.site, walk.record, _named(walk.spec),
                     outer=outer.node)
    for spec, wanted in walk.spec.record_plan:
        if not wanted or (params and any(k in params for k in wanted)):
            value = _field(walk, walk.entity, spec, at)
            if value is not steps.ABSENT:
                walk.record[spec.name] = value


def _materials(walk: _Walk, segment: Node, operation: dict[str, Any] | None) -> None:
    spec, ctx = walk.spec, walk.ctx
    for req in segment.children(*spec.requirements):
        start = walk.live()
        use = (spec.uses and spec.use_of(req.name)) or ctx.text(req, spec.use)
        if use in spec.produced_uses:
            fields, entity, parent = spec.produced, walk.entity, None
        elif use in spec.consumed_uses:
            fields, entity, parent = spec.component, spec.component_entity, operation
        else:
            ctx.add(rules.IGNORED_USE, f"material requirement with {spec.use} {use!r} is "
                    "neither produced nor consumed; not imported", req, value=use)
            continue
        item: dict[str, Any] = {}
        at = steps.Place(req, {}, parent, walk.outer.site, item, strict=True)
        for sub in fields:
            value = steps.read(ctx, entity, sub, at)
            if value is not steps.ABSENT:
                item[sub.name] = value
        if parent is None and fields is spec.produced:
            walk.produced.append((req, item))
        elif not walk.skip(req, start, "component (consumed material requirement)"):
            walk.components.append(item)


def _produced(walk: _Walk, request: Node, data: dict[str, Any]) -> None:
    ctx = walk.ctx
    if not walk.produced:
        if ctx.partial:
            return  # a partial record leaves the order's material and quantity as they are
        names = ", ".join(f.name for f in walk.spec.produced)
        ctx.add(rules.MISSING_FIELD, f"no produced material requirement ({names} of the "
                "order)", request, suffix=f"/{walk.spec.elements[0]}")
        return
    if len(walk.produced) > 1:
        ctx.add(rules.AMBIGUOUS, "more than one produced material requirement in one order",
                walk.produced[1][0])
    data.update(walk.produced[0][1])


def _named(spec: Segments) -> str:
    """How findings name a segment's parameter element."""
    return spec.parameters[0].rpartition("/")[2] if spec.parameters else ""


def parameters(segment: Node, spec: Segments) -> dict[str, Property]:
    """The named values of a segment by normalised ID (``A/B``: the ``B`` inside ``A``)."""
    outers, inner_of = spec.parameter_plan
    found: dict[str, Property] = {}
    for node in segment.children(*outers):
        inner = inner_of[node.name]
        target = node.child(inner) if inner else node
        pid = target.text_of("ID") if target is not None else None
        if target is not None and pid:
            found.setdefault(key(pid), Property(pid, target))
    return found
