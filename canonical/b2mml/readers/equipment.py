"""Equipment hierarchy -> resources.

Each ``Equipment`` (nested ``Equipment`` in V0401/V0600, ``EquipmentChild`` in v7) is one
resource whose parent is the enclosing equipment. The level gives the kind
(:data:`~canonical.b2mml.vocabulary.EQUIPMENT_LEVEL`): v7 ``EquipmentLevel``, V0600
``EquipmentLevel/EquipmentElementLevel``, V0401 the innermost ``Location`` level naming the
equipment itself; ``Other`` with an ``OtherValue`` that is a canonical kind (``tool``,
``labor_pool``) is accepted. The plant is the nearest Site (itself, an ancestor, or the
document's hierarchy scope). B2MML has no availability state: an ``EquipmentProperty``
``state`` with a canonical ResourceState word is used, else ``available`` with warning B2M-111.
"""

from __future__ import annotations

from typing import Any

from canonical.b2mml import rules, vocabulary
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.properties import properties
from canonical.b2mml.readers.scope import site_of
from canonical.models import Resource, ResourceKind, ResourceState

_CHILDREN = ("Equipment", "EquipmentChild")
_KINDS = {k.value for k in ResourceKind}


def read(ctx: Context, node: Node) -> list[Resource]:
    if node.name == "EquipmentInformation":
        plant = site_of(node)
        return [r for eq in node.children("Equipment") for r in _equipment(ctx, eq, None, plant)]
    return _equipment(ctx, node, None, None)


def _level(node: Node) -> Node | None:
    level = node.child("EquipmentLevel")
    if level is not None and level.child("EquipmentElementLevel") is not None:
        return level.child("EquipmentElementLevel")  # V0600: a HierarchyScopeType
    if level is not None:
        return level
    own = node.text_of("ID")
    location = node.child("Location")
    found: Node | None = None
    while location is not None:  # V0401: the Location entry naming the equipment itself
        if location.text_of("EquipmentID") == own:
            found = location.child("EquipmentElementLevel")
        location = location.child("Location")
    return found


def _kind(ctx: Context, node: Node) -> str | None:
    level = _level(node)
    if level is None or not level.text():
        ctx.add(rules.MISSING_FIELD, "equipment has no level (EquipmentLevel)", node,
                suffix="/EquipmentLevel")
        return None
    word = level.text()
    if word == "Other" and (other := level.attribute("OtherValue")) in _KINDS:
        return other
    kind = vocabulary.EQUIPMENT_LEVEL.get(word)
    if kind is None:
        ctx.add(rules.UNMAPPED_LEVEL, f"equipment level {word!r} has no canonical resource kind "
                f"(mapped levels: {', '.join(vocabulary.EQUIPMENT_LEVEL)})", level, value=word)
    return kind


def _equipment(ctx: Context, node: Node, parent: str | None,
               inherited_plant: str | None) -> list[Resource]:
    start = ctx.errors()
    res_id = ctx.ident(node, "ID", what="equipment ID")
    kind = _kind(ctx, node)
    plant = res_id if kind == "site" else ctx.site(node, site_of(node, inherited_plant),
                                                    "the plant of the equipment")
    data: dict[str, Any] = {"id": res_id, "kind": kind, "plant": plant,
                            "name": ctx.text(node, "Description") or res_id}
    if parent is not None:
        data["parent"] = parent
    state = properties(node, "EquipmentProperty").get("state")
    word = state.text() if state is not None else None
    if word is None:
        ctx.add(rules.ASSUMED_STATE, "no state property; imported as available", node)
        data["state"] = "available"
    elif word in {s.value for s in ResourceState}:
        data["state"] = word
    else:
        ctx.add(rules.UNMAPPED_STATUS, f"state {word!r} is not a canonical ResourceState",
                state.node if state else node, value=word)
    out: list[Resource] = []
    if ctx.errors() == start and (built := ctx.build(Resource, data, node)) is not None:
        out.append(built)
    for child in node.children(*_CHILDREN):
        out.extend(_equipment(ctx, child, res_id, plant))
    return out
