"""Measured values of B2MML spec fields: a ValueType as a quantity or a text, relative paths,
and identifiers composed with the enclosing record's.

A test result's measurement (v7 ``PropertyMeasurement/Value``, a V0401/V0600 lot property's
``Value``) is a quantity when it has a ``UnitOfMeasure`` (field kind ``measure``) and an
attribute result (text) when it has none (field kind ``attribute``): one Value is read by two
fields, exactly one of which is set. A path part ``..`` is the enclosing element (a test result
inside a lot property reads the property's ``ID`` and ``Value``). An ``id`` field with
``within: id`` is the enclosing record's id when the enclosing element holds one such element,
else ``<enclosing id>/<own id>`` (one quality result per measurement).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.specmodel import FieldSpec, Kind

if TYPE_CHECKING:
    from canonical.b2mml.steps import Place


def step(owner: Node | None, name: str) -> Node | None:
    """The child ``name`` of ``owner`` (``..``: the element enclosing it)."""
    if owner is None:
        return None
    if name == "..":
        return owner.base if isinstance(owner.base, Node) else None
    return owner.child(name)


def read(ctx: Context, spec: FieldSpec, node: Node) -> object:
    """The ``measure`` (a quantity) or ``attribute`` (a text) of the Value at ``spec.path``."""
    value: Node | None = node
    for name in spec.path:
        value = step(value, name)
    if value is None:
        return None
    has_unit = bool(value.text_of("UnitOfMeasure"))
    if spec.kind is Kind.MEASURE:
        return ctx.value_quantity(value) if has_unit else None
    return None if has_unit else (value.text_of("ValueString") or None)


@cache
def own(spec: FieldSpec) -> FieldSpec:
    """``spec`` reading the element's own identifier."""
    return replace(spec, within=None)


def within(ctx: Context, spec: FieldSpec, at: Place, found: object) -> object:
    """``found`` (the own id) composed with the enclosing record's ``within`` field."""
    enclosing = at.parent.get(spec.within or "") if at.parent is not None else None
    if not isinstance(found, str) or enclosing is None:
        return found
    element = at.node.element
    outer = element.getparent()
    several = outer is not None and len(outer.findall(element.tag)) > 1
    return f"{enclosing}/{found}" if several else enclosing
