"""The value steps of B2MML spec fields: one per :class:`~canonical.b2mml.specmodel.Kind`.

Each step reads one field of one record element through the import's
:class:`~canonical.b2mml.context.Context` helpers (the one definition of identifiers, time
stamps, decimals, units, state words and their findings) and returns the canonical value,
or :data:`ABSENT` when the field is not set. Bad content never raises: it is a located
finding, and the record it belongs to is skipped by the caller.

Why not the mapping engine's steps (:mod:`canonical.engine.steps`): those are closures
compiled against a plant (its tables, time zone, native JSON types) and read native JSON
forms; B2MML values are XSD lexical forms (``xs:dateTime`` with offset, ``0.4E1``) and a
document is read with or without a plant. The XSD forms have one definition here
(:mod:`canonical.b2mml.values` through the context), sharing :mod:`canonical.lexical` (ASCII
digits, control characters) with the engine.

Where a value is: a child ``path`` (else, when the element is absent, a ``property``), a
``property`` (by ID, aliases in order), a ``key``-ed Value of the item (a property element
with several Values), or a field of the enclosing record (``inherit``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from canonical.b2mml import hierarchy, measured, quantities, rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.properties import Property, key, properties
from canonical.b2mml.scope import place_below_site, site_of
from canonical.b2mml.specmodel import FieldSpec, Kind

ABSENT: object = object()

# The kinds as module constants: ``Kind.X`` is a class attribute lookup on each use (about
# 0.1 us on Python 3.11), and a field is dispatched on its kind several times per record.
_ATTRIBUTE = Kind.ATTRIBUTE
_ENUM = Kind.ENUM
_ID = Kind.ID
_LEVEL = Kind.LEVEL
_MEASURE = Kind.MEASURE
_PARENT = Kind.PARENT
_PLACE = Kind.PLACE
_QUANTITY = Kind.QUANTITY
_SITE = Kind.SITE
_TEXTS = Kind.TEXTS
_TIMESTAMP = Kind.TIMESTAMP
_UNIT = Kind.UNIT
_WORD = Kind.WORD
#: The value parsers of the plain kinds (the context's helpers, one definition each).
_PARSERS: dict[Kind, Callable[[Context, Node, str], object]] = {
    Kind.DATE: Context.date_value, Kind.DECIMAL: Context.decimal, Kind.INTEGER: Context.integer,
    Kind.BOOLEAN: Context.boolean, Kind.UNIT: Context.unit}


@dataclass(slots=True)
class Place:
    """What a field is read against: the record element, its properties, its surroundings.
    (Not frozen: one is made per record and per item, and a frozen ``__init__`` costs several
    times as much; nothing changes a place once made.)"""

    node: Node
    properties: Mapping[str, Property]
    parent: Mapping[str, Any] | None  # the enclosing record's data (inherited fields)
    site: str | None  # the Site of the enclosing scope
    record: Mapping[str, Any]  # the fields of this record read so far
    property_element: str = ""  # how findings name a missing property
    outer: Node | None = None  # the enclosing record's element (``fallback``)
    strict: bool = False  # an item of a list: read whole even in a partial import
    position: int = 0  # the element's position among its kind's siblings (``numbered``)


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
    if (spec.when is not None or spec.not_with is not None) and not _applies(spec, at):
        return ABSENT
    if spec.kind is _SITE:
        return _site(ctx, spec, at)
    if spec.kind is _LEVEL:
        return _or_absent(hierarchy.level(ctx, spec, at))
    if spec.kind is _PARENT:
        return _or_absent(hierarchy.parent(ctx, spec, at))
    if spec.key is not None:
        return _keyed(ctx, entity, spec, at)
    if spec.kind is _PLACE:
        return _place(ctx, spec, at)
    if spec.any_of:
        return _any_of(ctx, entity, spec, at)
    if spec.within is not None:
        return measured.within(ctx, spec, at, read(ctx, entity, measured.own(spec), at))
    if spec.kind is _MEASURE or spec.kind is _ATTRIBUTE:
        return _or_absent(measured.read(ctx, spec, at.node))
    owner: Node | None = at.node
    missing = ""  # the first element of the path that is not there
    for name in spec.path[:-1]:
        owner = measured.step(owner, name)
        if owner is None:
            missing = missing or name
    last = spec.path[-1] if spec.path else ""
    if owner is None or not last:
        if spec.property:
            return _property(ctx, entity, spec, at)
        return _absent(ctx, spec, at, at.node, "" if missing == ".." else missing)
    if spec.kind is _QUANTITY:
        return _quantity(ctx, spec, owner, at.strict)
    child = owner.child(last)
    text = child.text() if child is not None else ""
    if child is None or not text:
        if spec.property:
            return _property(ctx, entity, spec, at)
        if spec.fallback is not None and at.outer is not None \
                and (word := at.outer.text_of(spec.fallback)):
            return _fallback(ctx, entity, spec, at, word)
        return _absent(ctx, spec, at, owner, last)
    return _text_value(ctx, entity, spec, child, text)


def _site(ctx: Context, spec: FieldSpec, at: Place) -> object:
    """The Site of the scope, else (``inherit``) the enclosing record's; a record that
    ``own_when`` names (a site) is its own plant when its scope names none."""
    if spec.own_when is not None and str(at.record.get(spec.own_when[0])) in spec.own_when[1]:
        own = site_of(at.node) or at.record.get("id")
        # a site is its own plant, checked against --plant like any Site (B2M-450)
        return ABSENT if own is None else _or_absent(
            ctx.site(at.node, str(own), spec.what or spec.name))
    found = at.site
    if found is None and spec.inherit is not None and at.parent is not None:
        found = at.parent.get(spec.inherit)
    return ctx.site(at.node, found, spec.what or spec.name)


def _applies(spec: FieldSpec, at: Place) -> bool:
    """``when``: the record's field has one of the values; ``not_with``: it lacks the field."""
    if spec.not_with is not None and at.record.get(spec.not_with) is not None:
        return False
    return spec.when is None or str(at.record.get(spec.when[0])) in spec.when[1]


