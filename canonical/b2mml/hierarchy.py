"""Equipment hierarchies in B2MML specs: the ``level`` and ``parent`` value steps.

A record kind whose fields are of kind ``level`` and ``parent`` is a node of an ISA-95
equipment hierarchy (``Equipment`` -> :class:`~canonical.models.Resource`):

- ``level``: the equipment level (v7 ``EquipmentLevel``, V0600
  ``EquipmentLevel/EquipmentElementLevel``; a ``path`` naming a scope chain, V0401
  ``Location``, reads the entry whose ``EquipmentID`` is the record's own id). ``Other``
  names its level in ``OtherValue``. The word becomes a resource kind through the plant's
  ``equipment_levels`` table over the shipped default
  (:mod:`canonical.mapping.equipment_levels`); an unknown word is B2M-109. A level the
  canonical model does not carry (Enterprise, StorageZone, ...) is reported (info B2M-304)
  and the step returns :data:`NOT_CARRIED`: the record is not built and its children are
  read in its place, under the nearest carried ancestor
  (:meth:`canonical.b2mml.records.Run.record`).
- ``parent``: the enclosing record's ``inherit`` field (a nested equipment's parent), else
  the innermost carried entry of the record's scope chain (``HierarchyScope`` or
  ``Location``, like its site; ``path`` is where it is written) other than the record itself
  (a reference outside the document); ``unless: {kind: [site]}`` names the records that
  never take a parent from their scope.

The writer goes the other way (:func:`scope_element`): a record's site, parent outside the
document and (V0401) level are one scope chain; the level word is
:func:`~canonical.mapping.equipment_levels.level_for` of the kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from canonical.b2mml import rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.specmodel import FieldSpec
from canonical.mapping import equipment_levels

if TYPE_CHECKING:
    from canonical.b2mml.steps import Place

#: A record of a level the canonical model does not carry: its children are read instead.
NOT_CARRIED: object = object()
#: The elements nesting a scope chain's entries, and naming an entry's level.
SCOPES = ("HierarchyScope", "Location", "HierarchyScopeChild")
LEVELS = ("EquipmentLevel", "EquipmentElementLevel")


def _chain(node: Node | None) -> list[Node]:
    """The entries of a scope chain, outermost first."""
    found: list[Node] = []
    while node is not None:
        found.append(node)
        node = node.child(*SCOPES)
    return found


def _resolve(ctx: Context, word: str) -> equipment_levels.Level:
    return ctx.codes.level(word)


def level_node(spec: FieldSpec, at: Place) -> Node | None:
    """The element holding the record's level word."""
    owner: Node | None = at.node
    for name in spec.path:
        owner = owner.child(name) if owner is not None else None
    if owner is None or owner.child("EquipmentID") is None:
        return owner
    own = at.record.get("id")
    entry = next((e for e in _chain(owner) if e.text_of("EquipmentID") == own), None)
    return entry.child(*LEVELS) if entry is not None else None


def level(ctx: Context, spec: FieldSpec, at: Place) -> object:
    """The resource kind of the record's level, :data:`NOT_CARRIED`, or ``None``."""
    node = level_node(spec, at)
    if node is None or not node.text():
        if spec.required:
            ctx.add(rules.MISSING_FIELD, f"<{at.node.name}> has no {spec.what or 'level'}",
                    at.node, suffix=f"/{spec.path[0]}" if spec.path else "")
        return None
    word = node.text()
    if word == equipment_levels.OTHER and (other := node.attribute("OtherValue")):
        word = other
    found = _resolve(ctx, word)
    if found.not_carried is not None:
        parent = at.parent.get("id") if at.parent is not None else None
        ctx.add(rules.NOT_CARRIED, f"{at.node.name} {at.record.get('id')!r} at level "
                f"{word!r} is not carried by the canonical model ({found.not_carried}); its "
                f"children are imported under {parent or 'no parent'}", node,
                value=at.record.get("id"))
        return NOT_CARRIED
    if found.kind is None:
        ctx.add(rules.UNMAPPED_LEVEL, f"equipment level {word!r} has no canonical resource "
                f"kind (known levels: {', '.join(equipment_levels.known_levels())}); add an "
                f"{equipment_levels.TABLE} row ({ctx.codes.system},{word},<ResourceKind>) to "
                "the plant", node, value=word)
    return found.kind


def parent(ctx: Context, spec: FieldSpec, at: Place) -> object:
    """The enclosing record's ``inherit`` field, else the scope's innermost carried entry
    other than the record itself (``None``: no parent)."""
    if spec.inherit is not None and at.parent is not None \
            and at.parent.get(spec.inherit) is not None:
        return at.parent[spec.inherit]
    if spec.unless is not None and str(at.record.get(spec.unless[0])) in spec.unless[1]:
        return None
    own = at.record.get("id")
    found: str | None = None
    for entry in _chain(at.node.child("HierarchyScope", "Location")):
        ident = entry.text_of("EquipmentID")
        word = entry.text_of(*LEVELS) or ""
        if ident and ident != own and _resolve(ctx, word).not_carried is None:
            found = ident
    return found


def not_carried_children(node: Node, nested: tuple[str, ...]) -> None:
    """Mark what a not-carried record holds besides its nested records as accounted for (its
    B2M-304 finding covers it)."""
    inner = {c.element for c in node.children(*nested)}
    for child in node.element:
        if child not in inner:
            node.seen.update(child.iter())


#: The element naming a scope entry's level, per version (written out).
LEVEL_ELEMENT = {"V0401": "EquipmentElementLevel", "V0600": "EquipmentElementLevel",
                 "v7": "EquipmentLevel"}
