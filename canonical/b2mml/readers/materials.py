"""Material definitions -> materials.

B2MML has no element for what the canonical material needs beyond id and description, so
real files carry it as ``MaterialDefinitionProperty`` values, matched by id:

- ``BaseUnitOfMeasure`` (also ``BaseUnit``, ``BaseUoM``, ``base_unit``): the unit code as
  ValueString, translated like every unit (``KG`` needs a plant row);
- ``MaterialType`` (or ``type``): a canonical MaterialType word;
- ``LotControlled``, ``SerialControlled``: xsd booleans;
- ``Revision`` (or v7's ``Version`` element): the engineering revision;
- ``AlternativeUnit`` (repeatable): Values keyed ``numerator`` (amount of base unit) and
  ``denominator`` (amount of the alternative unit, whose UnitOfMeasure names it).
"""

from __future__ import annotations

from typing import Any

from canonical.b2mml import rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.properties import Property, key, properties
from canonical.models import Material, MaterialType

_BASE_UNIT = ("baseunitofmeasure", "baseunit", "baseuom")
_PROPS = ("MaterialDefinitionProperty",)


def read(ctx: Context, definition: Node) -> list[Material]:
    start = ctx.errors()
    props = properties(definition, *_PROPS)
    data: dict[str, Any] = {
        "id": ctx.ident(definition, "ID", what="material ID"),
        "description": ctx.text(definition, "Description"),
    }
    if data["description"] is None:
        ctx.add(rules.MISSING_FIELD, "material definition has no Description", definition,
                suffix="/Description")
    base = next((props[k] for k in _BASE_UNIT if k in props), None)
    data["base_unit"] = _required(ctx, definition, base, "BaseUnitOfMeasure")
    if data["base_unit"] is not None and base is not None:
        data["base_unit"] = ctx.unit(base.node, data["base_unit"])
    kind = _required(ctx, definition, props.get("materialtype") or props.get("type"),
                     "MaterialType")
    if kind is not None and kind not in {t.value for t in MaterialType}:
        ctx.add(rules.UNMAPPED_STATUS, f"MaterialType {kind!r} is not a canonical material type",
                definition, value=kind)
    data["type"] = kind
    for pid, name in (("LotControlled", "lot_controlled"),
                      ("SerialControlled", "serial_controlled")):
        prop = props.get(key(pid))
        text = _required(ctx, definition, prop, pid)
        data[name] = ctx.boolean(prop.node, text) if prop is not None and text else None
    revision = ctx.text(definition, "Version") or (
        props["revision"].text() if "revision" in props else None)
    if revision is not None:
        data["revision"] = revision
    alternatives = [_alternative(ctx, child, data["base_unit"])
                    for child in definition.children(*_PROPS)
                    if key(child.text_of("ID") or "") == "alternativeunit"]
    if alternatives:
        data["alternative_units"] = alternatives
    if ctx.errors() > start:
        return []
    built = ctx.build(Material, data, definition)
    return [built] if built is not None else []


def _required(ctx: Context, node: Node, prop: Property | None, name: str) -> str | None:
    text = prop.text() if prop is not None else None
    if text is None:
        ctx.add(rules.MISSING_FIELD, f"material definition has no {name} property",
                node, suffix=f"/MaterialDefinitionProperty[ID='{name}']")
    return text


def _alternative(ctx: Context, node: Node, base_unit: str | None) -> dict[str, Any]:
    prop = Property(node.text_of("ID") or "", node)
    numerator = prop.keyed("numerator")
    denominator = prop.keyed("denominator")
    if numerator is None or denominator is None:
        ctx.add(rules.MISSING_FIELD, "AlternativeUnit needs Values keyed numerator and "
                "denominator", node)
        return {}
    if (code := numerator.text_of("UnitOfMeasure")) and base_unit is not None \
            and ctx.unit(numerator, code) not in (None, base_unit):
        ctx.add(rules.AMBIGUOUS, f"the numerator of an AlternativeUnit is in {code!r}, not the "
                f"base unit {base_unit!r}", numerator, value=code)
    return {
        "unit": ctx.unit(denominator, denominator.text_of("UnitOfMeasure")),
        "numerator": ctx.decimal(numerator, numerator.text_of("ValueString") or ""),
        "denominator": ctx.decimal(denominator, denominator.text_of("ValueString") or ""),
    }
