"""Writing grouped records back (outbound of :mod:`.grouping`): one record, several elements.

The spec's written noun holds a ``through`` kind (an ``OperationsResponse``: no record of its
own) whose child kind is grouped (``group: {by: [order, sequence], collect: confirmations}``).
Records are written one enclosing element per value of the ``through`` kind's fields (one
response per order), and each record as one element per item of its ``collect`` list (one
segment response per confirmation) carrying the item's fields and the record's. A field the
record gives once and its elements repeat only where it changes (``status``: the state after
the operation's last confirmation) is written on the last element only: every field with a
``default`` (its group-wide meaning) is. A record without a ``by`` field or without items
cannot be written (B2M-201); fields with no place are reported (B2M-203).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from types import SimpleNamespace

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.b2mml.export import Writer, _element
from canonical.b2mml.specmodel import B2mmlSpec, FieldSpec, Kind, RecordSpec
from canonical.models import CanonicalModel
from canonical.report import Finding


def _written(spec: FieldSpec) -> FieldSpec:
    """A field as written: an ``any_of`` field is written as its first element."""
    return replace(spec, path=spec.any_of[:1]) if spec.any_of and not spec.path else spec


def grouped(spec: B2mmlSpec, outer: RecordSpec) -> RecordSpec | None:
    """The grouped kind nested in the ``through`` kind ``outer`` (None: no such kind)."""
    kinds = [spec.record(c.record) for c in outer.children]
    return next((k for k in kinds if k is not None and k.group is not None), None)


def carried(outer: RecordSpec, inner: RecordSpec) -> frozenset[str]:
    """The canonical fields written: the enclosing kind's, the grouped kind's, its list."""
    own = {f.name for f in inner.fields if _element(_written(f)) in inner.order
           or (f.property and set(inner.properties) & set(inner.order))}
    group = inner.group
    return frozenset({*own, *(f.name for f in outer.fields),
                      *((group.collect,) if group is not None else ())})


def writable(inner: RecordSpec, record: CanonicalModel, index: int,
             findings: list[Finding]) -> bool:
    """Whether ``record`` has every ``by`` field and at least one item (else B2M-201)."""
    group = inner.group
    if group is None:
        return False
    missing = [name for name in group.by if getattr(record, name, None) is None]
    if missing:
        findings.append(rules.NOT_WRITABLE.finding(
            f"a {inner.entity} needs its {', '.join(missing)} to be written as B2MML "
            f"{inner.elements[0]}").located(record=index))
        return False
    if not getattr(record, group.collect, None):
        findings.append(rules.NOT_WRITABLE.finding(
            f"a {inner.entity} without {group.collect} has no {inner.elements[0]} to "
            "write").located(record=index))
        return False
    return True


def document(writer: Writer, outer: RecordSpec, inner: RecordSpec,
             records: Sequence[CanonicalModel], doc_id: str) -> etree._Element:
    """The noun with one ``outer`` element per value of its fields, holding the records."""
    by_outer: dict[tuple[object, ...], list[CanonicalModel]] = {}
    for record in records:
        key = tuple(getattr(record, f.name, None) for f in outer.fields)
        by_outer.setdefault(key, []).append(record)
    noun = writer.spec.writes or outer.elements[0]
    fixed = [writer.e(name, text=value) for name, value in outer.fixed]
    return writer.e(noun, writer.e("ID", text=doc_id), *fixed,
                    *[_outer(writer, outer, inner, group) for group in by_outer.values()])


def _outer(writer: Writer, outer: RecordSpec, inner: RecordSpec,
           records: list[CanonicalModel]) -> etree._Element:
    first = records[0]
    copies = dict(outer.copies)
    fixed = dict(outer.fixed)
    children: list[etree._Element] = []
    for name in outer.order:
        if name in copies:
            children.append(writer.e(name, text=str(getattr(first, copies[name]))))
        elif name in fixed:
            children.append(writer.e(name, text=fixed[name]))
        elif name in inner.elements:
            children.extend(e for r in records for e in _elements(writer, inner, r))
        else:
            for spec in outer.fields:
                if _element(spec) == name:
                    children.extend(writer.field(spec, getattr(first, spec.name, None)))
    return writer.e(outer.elements[0], *children)


def _elements(writer: Writer, inner: RecordSpec, record: CanonicalModel,
              ) -> Iterator[etree._Element]:
    group = inner.group
    collect = inner.field(group.collect) if group is not None else None
    if group is None or collect is None:
        return
    items = getattr(record, group.collect, None) or []
    own = {f.name: getattr(record, f.name) for f in inner.fields if f.kind is not Kind.LIST}
    for n, item in enumerate(items, start=1):
        values = {**own, **{f.name: getattr(item, f.name) for f in collect.fields}}
        if n < len(items):  # a group-wide value is the state after the last element
            values.update({f.name: None for f in inner.fields if f.default is not None})
        yield writer.e(inner.elements[0], *_children(writer, inner, collect.fields,
                                                     SimpleNamespace(**values)))


def _children(writer: Writer, inner: RecordSpec, items: tuple[FieldSpec, ...],
              values: SimpleNamespace) -> Iterator[etree._Element]:
    fields = [_written(f) for f in (*inner.fields, *items) if f.kind is not Kind.LIST]
    for name in inner.order:
        if name in inner.properties:
            yield from writer.named(name, items, values)
            continue
        for spec in fields:
            if not spec.property and _element(spec) == name:
                yield from writer.field(spec, getattr(values, spec.name, None))
