"""Equipment hierarchy -> resources.

Each ``Equipment`` (nested ``Equipment`` in V0401/V0600, ``EquipmentChild`` in v7) is one
resource whose parent is the enclosing equipment. The level (v7 ``EquipmentLevel``, V0600
``EquipmentLevel/EquipmentElementLevel``, V0401 the innermost ``Location`` level naming the
equipment itself; ``Other`` names its level in ``OtherValue``) gives the kind through the
plant's ``equipment_levels`` table over the shipped default
(:mod:`canonical.mapping.equipment_levels`). A level the canonical model does not carry
(Enterprise, StorageZone, ...) is reported as such (B2M-304) and its children are imported
under the nearest carried ancestor, so a site never gets a parent. An equipment at the top
of the document names its parent by its hierarchy scope / location (the innermost entry that
is not the equipment itself): a reference to a resource outside the document. The plant is
the nearest Site (itself, an ancestor, or the document's hierarchy scope). B2MML has no
availability state: an ``EquipmentProperty`` ``state`` with a canonical ResourceState word
is used, else ``available`` with warning B2M-111.
"""

from __future__ import annotations

from typing import Any

from canonical.b2mml import rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.properties import properties
from canonical.b2mml.readers.scope import site_of
from canonical.mapping import equipment_levels
from canonical.models import Resource, ResourceState

_CHILDREN = ("Equipment", "EquipmentChild")
_SCOPES = ("HierarchyScope", "Location", "HierarchyScopeChild")


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


def _kind(ctx: Context, node: Node) -> equipment_levels.Level | None:
    level = _level(node)
    if level is None or not level.text():
        ctx.add(rules.MISSING_FIELD, "equipment has no level (EquipmentLevel)", node,
                suffix="/EquipmentLevel")
        return None
    word = level.text()
    if word == equipment_levels.OTHER and (other := level.attribute("OtherValue")):
        word = other
    codes = ctx.codes
    found = equipment_levels.resolve(word, plant=codes.plant, system=codes.system, on=codes.on)
    if found.kind is None and found.not_carried is None:
        ctx.add(rules.UNMAPPED_LEVEL, f"equipment level {word!r} has no canonical resource kind "
                f"(known levels: {', '.join(equipment_levels.known_levels())}); add an "
                f"{equipment_levels.TABLE} row ({codes.system},{word},<ResourceKind>) to the "
                "plant", level, value=word)
        return None
    return found


def _scope_parent(ctx: Context, node: Node, own: str | None) -> str | None:
    """The innermost carried entry of ``node``'s hierarchy scope / location other than the
    equipment itself: the parent of an equipment at the top of the document."""
    codes = ctx.codes
    found: str | None = None
    scope = node.child("HierarchyScope", "Location")
    while scope is not None:
        ident = scope.text_of("EquipmentID")
        word = scope.text_of("EquipmentLevel", "EquipmentElementLevel") or ""
        level = equipment_levels.resolve(word, plant=codes.plant, system=codes.system,
                                         on=codes.on)
        if ident and ident != own and level.not_carried is None:
            found = ident
        scope = scope.child(*_SCOPES)
    return found


def _not_carried(ctx: Context, node: Node, level: equipment_levels.Level,
                 res_id: str | None, parent: str | None, plant: str | None) -> list[Resource]:
    """An equipment of a level the model does not carry: reported (at its level, so the
    finding does not cover what its children leave unread), its children imported."""
    ctx.add(rules.NOT_CARRIED, f"equipment {res_id!r} at level {level.word!r} is not carried "
            f"by the canonical model ({level.not_carried}); its children are imported under "
            f"{parent or 'no parent'}", _level(node) or node, value=res_id)
    children = node.children(*_CHILDREN)
    inner = {c.element for c in children}
    for child in node.element:  # its own description, properties, scope: covered by the above
        if child not in inner:
            node.seen.update(child.iter())
    return [r for c in children for r in _equipment(ctx, c, parent, plant)]


def _equipment(ctx: Context, node: Node, parent: str | None,
               inherited_plant: str | None) -> list[Resource]:
    start = ctx.errors()
    res_id = ctx.ident(node, "ID", what="equipment ID")
    level = _kind(ctx, node)
    if level is not None and level.not_carried is not None:
        return _not_carried(ctx, node, level, res_id, parent,
                            site_of(node, inherited_plant))
    kind = level.kind if level is not None else None
    plant = (site_of(node) or res_id) if kind == "site" else ctx.site(
        node, site_of(node, inherited_plant), "the plant of the equipment")
    data: dict[str, Any] = {"id": res_id, "kind": kind, "plant": plant,
                            "name": ctx.text(node, "Description") or res_id}
    if parent is None and kind != "site":
        parent = _scope_parent(ctx, node, res_id)
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
