"""Writing canonical records as B2MML from the same spec that reads them (outbound).

A record kind's ``order`` lists its elements in the XSD's sequence; each field is written
where its element (its ``path``, the record's property element, the scope of a ``site``
field) appears in that order, with the value step's inverse: a state word through the
spec's standard words backwards, a quantity as QuantityString/DataType/UnitOfMeasure, a
property as ID and Value. A field with no place in the order has no place in the document:
the caller reports it (B2M-203) instead of dropping it silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml.specmodel import B2mmlSpec, FieldSpec, Kind, RecordSpec
from canonical.b2mml.treewrite import SCOPED, Tree, scope
from canonical.b2mml.version import Version
from canonical.b2mml.writer.xml import el
from canonical.models import CanonicalModel, Quantity
from canonical.models.types import format_decimal
from canonical.report import Finding

#: Versions whose ValueType requires a UnitOfMeasure (written empty for a unit-less value).
_VALUE_UNIT_REQUIRED = frozenset({"V0401"})


class Writer:
    """Elements of one spec's version."""

    def __init__(self, spec: B2mmlSpec) -> None:
        self.spec = spec
        self.ns = Version(spec.version).namespace
        self.tree: Tree | None = None  # the records of a kind that nests itself
        self.findings: list[Finding] = []  # records left out or placed (treewrite)

    def e(self, name: str, *children: etree._Element | None,
          text: str | None = None) -> etree._Element:
        return el(name, *children, text=text, ns=self.ns)

    def document(self, kind: RecordSpec, records: list[CanonicalModel],
                 doc_id: str) -> etree._Element:
        noun = self.spec.writes or kind.elements[0]
        self.tree = Tree.of(kind, list(records))
        if self.tree is None:
            return self.e(noun, self.e("ID", text=doc_id),
                          *[self.record(kind, r) for r in records])
        roots = self.tree.roots(self)
        self.findings.extend(self.tree.findings())
        return self.e(noun, self.e("ID", text=doc_id), *roots)

    def record(self, kind: RecordSpec, record: CanonicalModel) -> etree._Element:
        return self.e(kind.elements[0], *self.children(kind.order, kind.fields, kind, record))

    def children(self, order: tuple[str, ...], fields: tuple[FieldSpec, ...],
                 kind: RecordSpec | None, record: object) -> Iterator[etree._Element]:
        for name in order:
            if kind is not None and name in kind.properties:
                yield from self.properties(name, kind, record)
                continue
            if kind is not None and (kind.fixed or kind.segments is not None):
                yield from self.fixed(name, kind, record)
            if kind is not None and self.tree is not None and name in self.tree.nested:
                yield from self.tree.children(self, record, name)
                continue
            scoped = [f for f in fields if f.kind in SCOPED and _element(f) == name]
            if scoped:
                element = scope(self, name, scoped, record, self.tree)
                if element is not None:
                    yield element
                continue
            if kind is not None:
                for derived in kind.derived:
                    if derived.element == name:
                        word = dict(derived.words).get(_text(getattr(record, derived.source)))
                        if word is not None:
                            yield self.e(name, text=word)
            for spec in fields:
                if not spec.property and _element(spec) == name:
                    yield from self.field(spec, getattr(record, spec.name, None))

    def field(self, spec: FieldSpec, value: object) -> Iterator[etree._Element]:
        if value is None:
            return
        if spec.kind is Kind.LIST:
            for item in value if isinstance(value, list) else []:
                yield self.e(spec.each[0], *self.children(spec.order, spec.fields, None, item))
        elif spec.kind is Kind.QUANTITY and isinstance(value, Quantity):
            yield self.nested(spec.path, self.quantity(spec.path[-1], value))
        else:
            text = _text(value)
            if spec.kind is Kind.WORD:
                text = next((w for w, c in spec.words if c == text), text)
            leaf = self.e(spec.path[-1], text=text)
            if spec.also and len(spec.path) > 1:  # siblings carrying the same value
                leaf = self.e(spec.path[-2], *[self.e(a, text=text) for a in spec.also], leaf)
                yield self.nested(spec.path[:-1], leaf)
            else:
                yield self.nested(spec.path, leaf)

    def fixed(self, name: str, kind: RecordSpec, record: object) -> Iterator[etree._Element]:
        """A ``fixed`` element, or the record's segment tree (:mod:`.segwrite`)."""
        value = dict(kind.fixed).get(name)
        if value is not None:
            yield self.e(name, text=value)
        segments = kind.segments
        if segments is not None and segments.segment is not None \
                and name == segments.segment.element:
            from canonical.b2mml.segwrite import segment

            yield from segment(self, segments, record)

    def nested(self, path: tuple[str, ...], leaf: etree._Element) -> etree._Element:
        for name in reversed(path[:-1]):
            leaf = self.e(name, leaf)
        return leaf

    def quantity(self, name: str, value: Quantity) -> etree._Element:
        return self.e(name, self.e("QuantityString", text=format_decimal(value.value)),
                      self.e("DataType", text="Quantity"),
                      self.e("UnitOfMeasure", text=value.unit))

    def properties(self, element: str, kind: RecordSpec,
                   record: object) -> Iterator[etree._Element]:
        yield from self.named(element, kind.fields, record)

    def named(self, element: str, fields: tuple[FieldSpec, ...],
              record: object) -> Iterator[etree._Element]:
        """One ``element`` (a property, a parameter) per property field set in ``record``."""
        for spec in fields:
            value = getattr(record, spec.name, None)
            if not spec.property or spec.key or value is None or value == []:
                continue
            if isinstance(value, Quantity):  # a named value with its unit
                yield self.e(element, self.e("ID", text=spec.property[0]), self.e(
                    "Value", self.e("ValueString", text=format_decimal(value.value)),
                    self.e("DataType", text="Quantity"),
                    self.e("UnitOfMeasure", text=value.unit)))
                continue
            texts = [_text(v) for v in value] if isinstance(value, list) else [_text(value)]
            unit = "" if self.spec.version in _VALUE_UNIT_REQUIRED else None
            yield self.e(element, self.e("ID", text=spec.property[0]), *[
                self.e("Value", self.e("ValueString", text=t),
                       self.e("DataType", text=spec.data_type),
                       None if unit is None else self.e("UnitOfMeasure", text=unit))
                for t in texts])


def carried(kind: RecordSpec) -> frozenset[str]:
    """The canonical fields ``kind`` writes (the others are reported, B2M-203)."""
    own = frozenset(f.name for f in kind.fields
                    if (f.property and set(kind.properties) & set(kind.order))
                    or _element(f) in kind.order)
    segments = kind.segments
    if segments is None or segments.segment is None \
            or segments.segment.element not in kind.order:
        return own
    from canonical.b2mml.segwrite import carried as in_segments

    return own | in_segments(segments)


def _element(spec: FieldSpec) -> str | None:
    """The element a field is written as (its path's first, a list's item element)."""
    names = spec.path or spec.each
    return names[0] if names else None


def _text(value: object) -> str:
    """The B2MML text of a canonical scalar (enums by value, decimals plain, booleans xsd)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    raw = getattr(value, "value", value)
    if isinstance(raw, Decimal):
        return format_decimal(raw)
    return str(raw).lower() if isinstance(raw, bool) else str(raw)
