"""Building the ``fixed`` and ``segments`` keys of a record kind (see :mod:`.segmodel`).

Called by :class:`~canonical.b2mml.specbuild.Builder` for each record kind; every problem is
a located finding (B2M-401 unknown key, B2M-402 unknown field, B2M-404 unknown element).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from canonical.b2mml import rules
from canonical.b2mml.entities import annotation_entity, field_shapes
from canonical.b2mml.segmodel import Segments, SegmentWrite
from canonical.b2mml.specmodel import FieldSpec

if TYPE_CHECKING:
    from canonical.b2mml.specbuild import Builder

_SEGMENTS = {"elements", "parameters", "requirements", "use", "uses", "produced_uses",
             "consumed_uses", "record", "produced", "operations", "components", "write"}
_LIST = {"field", "identity", "link", "fields"}
_WRITE = {"segment", "child", "requirement"}
_ELEMENT = {"element", "order", "copies"}


def fixed(builder: Builder, keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``fixed: {OperationsType: Production}``: elements with the one value the kind maps."""
    declared = builder.value(*keys, "fixed")
    if declared is None:
        return ()
    if not isinstance(declared, dict):
        builder.add(rules.SPEC_KEY, "fixed is {element: value}", *keys, "fixed")
        return ()
    builder.elements(tuple(str(k) for k in declared), *keys, "fixed")
    return tuple((str(k), str(v)) for k, v in declared.items())


def known_keys(builder: Builder, keys: tuple[str, ...], allowed: set[str], what: str) -> bool:
    value = builder.value(*keys)
    if value is None:
        return False
    if not isinstance(value, dict):
        builder.add(rules.SPEC_KEY, f"{keys[-1]} is a mapping ({what})", *keys)
        return False
    for key in value:
        if key not in allowed:
            builder.add(rules.SPEC_KEY, f"unknown key {key!r}; {what} has: "
                        + ", ".join(sorted(allowed)), *keys, str(key))
    return True


def _fields(builder: Builder, keys: tuple[str, ...],
            shapes: dict[str, object] | None) -> tuple[FieldSpec, ...]:
    value = builder.value(*keys)
    names = [str(k) for k in value] if isinstance(value, dict) else []
    return tuple(builder.field(name, (*keys, name), shapes) for name in names)


def _items(builder: Builder, keys: tuple[str, ...], record: dict[str, object] | None,
           ) -> tuple[str, tuple[FieldSpec, ...], str | None, str | None, str]:
    """A list field of the record (``operations``, ``components``): name, item fields."""

    known_keys(builder, keys, _LIST, "a segment list")
    name = builder.text(*keys, "field") or ""
    if record is not None and name not in record:
        builder.add(rules.SPEC_FIELD, f"the canonical entity has no list field {name!r}",
                    *keys, "field")
    item = annotation_entity(record.get(name)) if record else None
    fields = _fields(builder, (*keys, "fields"), field_shapes(item) if item else None)
    identity, link = builder.text(*keys, "identity"), builder.text(*keys, "link")
    for named in (identity, link):
        if named is not None and all(f.name != named for f in fields):
            builder.add(rules.SPEC_FIELD, f"{named!r} is not one of the item's fields",
                        *keys)
    return name, fields, identity, link, item or ""


def _write(builder: Builder, keys: tuple[str, ...]) -> SegmentWrite | None:
    if not known_keys(builder, keys, _ELEMENT, "a written element"):
        return None
    element = builder.text(*keys, "element") or ""
    builder.elements((element,), *keys, "element")
    copies = builder.value(*keys, "copies")
    pairs = tuple((str(k), str(v)) for k, v in copies.items()) \
        if isinstance(copies, dict) else ()
    return SegmentWrite(element, builder.elements(builder.names(*keys, "order"), *keys, "order"),
                        pairs)


def segments(builder: Builder, keys: tuple[str, ...],
             record: dict[str, object] | None) -> Segments | None:
    """The ``segments`` block of a record kind (None when it has none)."""
    if not known_keys(builder, keys, _SEGMENTS, "segments"):
        return None
    uses = builder.value(*keys, "uses")
    operations, operation, identity, _, operation_entity = _items(
        builder, (*keys, "operations"), record)
    components, component, _, link, component_entity = _items(
        builder, (*keys, "components"), record)
    write = (*keys, "write")
    known_keys(builder, write, _WRITE, "write")
    paths = tuple(p for name in builder.names(*keys, "parameters") for p in name.split("/"))
    builder.elements(paths, *keys, "parameters")
    return Segments(
        elements=builder.elements(builder.names(*keys, "elements"), *keys, "elements"),
        parameters=builder.names(*keys, "parameters"),
        requirements=builder.elements(builder.names(*keys, "requirements"), *keys,
                                      "requirements"),
        use=builder.text(*keys, "use") or "",
        uses=tuple((str(k), str(v)) for k, v in uses.items()) if isinstance(uses, dict) else (),
        produced_uses=builder.names(*keys, "produced_uses"),
        consumed_uses=builder.names(*keys, "consumed_uses"),
        record=_fields(builder, (*keys, "record"), record),
        produced=_fields(builder, (*keys, "produced"), record),
        operations=operations, operation=operation, identity=identity or "",
        components=components, component=component, link=link,
        operation_entity=operation_entity, component_entity=component_entity,
        segment=_write(builder, (*write, "segment")), child=_write(builder, (*write, "child")),
        requirement=_write(builder, (*write, "requirement")))
