"""Building B2MML v7 elements: namespace, values, quantities, hierarchy scope, parameters."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.b2mml.version import Version
from canonical.errors import B2MMLError
from canonical.models import Quantity
from canonical.models.types import format_decimal

NS = Version.V7.namespace


#: Characters XML 1.0 cannot carry (a record built in Python may hold them: it is refused).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def el(name: str, *children: etree._Element | None, text: str | None = None,
       ns: str = NS) -> etree._Element:
    """An element of the v7 namespace (or ``ns``) with children (``None`` children are
    skipped); text XML cannot carry raises :class:`B2MMLError` (B2M-201), never a crash or a
    changed value."""
    element = etree.Element(f"{{{ns}}}{name}", nsmap={None: ns})
    if text is not None:
        bad = _NOT_XML.search(text)
        if bad is not None:
            raise B2MMLError(f"{name}: {text[:40]!r} holds U+{ord(bad.group()):04X}, which XML "
                             "cannot carry", rule_id=rules.NOT_WRITABLE.id)
        element.text = text
    for child in children:
        if child is not None:
            element.append(child)
    return element


def opt(name: str, text: str | None) -> etree._Element | None:
    """An element with text, or nothing when the text is absent."""
    return None if text is None else el(name, text=text)


def stamp(value: datetime) -> str:
    return value.isoformat()


def quantity(name: str, value: Quantity) -> etree._Element:
    """A QuantityValueType element (QuantityString, DataType, UnitOfMeasure)."""
    return el(name, el("QuantityString", text=format_decimal(value.value)),
              el("DataType", text="Quantity"), el("UnitOfMeasure", text=value.unit))


def value(text: str, *, data_type: str = "Text", unit: str | None = None,
          key: str | None = None) -> etree._Element:
    """A ValueType element."""
    return el("Value", el("ValueString", text=text), el("DataType", text=data_type),
              opt("UnitOfMeasure", unit), opt("Key", key))


def quantity_value(q: Quantity) -> etree._Element:
    return value(format_decimal(q.value), data_type="Quantity", unit=q.unit)


def site(plant: str) -> etree._Element:
    """A HierarchyScope naming the plant as an ISA-95 Site."""
    return el("HierarchyScope", el("EquipmentID", text=plant), el("EquipmentLevel", text="Site"))


def named(element_name: str, ident: str, *values: etree._Element) -> etree._Element:
    """A parameter / segment data / property element: ID and values."""
    return el(element_name, el("ID", text=ident), *values)


def serialise(root: etree._Element) -> bytes:
    text: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return text
