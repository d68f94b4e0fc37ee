"""Writing a record's segment tree from its spec (outbound of :mod:`canonical.b2mml.segments`).

The ``write`` block of :class:`~canonical.b2mml.segmodel.Segments` names the element of the
order's own segment, of each operation inside it, and of each material requirement, with
their element order. One segment holds the record's parameter fields, the produced
requirement and the components assigned to no operation; each operation holds its own
fields, parameters and components. ``copies`` write the identifiers the XSD requires but
the canonical model has no field for (a segment's ``ProcessSegmentID``) with a field's value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.b2mml.segmodel import Segments, SegmentWrite
from canonical.b2mml.specmodel import FieldSpec
from canonical.models import CanonicalModel
from canonical.report import Finding

if TYPE_CHECKING:
    from canonical.b2mml.export import Writer

Extra = Mapping[str, Iterable[etree._Element]]


def segment(w: Writer, spec: Segments, record: object) -> Iterator[etree._Element]:
    """The order's own segment with everything the segment tree carries (nothing without a
    whole ``write`` block: :func:`carried` then names no field, so each is reported)."""
    out, child, req = spec.segment, spec.child, spec.requirement
    if out is None or child is None or req is None:
        return
    components = getattr(record, spec.components, None) or []
    link = spec.link or ""

    def material(fields: tuple[FieldSpec, ...], item: object,
                 uses: tuple[str, ...]) -> etree._Element:
        use = {spec.use: [w.e(spec.use, text=uses[0])]} if spec.use and uses else {}
        return _element(w, req, fields, item, record, use)

    def operation(op: object) -> etree._Element:
        sequence = getattr(op, spec.identity, None)
        return _element(w, child, spec.operation, op, record, {
            _parameter(spec): w.named(_parameter(spec), spec.operation, op),
            req.element: [material(spec.component, c, spec.consumed_uses)
                          for c in components if getattr(c, link, None) == sequence],
        })

    yield _element(w, out, (), record, record, {
        _parameter(spec): w.named(_parameter(spec), spec.record, record),
        req.element: [material(spec.produced, record, spec.produced_uses),
                      *[material(spec.component, c, spec.consumed_uses)
                        for c in components if getattr(c, link, None) is None]],
        child.element: [operation(op) for op in getattr(record, spec.operations, None) or []],
    })


def _element(w: Writer, out: SegmentWrite, fields: tuple[FieldSpec, ...], item: object,
             record: object, extra: Extra) -> etree._Element:
    copies = dict(out.copies)
    children: list[etree._Element] = []
    for name in out.order:
        if name in extra:
            children.extend(extra[name])
        elif name in copies:
            value = getattr(item, copies[name], None)
            value = getattr(record, copies[name], None) if value is None else value
            if value is not None:
                children.append(w.e(name, text=str(value)))
        else:
            children.extend(w.children((name,), fields, None, item))
    return w.e(out.element, *children)


def _parameter(spec: Segments) -> str:
    return spec.parameters[0].rpartition("/")[2] if spec.parameters else ""


def _written(fields: tuple[FieldSpec, ...], out: SegmentWrite | None, parameter: str,
             placed: str | None = None) -> set[str]:
    """The fields ``out`` writes: by their element, as a parameter, as a copy (and the
    ``placed`` field, written by where the item sits)."""
    if out is None:
        return set()
    copied = {name for _, name in out.copies}
    return {f.name for f in fields
            if f.name in copied or f.name == placed or (f.path and f.path[0] in out.order)
            or (f.property and parameter in out.order)}


def carried(spec: Segments) -> frozenset[str]:
    """The record fields a segment tree writes (nothing without a whole ``write`` block)."""
    out, child, req = spec.segment, spec.child, spec.requirement
    if out is None or child is None or req is None:
        return frozenset()
    names = _written(spec.record, out, _parameter(spec))
    if req.element in out.order:
        names |= _written(spec.produced, req, "")
        names.add(spec.components)
    if child.element in out.order:
        names.add(spec.operations)
    return frozenset(names)


def writable(spec: Segments, record: CanonicalModel, index: int,
             findings: list[Finding]) -> bool:
    """Report the item fields the tree cannot write (B2M-203); a component naming an
    operation the record does not have cannot be placed (B2M-201: not written)."""
    from canonical.b2mml.writer import dropped

    parts = ((spec.operations, _written(spec.operation, spec.child, _parameter(spec))),
             (spec.components, _written(spec.component, spec.requirement, "", spec.link)))
    for list_field, keep in parts:
        for n, item in enumerate(getattr(record, list_field, None) or []):
            dropped(item, frozenset(keep), index, f"$.{list_field}[{n}]", findings)
    sequences = {getattr(op, spec.identity, None)
                 for op in getattr(record, spec.operations, None) or []}
    link = spec.link or ""
    for n, item in enumerate(getattr(record, spec.components, None) or []):
        named = getattr(item, link, None)
        if named is not None and named not in sequences:
            findings.append(rules.NOT_WRITABLE.finding(
                f"component {getattr(item, 'material', '')} names operation {named}, which the "
                "record does not have", path=f"$.{spec.components}[{n}].{link}",
            ).located(record=index))
            return False
    return True