def _place(ctx: Context, spec: FieldSpec, at: Place) -> object:
    """The first of ``any_of`` with text (``A/B``: B inside A), else the innermost level below
    the Site of the scope ``path`` (Location), else absent (defaulted, a finding)."""
    for name in spec.any_of:
        node: Node | None = at.node
        for part in name.split("/"):
            node = node.child(part) if node is not None else None
        if node is not None and node.text():
            return node.text()
    if spec.path and (found := place_below_site(at.node)) is not None:
        return found
    return _absent(ctx, spec, at, at.node, spec.any_of[0] if spec.any_of else spec.path[0])


def _numbered(spec: FieldSpec, at: Place) -> object:
    """``numbered``: ``{field}`` of the enclosing record, ``{n}`` the element's position."""
    parent = at.parent or {}
    names = _PLACEHOLDER.findall(spec.numbered or "")
    if any(name != "n" and parent.get(name) is None for name in names):
        return ABSENT
    return _PLACEHOLDER.sub(lambda m: str(at.position) if m[1] == "n" else str(parent[m[1]]),
                            spec.numbered or "")


_PLACEHOLDER = re.compile(r"{(\w+)}")  # ``{field}`` and ``{n}`` in a ``numbered`` pattern


def _or_absent(value: object) -> object:
    return ABSENT if value is None else value


def _text_value(ctx: Context, entity: str, spec: FieldSpec, node: Node, text: str) -> object:
    """The value of ``text``, found at ``node`` (an element, or a property's Value)."""
    kind = spec.kind
    if kind is _ID:  # the identifier rules (trimmed, B2M-112) read the element itself
        return _or_absent(ctx.ident_of(node, what=spec.what or node.name))
    if kind is _WORD:
        return _or_absent(ctx.word(node, spec.table or "", dict(spec.words),
                                   allowed(entity, spec.name), spec.what or node.name))
    if kind is _ENUM:
        return _enum(ctx, entity, spec, node, text)
    if kind is _TIMESTAMP:
        return _or_absent(ctx.timestamp(_parent_of(node), node.name))
    reader = _PARSERS.get(kind)
    if reader is not None:
        return _or_absent(reader(ctx, node, text))
    return text


