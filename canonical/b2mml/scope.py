"""Where a B2MML object sits: the plant (ISA-95 Site) of its hierarchy scope or location.

V0401 writes ``Location`` (EquipmentID, EquipmentElementLevel, nested Location), V0600
either that or ``HierarchyScope``, v7 ``HierarchyScope`` (EquipmentID, EquipmentLevel or
EquipmentElementLevel, HierarchyScopeChild). The plant is the EquipmentID at level ``Site``
anywhere in that chain; an object without one inherits its parent's plant. Where material
sits (V0401 ``Location`` of a material actual) is the innermost level below the Site.
"""

from __future__ import annotations

from canonical.b2mml.nodes import Node

_SCOPES = ("HierarchyScope", "Location")
_NESTED = ("HierarchyScopeChild", "HierarchyScope", "Location")
_LEVELS = ("EquipmentLevel", "EquipmentElementLevel")
_ABOVE_PLACE = frozenset({"Enterprise", "Site"})


def site_of(node: Node, inherited: str | None = None) -> str | None:
    """The Site EquipmentID of ``node``'s scope, else ``inherited``."""
    scope = node.child(*_SCOPES)
    while scope is not None:
        if scope.text_of(*_LEVELS) == "Site":
            found = scope.text_of("EquipmentID")
            if found:
                return found
        scope = scope.child(*_NESTED)
    return inherited


def place_below_site(node: Node) -> str | None:
    """The EquipmentID of the innermost level of ``node``'s ``Location`` below the Site
    (V0401 material actuals: ``Site FR03 > StorageZone WE-01`` is ``WE-01``), else None."""
    scope, found = node.child("Location"), None
    while scope is not None:
        level = scope.text_of(*_LEVELS)
        equipment = scope.text_of("EquipmentID")
        if level not in _ABOVE_PLACE and equipment:
            found = equipment
        scope = scope.child("Location")
    return found
