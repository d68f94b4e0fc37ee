"""Namespace-aware navigation of a parsed B2MML element, with locations for findings.

A :class:`Node` knows its B2MML namespace and its path from the document root
(``/ProductionSchedule/ProductionRequest[2]/ID``), so every finding can say where it is.
Element names are B2MML local names; elements of other namespaces (extensions) are not
returned by :meth:`Node.children`.

Every element whose text or attribute a reader asks for is recorded in the document's
``seen`` set (shared by all nodes of one document), so the import can account afterwards for
each element that no reader used (:mod:`canonical.b2mml.accounting`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml.version import local


@dataclass(frozen=True, slots=True)
class Node:
    """One element of the document."""

    element: etree._Element
    ns: str
    path: str
    seen: set[etree._Element] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def root(cls, element: etree._Element, ns: str) -> Node:
        return cls(element, ns, "/" + local(element.tag))

    @property
    def name(self) -> str:
        return local(self.element.tag)

    @property
    def line(self) -> int | None:
        line = self.element.sourceline
        return int(line) if line is not None else None

    def children(self, *names: str) -> list[Node]:
        """Child elements named ``names`` (any of them), in document order."""
        wanted = {f"{{{self.ns}}}{n}" for n in names}
        counts: dict[str, int] = {}
        found: list[Node] = []
        for child in self.element:
            if not isinstance(child.tag, str):
                continue
            name = local(child.tag)
            counts[name] = counts.get(name, 0) + 1
            if child.tag in wanted:
                found.append(Node(child, self.ns, f"{self.path}/{name}[{counts[name]}]",
                                  self.seen))
        return found

    def child(self, *names: str) -> Node | None:
        """The first child named any of ``names``."""
        found = self.children(*names)
        return found[0] if found else None

    def text(self) -> str:
        """The element's text with surrounding whitespace removed ('' when empty)."""
        self.seen.add(self.element)
        return (self.element.text or "").strip()

    def raw_text(self) -> str:
        self.seen.add(self.element)
        return self.element.text or ""

    def text_of(self, *names: str) -> str | None:
        """Text of the first child named ``names``; None when there is no such child."""
        node = self.child(*names)
        return None if node is None else node.text()

    def attribute(self, name: str) -> str | None:
        self.seen.add(self.element)
        value = self.element.get(name)
        return None if value is None else value.strip()

    def walk(self) -> Iterator[etree._Element]:
        """Every element below (and including) this one."""
        return (e for e in self.element.iter() if isinstance(e.tag, str))


def path_of(element: etree._Element) -> str:
    """``/SyncMaterialLot/DataArea[1]/MaterialLot[2]``: local names with 1-based positions."""
    parts: list[str] = []
    current: etree._Element | None = element
    while current is not None:
        parent = current.getparent()
        name = local(current.tag)
        if parent is None:
            parts.append(name)
        else:
            same = [c for c in parent if c.tag == current.tag]
            parts.append(f"{name}[{same.index(current) + 1}]")
        current = parent
    return "/" + "/".join(reversed(parts))