def _parent_of(node: Node) -> Node:
    return node.base if isinstance(node.base, Node) else node


def _absent(ctx: Context, spec: FieldSpec, at: Place, owner: Node, element: str) -> object:
    """A field whose element is missing or empty: inherited, defaulted, or a finding. In a
    partial import (``--partial``) only the record's id is required and no default applies."""
    if spec.inherit is not None and at.parent is not None \
            and at.parent.get(spec.inherit) is not None:
        return at.parent[spec.inherit]
    if spec.otherwise is not None and at.record.get(spec.otherwise) is not None:
        return at.record[spec.otherwise]
    if spec.numbered is not None:
        return _numbered(spec, at)
    if spec.total is not None:
        return ABSENT  # summed by the caller over the nested records (:mod:`.grouping`)
    if spec.default is not None:
        return _default(ctx, spec, at, owner, element)
    if spec.assumed is not None and not ctx.partial:
        ctx.add(rules.ASSUMED_STATE, f"no {spec.what or spec.name}; imported as "
                f"{spec.assumed}", at.node)
        return spec.assumed
    if not spec.required or (ctx.partial and not at.strict and spec.name != "id"):
        return ABSENT
    what = spec.what or element or spec.name
    if spec.kind is _ID or spec.any_of:
        ctx.add(rules.MISSING_ID, f"<{owner.name}> has no {what}", owner,
                suffix=f"/{element}" if element else "")
    elif element and at.strict:
        ctx.add(rules.MISSING_FIELD, f"<{owner.name}> has no {what}", owner,
                suffix=f"/{element}")
    elif element:
        ctx.required(owner, element, f"<{owner.name}> has no {what}")
    else:
        ctx.add(rules.MISSING_FIELD, f"<{owner.name}> has no {what}", owner)
    return ABSENT


def _default(ctx: Context, spec: FieldSpec, at: Place, owner: Node, element: str) -> object:
    """The plant's declared default (b2mml.yaml, B2M-301). With ``default_when`` it applies
    only where the record's field has one of the listed values, and its absence is no gap."""
    declared = getattr(ctx.defaults, spec.default or "", None)
    value = getattr(declared, "value", declared)
    if spec.default_when is None:
        found = ctx.defaulted(owner, element, value, spec.what or spec.name,
                              patchable=not at.strict, key=spec.default or "")
        return _or_absent(found)
    field, values = spec.default_when
    current = at.record.get(field)
    if ctx.partial or value is None or str(current) not in values:
        return ABSENT
    ctx.add(rules.PLANT_DEFAULT, f"a {current} record without {spec.what or spec.name}; the "
            f"plant's declared default {value!r} (b2mml.yaml) is used", owner, value=value,
            suffix=f"/{element}")
    return value


def _fallback(ctx: Context, entity: str, spec: FieldSpec, at: Place, word: str) -> object:
    """A missing state read from the enclosing record's element (an operation without
    SegmentState takes the meaning of its request's RequestState), else B2M-106."""
    found = ctx.codes.word(spec.table or "", word, dict(spec.words),
                           allowed(entity, spec.name), spec.fallback or "")
    if found.code is None:
        own = spec.path[-1] if spec.path else spec.name
        ctx.add(rules.UNMAPPED_STATUS, f"<{at.node.name}> has no {own} and the enclosing "
                f"{spec.fallback} {word!r} means no {spec.what or spec.name}", at.node,
                value=word)
    return _or_absent(found.code)


def _any_of(ctx: Context, entity: str, spec: FieldSpec, at: Place) -> object:
    """The first of ``any_of``'s children with text (an identifier: trimmed, B2M-102)."""
    for name in spec.any_of:
        child = at.node.child(name)
        if child is not None and child.text():
            return _text_value(ctx, entity, spec, child, child.text())
    return _absent(ctx, spec, at, at.node, spec.any_of[0])


