"""Lots -> v7 ``MaterialInformation`` with one ``MaterialLot`` per lot.

Status is written as ``Status`` (the canonical word) and, where ISA-95 has an equivalent,
as ``Disposition``; dates, supplier, supplier lot, order, disposition and serial numbers as
``MaterialLotProperty``; genealogy as ``AssemblyLot`` (parent lot id, material, quantity).
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import vocabulary
from canonical.b2mml.writer.xml import el, named, opt, quantity, site, value
from canonical.models import GenealogyLink, Lot

CARRIED = frozenset({
    "id", "material", "plant", "quantity", "status", "disposition", "manufactured_on",
    "expires_on", "supplier", "supplier_lot", "order", "genealogy", "serial_numbers",
})


def document(lots: list[Lot], doc_id: str) -> etree._Element:
    return el("MaterialInformation", el("ID", text=doc_id), *[_lot(lot) for lot in lots])


def _lot(lot: Lot) -> etree._Element:
    props: list[etree._Element] = []
    for name, text, kind in (
        ("manufactured_on", lot.manufactured_on and lot.manufactured_on.isoformat(), "DateTime"),
        ("expires_on", lot.expires_on and lot.expires_on.isoformat(), "DateTime"),
        ("supplier", lot.supplier, "Identifier"), ("supplier_lot", lot.supplier_lot, "Identifier"),
        ("order", lot.order, "Identifier"),
        ("disposition", lot.disposition and lot.disposition.value, "Code"),
    ):
        if text:
            props.append(named("MaterialLotProperty", name, value(text, data_type=kind)))
    if lot.serial_numbers:
        props.append(named("MaterialLotProperty", "serial_numbers",
                           *[value(s, data_type="Identifier") for s in lot.serial_numbers]))
    return el(
        "MaterialLot", el("ID", text=lot.id), site(lot.plant),
        el("MaterialDefinitionID", text=lot.material), el("Status", text=lot.status.value),
        opt("Disposition", vocabulary.LOT_DISPOSITION_V7.get(lot.status.value)),
        *props, quantity("Quantity", lot.quantity),
        *[_assembly(link) for link in lot.genealogy or []],
    )


def _assembly(link: GenealogyLink) -> etree._Element:
    return el("AssemblyLot", el("ID", text=link.parent_lot),
              opt("MaterialDefinitionID", link.material), quantity("Quantity", link.quantity))
