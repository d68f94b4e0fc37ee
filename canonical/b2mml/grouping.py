"""Several elements, one record: a record kind with ``group`` (:class:`~.specmodel.Group`).

The responses of one operation arrive as several segment responses (one per confirmation),
even in several responses of the document. Each element is read when it is met: the ``by``
fields first (the group's key), then the rest (required only in the group's first element),
then one item of the ``collect`` list field, then the records nested in it, which inherit
the element's fields and its item (a movement's ``posted_at`` is its confirmation's time):
first those that are ``part`` of it (an error in one is an error of the element), then the
others (``clean`` ones only when the element had no error).
The records are built when the document ends (:func:`flush`): a field no element gave takes
its declared default then, and a group with an element in error is not built.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from canonical.b2mml import cases, rules, steps
from canonical.b2mml.entities import item_entity, model_of
from canonical.b2mml.nodes import Node
from canonical.b2mml.properties import key, properties
from canonical.b2mml.scope import site_of
from canonical.b2mml.specmodel import FieldSpec, RecordSpec

if TYPE_CHECKING:
    from canonical.b2mml.records import Run
    from canonical.models import CanonicalModel


@dataclass
class Pending:
    """A group read so far: its first element, its fields, its items."""

    record: RecordSpec
    node: Node
    at: steps.Place
    data: dict[str, Any]
    slot: int  # where in the output the record goes: where its first element was met
    items: list[dict[str, Any]] = field(default_factory=list)
    failed: bool = False


_Plans = tuple[tuple[FieldSpec, ...], tuple[FieldSpec, ...], tuple[FieldSpec, ...],
               FieldSpec | None]
#: plans by record kind object (by identity: hashing a spec hashes all it holds, on every
#: element); bounded, since a plant's edited override makes new spec objects
_PLANS: dict[int, tuple[RecordSpec, _Plans]] = {}


def _plans(record: RecordSpec) -> _Plans:
    """The key fields, the rest as read in a first element and in a later one, the list."""
    found = _PLANS.get(id(record))
    if found is not None and found[0] is record:
        return found[1]
    if len(_PLANS) >= 256:
        _PLANS.clear()
    plans = _compiled(record)
    _PLANS[id(record)] = (record, plans)
    return plans


def _compiled(record: RecordSpec) -> _Plans:
    group = record.group
    by = group.by if group is not None else ()
    keys = tuple(f for f in record.fields if f.name in by)
    rest = [f for f in record.fields if f.name not in by
            and (group is None or f.name != group.collect)]
    first = tuple(replace(f, default=None) for f in rest)
    later = tuple(replace(f, default=None, required=False) for f in rest)
    collect = record.field(group.collect) if group is not None else None
    return keys, first, later, collect


def read(run: Run, record: RecordSpec, node: Node, parent: dict[str, Any] | None,
         inherited: str | None, position: int, out: list[CanonicalModel]) -> None:
    """One element of a grouped record kind."""
    ctx, group = run.ctx, record.group
    if group is None:
        return
    start, slot = ctx.errors(), len(out)
    site = site_of(node, inherited)
    props = properties(node, *record.properties) if record.properties else {}
    named = record.properties[0] if record.properties else ""
    data: dict[str, Any] = {}
    at = steps.Place(node, props, parent, site, data, named, strict=True, position=position)
    keys, first, later, collect = _plans(record)
    _fields(run, record.entity, keys, at, data)
    which = (record.name, *(data.get(name) for name in group.by))
    if None in which:  # reported: the element names no group; that finding covers its content
        node.seen.update(node.element.iter())
        return
    pending = run.groups.get(which)
    _fields(run, record.entity, first if pending is None else later, at, data)
    item: dict[str, Any] = {}
    if collect is not None:

        entity = item_entity(record.entity, collect.name)
        item_at = steps.Place(node, props, parent, site, item, named, strict=True,
                              position=position)
        for sub in collect.fields:
            _fields(run, entity, (sub,), item_at, item)
            if sub.total is not None and sub.name not in item \
                    and not any(key(name) in props for name in sub.property):
                found = cases.total(ctx, run.spec, sub, node, named)
                if found is not None:
                    item[sub.name] = found
    inner = {**data, **item}
    run.nested(record, node, inner, site, out, parts=True)
    if pending is None:
        pending = run.groups[which] = Pending(record, node, at, data, slot)
    else:
        _merge(run, group.agree, pending, data, node)
    failed = ctx.errors() > start
    if failed:
        pending.failed = True
    else:
        pending.items.append(item)
    run.nested(record, node, inner, site, out, clean=not failed, parts=False)


def _fields(run: Run, entity: str, fields: tuple[FieldSpec, ...], at: steps.Place,
            data: dict[str, Any]) -> None:
    for spec in fields:
        value = steps.read(run.ctx, entity, spec, at)
        if value is not steps.ABSENT:
            data[spec.name] = value


def _merge(run: Run, agree: tuple[str, ...], pending: Pending, data: dict[str, Any],
           node: Node) -> None:
    for name, value in data.items():
        held = pending.data.get(name)
        if name in agree and held is not None and value != held:
            run.ctx.add(rules.AMBIGUOUS, f"{name} {value!r} here, {held!r} in the first "
                        f"<{pending.node.name}> of the same {pending.record.entity}", node,
                        value=value)
        elif name not in agree:
            pending.data[name] = value


def flush(run: Run, out: list[CanonicalModel]) -> None:
    """Build every group read, each where its first element came."""

    ctx = run.ctx
    placed: list[tuple[int, CanonicalModel]] = []
    for pending in run.groups.values():
        if pending.failed or pending.record.group is None:
            continue
        start = ctx.errors()
        for spec in pending.record.fields:  # defaults: only when no element gave the field
            if spec.default is not None and spec.name not in pending.data:
                _fields(run, pending.record.entity, (spec,), pending.at, pending.data)
        if ctx.errors() > start:
            continue
        pending.data[pending.record.group.collect] = pending.items
        built = ctx.build(model_of(pending.record.entity), pending.data, pending.node)
        if built is not None:
            placed.append((pending.slot, built))
    for slot, built in reversed(placed):
        out.insert(slot, built)
    run.groups.clear()
