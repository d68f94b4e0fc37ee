"""Writing hierarchies from B2MML specs: scope chains and records nested in their parents.

A record's ``site`` field, its ``parent`` when that is outside the document, and (V0401) its
``level`` are written as one scope chain under the element their ``path`` names
(``HierarchyScope`` / ``Location``, entries nested as the version nests them), so the reader
gives the same values back (:mod:`canonical.b2mml.hierarchy`). A record kind that nests
itself (a ``children`` entry of its own kind and a ``parent`` field inheriting ``id``) is
written as a tree: a record whose parent is in the document is written inside it; a cycle of
parents has no place in a tree (B2M-201), and a record outside the ``unless`` kinds without a
parent reads back with its site as parent (B2M-203).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.b2mml.hierarchy import LEVEL_ELEMENT, SCOPES
from canonical.b2mml.specmodel import FieldSpec, Kind, RecordSpec
from canonical.mapping import equipment_levels
from canonical.report import Finding

if TYPE_CHECKING:
    from canonical.b2mml.export import Writer

#: The kinds of field written into a scope chain.
SCOPED = frozenset({Kind.SITE, Kind.PARENT, Kind.LEVEL})
#: The element nesting an inner scope entry, per version.
_NESTED = {"V0401": "Location", "V0600": "HierarchyScope", "v7": "HierarchyScopeChild"}


def _word(value: object) -> str:
    return str(getattr(value, "value", value))


def _ident(record: object) -> str:
    return str(getattr(record, "id", ""))


def _holds(condition: tuple[str, tuple[str, ...]] | None, record: object) -> bool:
    return condition is not None and _word(getattr(record, condition[0], None)) in condition[1]


@dataclass
class Tree:
    """The records of one document arranged by parent, written depth first."""

    kind: RecordSpec
    link: FieldSpec
    nested: tuple[str, ...]
    records: list[object]
    index: dict[str, int] = field(default_factory=dict)
    below: dict[str | None, list[object]] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, kind: RecordSpec, records: list[object]) -> Tree | None:
        """The tree of ``kind``'s records, ``None`` when the kind does not nest itself."""
        child = next((c for c in kind.children if c.record == kind.name), None)
        link = next((f for f in kind.fields if f.kind is Kind.PARENT and f.inherit), None)
        if child is None or link is None:
            return None
        tree = cls(kind, link, child.elements, records)
        tree.index = {_ident(r): i for i, r in enumerate(records)}
        for record in records:
            parent = getattr(record, link.name, None)
            inside = parent if parent in tree.index and parent != _ident(record) \
                else None
            tree.below.setdefault(inside, []).append(record)
        return tree

    def inside(self, ident: object) -> bool:
        return ident in self.index

    def roots(self, writer: Writer) -> list[etree._Element]:
        return [self.element(writer, r, self.kind.elements[0]) for r in self.below.get(None, [])]

    def element(self, writer: Writer, record: object, tag: str) -> etree._Element:
        self.written.add(_ident(record))
        return writer.e(tag, *writer.children(self.kind.order, self.kind.fields, self.kind,
                                              record))

    def children(self, writer: Writer, record: object, name: str) -> Iterator[etree._Element]:
        for child in self.below.get(_ident(record), []):
            if _ident(child) not in self.written:
                yield self.element(writer, child, name)

    def findings(self) -> list[Finding]:
        """Records left out (a cycle of parents) or placed in their site (no parent)."""
        found: list[Finding] = []
        for i, record in enumerate(self.records):
            ident, parent = _ident(record), getattr(record, self.link.name, None)
            if ident not in self.written:
                found.append(rules.NOT_WRITABLE.finding(
                    f"{self.kind.entity.lower()} {ident!r} is in a cycle of parents; not "
                    "written", path=f"$.{self.link.name}", value=parent).located(record=i))
            elif parent is None and not _holds(self.link.unless, record):
                found.append(rules.DROPPED_FIELD.finding(
                    f"{self.kind.entity.lower()} {ident!r} has no parent; B2MML places it in "
                    f"site {getattr(record, 'plant', None)!r}, which reads back as its parent",
                    path=f"$.{self.link.name}").located(record=i))
        return found


def scope(writer: Writer, name: str, fields: list[FieldSpec], record: object,
          tree: Tree | None) -> etree._Element | None:
    """The element ``name`` written from the scoped ``fields`` of ``record`` (None: nothing)."""
    by_kind = {f.kind: f for f in fields}
    own = getattr(record, "id", None)
    entries: list[tuple[str, str, str | None]] = []
    plant: object = None
    if (site := by_kind.get(Kind.SITE)) is not None:
        plant = getattr(record, site.name, None)
        if plant is not None and not (_holds(site.own_when, record) and plant == own):
            entries.append((_word(plant), "Site", None))
    link = by_kind.get(Kind.PARENT)
    above = getattr(record, link.name, None) if link is not None else None
    if link is not None and above is not None and above != plant \
            and not _holds(link.unless, record) and not (tree and tree.inside(above)):
        entries.append((_word(above), equipment_levels.OTHER, None))
    level = by_kind.get(Kind.LEVEL)
    kind = getattr(record, level.name, None) if level is not None else None
    if level is not None and kind is not None:
        word, other = equipment_levels.level_for(_word(kind))
        if len(level.path) == 1 and level.path[0] not in SCOPES:  # the word itself (v7)
            element = writer.e(name, text=word)
            if other is not None:
                element.set("OtherValue", other)
            return element
        entries.append((_word(own), word, other))
    return _chain(writer, name, entries)


def _chain(writer: Writer, name: str, entries: list[tuple[str, str, str | None]],
           ) -> etree._Element | None:
    version = writer.spec.version
    inner: etree._Element | None = None
    for position, (ident, word, other) in reversed(list(enumerate(entries))):
        level = writer.e(LEVEL_ELEMENT[version], text=word)
        if other is not None:
            level.set("OtherValue", other)
        tag = name if position == 0 else _NESTED[version]
        inner = writer.e(tag, writer.e("EquipmentID", text=ident), level, inner)
    return inner
