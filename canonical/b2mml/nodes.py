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
from functools import cache

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml.version import local


class Node:
    """One element of the document.

    Its path is built only when asked for (a finding): a child knows its parent node and
    its position among the siblings of its name, so walking a document costs no strings.
    A plain slotted class, not a dataclass: a document creates one per element read, and a
    frozen dataclass's ``__init__`` costs several times as much."""

    __slots__ = ("_kids", "_path", "base", "element", "index", "ns", "seen", "step", "tags")

    def __init__(self, element: etree._Element, ns: str, base: str | Node,
                 seen: set[etree._Element] | None = None, step: tuple[str, int] | None = None,
                 index: dict[etree._Element, dict[str, list[etree._Element]]] | None = None,
                 tags: dict[str, str] | None = None) -> None:
        self.element = element
        self.ns = ns
        #: local name -> ``{ns}name`` (one dict per namespace: a tag is built once, and its
        #: hash is kept for the look-ups in the children by tag)
        self.tags = _TAGS.setdefault(ns, {}) if tags is None else tags
        self.base = base  # the whole path (a document's nouns), else the parent node
        self.seen: set[etree._Element] = set() if seen is None else seen
        self.step = step  # (tag, 1-based position among same-tag siblings)
        #: children by tag of the elements asked so far (shared by the nodes of one document)
        self.index: dict[etree._Element, dict[str, list[etree._Element]]] = \
            {} if index is None else index
        self._path: str | None = None  # built on the first finding, kept for the next
        #: this element's children by tag (from ``index``), kept for the node's next question
        self._kids: dict[str, list[etree._Element]] | None = None

    def __repr__(self) -> str:
        return f"Node({self.path})"

    @classmethod
    def root(cls, element: etree._Element, ns: str) -> Node:
        return cls(element, ns, "/" + local(element.tag))

    @property
    def path(self) -> str:
        found = self._path
        if found is None:
            if self.step is None or isinstance(self.base, str):
                found = str(self.base)
            else:
                tag, index = self.step
                found = f"{self.base.path}/{local(tag)}[{index}]"
            self._path = found
        return found

    @property
    def name(self) -> str:
        step = self.step  # the element's tag, when the node was found by it
        return local(step[0] if step is not None else self.element.tag)

    @property
    def line(self) -> int | None:
        line = self.element.sourceline
        return int(line) if line is not None else None

    def children(self, *names: str) -> list[Node]:
        """Child elements named ``names`` (any of them), in document order."""
        if len(names) == 1:
            name = names[0]
            tag = self.tags.get(name) or self._tag(name)
            found = (self._kids or self._groups()).get(tag)
            if not found:
                return []
            ns, seen, index, tags = self.ns, self.seen, self.index, self.tags
            return [Node(c, ns, self, seen, (tag, i), index, tags)
                    for i, c in enumerate(found, 1)]
        groups = self._kids or self._groups()
        tags = self.tags
        present = [t for n in names if (t := tags.get(n) or self._tag(n)) in groups]
        if len(present) <= 1:  # children of one of the names: in order, from the index
            if not present:
                return []
            tag = present[0]
            ns, seen, index = self.ns, self.seen, self.index
            return [Node(c, ns, self, seen, (tag, i), index, tags)
                    for i, c in enumerate(groups[tag], 1)]
        wanted = _tags(self.ns, names)
        counts: dict[str, int] = {}
        nodes: list[Node] = []
        for child in self.element:
            tag = child.tag
            if tag in wanted:
                position = counts[tag] = counts.get(tag, 0) + 1
                nodes.append(Node(child, self.ns, self, self.seen, (tag, position), self.index,
                                  self.tags))
        return nodes

    def child(self, *names: str) -> Node | None:
        """The first child named any of ``names``."""
        groups = self._kids or self._groups()
        tags = self.tags
        if len(names) == 1:
            name = names[0]
            tag = tags.get(name) or self._tag(name)
            found = groups.get(tag)
            if not found:
                return None
            return Node(found[0], self.ns, self, self.seen, (tag, 1), self.index, tags)
        for name in names:
            if groups.get(tags.get(name) or self._tag(name)):  # the first in document order
                wanted = _tags(self.ns, names)
                first = next(c for c in self.element if c.tag in wanted)
                return Node(first, self.ns, self, self.seen, (first.tag, 1), self.index, tags)
        return None

    def _tag(self, name: str) -> str:
        """``{ns}name``, built once per namespace and name (names come from the specs; the
        table is bounded all the same)."""
        tag = f"{{{self.ns}}}{name}"
        if len(self.tags) < 4096:
            self.tags[name] = tag
        return tag

    def _groups(self) -> dict[str, list[etree._Element]]:
        """The element's children by tag, built on one pass and kept for the document."""
        kids = self._kids
        if kids is not None:
            return kids
        index = self.index.get(self.element)
        if index is None:
            index = self.index[self.element] = {}
            for child in self.element:
                found = index.get(child.tag)
                if found is None:
                    index[child.tag] = [child]
                else:
                    found.append(child)
        self._kids = index
        return index

    def text(self) -> str:
        """The element's text with surrounding whitespace removed ('' when empty)."""
        self.seen.add(self.element)
        return (self.element.text or "").strip()

    def raw_text(self) -> str:
        self.seen.add(self.element)
        return self.element.text or ""

    def text_of(self, *names: str) -> str | None:
        """Text of the first child named ``names``; None when there is no such child (as
        ``child(*names).text()``, without making the child's node for one name)."""
        if len(names) != 1:
            node = self.child(*names)
            return None if node is None else node.text()
        name = names[0]
        found = (self._kids or self._groups()).get(self.tags.get(name) or self._tag(name))
        if not found:
            return None
        element = found[0]
        self.seen.add(element)
        return (element.text or "").strip()

    def attribute(self, name: str) -> str | None:
        self.seen.add(self.element)
        value = self.element.get(name)
        return None if value is None else value.strip()

    def walk(self) -> Iterator[etree._Element]:
        """Every element below (and including) this one."""
        return (e for e in self.element.iter() if isinstance(e.tag, str))


_TAGS: dict[str, dict[str, str]] = {}  # see Node.tags (a few namespaces, a few hundred names)


@cache
def _tags(ns: str, names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f"{{{ns}}}{n}" for n in names)


class Paths:
    """Paths of many elements of one document, each parent's children counted once (a
    document of 25,000 lots costs 25,000 steps, not 25,000 sibling scans)."""

    def __init__(self) -> None:
        self._index: dict[etree._Element, int] = {}
        self._paths: dict[etree._Element, str] = {}

    def of(self, element: etree._Element) -> str:
        found = self._paths.get(element)
        if found is not None:
            return found
        parent = element.getparent()
        if parent is None:
            path = "/" + local(element.tag)
        else:
            if element not in self._index:
                counts: dict[object, int] = {}
                for child in parent:
                    counts[child.tag] = self._index[child] = counts.get(child.tag, 0) + 1
            path = f"{self.of(parent)}/{local(element.tag)}[{self._index[element]}]"
        if len(element):  # only containers are asked again (for their children)
            self._paths[element] = path
        return path


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
