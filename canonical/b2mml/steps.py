"""The value steps of B2MML spec fields: one per :class:`~canonical.b2mml.specmodel.Kind`.

Each step reads one field of one record element through the import's
:class:`~canonical.b2mml.context.Context` helpers (the one definition of identifiers, time
stamps, decimals, units, state words and their findings) and returns the canonical value,
or :data:`ABSENT` when the field is not set. Bad content never raises: it is a located
finding, and the record it belongs to is skipped by the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from canonical.b2mml import quantities, rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.properties import Property, key
from canonical.b2mml.specmodel import FieldSpec, Kind

ABSENT: object = object()


@dataclass(frozen=True, slots=True)
class Place:
    """What a field is read against: the record element, its properties, its surroundings."""

    node: Node
    properties: Mapping[str, Property]
    parent: Mapping[str, Any] | None  # the enclosing record's data (inherited fields)
    site: str | None  # the Site of the enclosing scope


@cache
def allowed(entity: str, name: str) -> tuple[str, ...]:
    """The canonical enum values of ``entity``.``name`` (empty for a field that is no enum)."""
    from enum import Enum
    from typing import get_args

    import canonical.models as models

    model = getattr(models, entity)
    stack: list[object] = [model.model_fields[name].annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, Enum):
            return tuple(str(m.value) for m in current)
        stack.extend(get_args(current))
    return ()


def read(ctx: Context, entity: str, spec: FieldSpec, at: Place) -> object:
    """The canonical value of ``spec`` in ``at`` (or :data:`ABSENT`)."""
    if spec.kind is Kind.SITE:
        return ctx.site(at.node, at.site, spec.what or spec.name)
    if spec.property is not None:
        return _property(ctx, entity, spec, at)
    owner: Node | None = at.node
    for name in spec.path[:-1]:
        owner = owner.child(name) if owner is not None else None
    last = spec.path[-1] if spec.path else ""
    if owner is None or not last:
        return _inherited(ctx, spec, at)
    if spec.kind is Kind.QUANTITY:
        return _quantity(ctx, spec, owner)
    child = owner.child(last)
    if child is None or not child.text():
        return _absent(ctx, entity, spec, at, owner, last)
    reader = _SCALARS.get(spec.kind)
    if reader is not None:
        return _or_absent(reader(ctx, owner, last))
    if spec.kind is Kind.ID:
        return _or_absent(ctx.ident(owner, last, what=spec.what or last))
    if spec.kind is Kind.WORD:
        return _or_absent(ctx.word(child, spec.table or "", dict(spec.words),
                                   allowed(entity, spec.name), spec.what or last))
    return _enum(ctx, entity, spec, child, child.text())


def _or_absent(value: object) -> object:
    return ABSENT if value is None else value


_SCALARS: dict[Kind, Callable[[Context, Node, str], object]] = {
    Kind.TEXT: lambda ctx, owner, name: ctx.text(owner, name),
    Kind.TIMESTAMP: lambda ctx, owner, name: ctx.timestamp(owner, name),
    Kind.DATE: lambda ctx, owner, name: ctx.date_value(owner, owner.text_of(name) or ""),
    Kind.DECIMAL: lambda ctx, owner, name: ctx.decimal(owner, owner.text_of(name) or ""),
    Kind.INTEGER: lambda ctx, owner, name: ctx.integer(owner, owner.text_of(name) or ""),
}


def _absent(ctx: Context, entity: str, spec: FieldSpec, at: Place, owner: Node,
            last: str) -> object:
    """A field whose element is missing or empty: inherited, defaulted, or a finding."""
    if spec.inherit is not None and at.parent is not None \
            and at.parent.get(spec.inherit) is not None:
        return at.parent[spec.inherit]
    if spec.default is not None:
        declared = getattr(ctx.defaults, spec.default, None)
        value = ctx.defaulted(owner, last, getattr(declared, "value", declared),
                              spec.what or spec.name)
        return _or_absent(value)
    if spec.required:
        rule = rules.MISSING_ID if spec.kind is Kind.ID else rules.MISSING_FIELD
        ctx.add(rule, f"<{owner.name}> has no {spec.what or last}", owner, suffix=f"/{last}")
    return ABSENT


def _inherited(ctx: Context, spec: FieldSpec, at: Place) -> object:
    if spec.inherit is not None and at.parent is not None \
            and at.parent.get(spec.inherit) is not None:
        return at.parent[spec.inherit]
    if spec.required:
        ctx.add(rules.MISSING_FIELD, f"<{at.node.name}> has no {spec.what or spec.name}",
                at.node)
    return ABSENT


def _quantity(ctx: Context, spec: FieldSpec, owner: Node) -> object:
    accepted = frozenset(quantities.normal(k) for k in spec.keys) if spec.keys \
        else quantities.AMOUNT_KEYS
    chosen = quantities.select(ctx, owner, accepted)
    if chosen is None:
        if spec.required and not owner.children(spec.path[-1]):
            ctx.add(rules.MISSING_FIELD, f"<{owner.name}> has no {spec.path[-1]}", owner,
                    suffix=f"/{spec.path[-1]}")
        return ABSENT
    return _or_absent(ctx.quantity(chosen))


def _property(ctx: Context, entity: str, spec: FieldSpec, at: Place) -> object:
    prop = at.properties.get(key(spec.property or ""))
    if prop is None:
        return _inherited(ctx, spec, at) if spec.inherit else ABSENT
    if spec.kind is Kind.TEXTS:
        return prop.texts() or ABSENT
    text = prop.text()
    if not text:
        return ABSENT
    if spec.kind is Kind.DATE:
        return _or_absent(ctx.date_value(prop.node, text))
    if spec.kind is Kind.TIMESTAMP:
        value = prop.values[0]
        return _or_absent(ctx.timestamp(value, "ValueString"))
    if spec.kind is Kind.DECIMAL:
        return _or_absent(ctx.decimal(prop.node, text))
    if spec.kind is Kind.INTEGER:
        return _or_absent(ctx.integer(prop.node, text))
    if spec.kind is Kind.ENUM:
        return _enum(ctx, entity, spec, prop.node, text)
    if spec.kind is Kind.WORD:
        return _or_absent(ctx.codes.word(spec.table or "", text, dict(spec.words),
                                         allowed(entity, spec.name), spec.what).code)
    return text


def _enum(ctx: Context, entity: str, spec: FieldSpec, node: Node, text: str) -> object:
    if text in allowed(entity, spec.name):
        return text
    ctx.add(rules.UNMAPPED_STATUS, f"{spec.property or spec.name} {text!r} is not a canonical "
            f"value ({', '.join(allowed(entity, spec.name))})", node, value=text)
    return ABSENT