def _property_element(spec: FieldSpec, at: Place) -> str:
    """How a missing property is named in a path: ``MaterialLotProperty[ID='supplier']``."""
    return f"{at.property_element}[ID='{spec.property[0]}']" if spec.property else ""


@cache
def _accepted_keys(keys: tuple[str, ...]) -> frozenset[str]:
    """The normalised amount keys a spec's ``keys`` accept (worked out once per spelling)."""
    return frozenset(quantities.normal(k) for k in keys) if keys else quantities.AMOUNT_KEYS


def _quantity(ctx: Context, spec: FieldSpec, owner: Node, strict: bool = False) -> object:
    accepted = _accepted_keys(spec.keys)
    chosen = quantities.select(ctx, owner, accepted)
    if chosen is None:
        if spec.required and not owner.children(spec.path[-1]):
            message = f"<{owner.name}> has no {spec.path[-1]}"
            if strict:
                ctx.add(rules.MISSING_FIELD, message, owner, suffix=f"/{spec.path[-1]}")
            else:
                ctx.required(owner, spec.path[-1], message)
        return ABSENT
    return _or_absent(ctx.quantity(chosen))


def _property(ctx: Context, entity: str, spec: FieldSpec, at: Place) -> object:
    prop = next((p for name in spec.property if (p := at.properties.get(key(name)))), None)
    if prop is None and spec.or_in and isinstance(at.node.base, Node):
        outer = properties(at.node.base, *spec.or_in)
        prop = next((p for name in spec.property if (p := outer.get(key(name)))), None)
    text = prop.text() if prop is not None else None
    if prop is None or (not text and spec.kind is not _TEXTS):
        return _absent(ctx, spec, at, at.node, _property_element(spec, at))
    if spec.kind is _TEXTS:
        return prop.texts() or ABSENT
    if spec.kind is _TIMESTAMP:
        return _or_absent(ctx.timestamp(prop.values[0], "ValueString"))
    if spec.kind is _QUANTITY:  # a named value with its unit (a planned quantity)
        return _or_absent(ctx.value_quantity(prop.values[0]))
    if spec.kind is _WORD:
        found = ctx.codes.word(spec.table or "", text or "", dict(spec.words),
                               allowed(entity, spec.name), spec.what)
        if found.code is None:
            ctx.add(rules.UNMAPPED_STATUS, found.problem, prop.node, value=text)
        return _or_absent(found.code)
    return _text_value(ctx, entity, spec, prop.node, text or "")


def _keyed(ctx: Context, entity: str, spec: FieldSpec, at: Place) -> object:
    """A Value of the item told apart by its Key: its amount, or (``unit``) its unit."""
    value = Property("", at.node).keyed(spec.key or "")
    if value is None:
        return _absent(ctx, spec, at, at.node, "")
    code = value.text_of("UnitOfMeasure")
    if spec.kind is _UNIT:
        return _or_absent(ctx.unit(value, code))
    if spec.unit_of is not None and code and (expected := at.record.get(spec.unit_of)):
        unit = ctx.unit(value, code)
        if unit is not None and unit != expected:
            ctx.add(rules.AMBIGUOUS, f"the {spec.key} of <{at.node.name}> is in {code!r}, not "
                    f"the {spec.unit_of} {expected!r}", value, value=code)
    return _text_value(ctx, entity, spec, value, value.text_of("ValueString") or "")


def _enum(ctx: Context, entity: str, spec: FieldSpec, node: Node, text: str) -> object:
    if text in allowed(entity, spec.name):
        return text
    if spec.any_case and text.lower() in allowed(entity, spec.name):
        return text.lower()
    what = spec.property[0] if spec.property else spec.name
    ctx.add(rules.UNMAPPED_STATUS, f"{what} {text!r} is not a canonical value "
            f"({', '.join(allowed(entity, spec.name))})", node, value=text)
    return ABSENT
