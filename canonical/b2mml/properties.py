"""Named properties of B2MML objects (MaterialLotProperty, MaterialDefinitionProperty, ...).

Properties carry what B2MML has no element for (a material's base unit, a lot's expiry
date, a supplier's lot number). Property ids are matched case-insensitively and without
underscores, so ``BaseUnitOfMeasure``, ``base_unit_of_measure`` and ``BASEUNITOFMEASURE``
are one name. The canonical names the writer uses are listed in the docs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nodes imports lxml; spec loading (governance) only needs key()
    from canonical.b2mml.nodes import Node


def key(name: str) -> str:
    return name.replace("_", "").replace(" ", "").replace("-", "").lower()


@dataclass(frozen=True, slots=True)
class Property:
    """One property element: its id, its Value elements, the element itself."""

    id: str
    node: Node

    @property
    def values(self) -> list[Node]:
        return self.node.children("Value")

    def text(self) -> str | None:
        """ValueString of the first Value (None when absent or empty)."""
        first = self.values[0] if self.values else None
        found = first.text_of("ValueString") if first is not None else None
        return found or None

    def texts(self) -> list[str]:
        return [t for v in self.values if (t := v.text_of("ValueString"))]

    def keyed(self, name: str) -> Node | None:
        """The Value whose Key is ``name``."""
        wanted = key(name)
        return next((v for v in self.values if key(v.text_of("Key") or "") == wanted), None)


def properties(node: Node, *element_names: str) -> dict[str, Property]:
    """Properties of ``node`` by normalised id (the first of each id wins)."""
    found: dict[str, Property] = {}
    for child in node.children(*element_names):
        pid = child.text_of("ID")
        if pid:
            found.setdefault(key(pid), Property(pid, child))
    return found
