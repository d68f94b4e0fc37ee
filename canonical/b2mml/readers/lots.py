"""Material lots and sublots -> lots with assembly genealogy (and lot test results).

A lot's status is B2MML's free-text ``Status`` (a canonical LotStatus word, or a plant's
``lot_statuses`` row). Dates, supplier, supplier lot, producing order, disposition and
serial numbers travel as ``MaterialLotProperty`` (ids ``manufactured_on``, ``expires_on``,
``supplier``, ``supplier_lot``, ``order``, ``disposition``, ``serial_numbers``). Assembly
genealogy is ``AssemblyLot`` (v7) / ``AssemblyLotID`` (V0600), each naming a parent lot,
its material and the quantity consumed. A sublot becomes a lot of its own whose genealogy
names the lot it was split from (its material, plant and, when it has none, status are
inherited). ``TestResult`` elements under lot properties (V0401, V0600) are quality results.
"""

from __future__ import annotations

from typing import Any

from canonical.b2mml import defaults, quantities, rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers import materials, tests
from canonical.b2mml.readers.properties import properties
from canonical.b2mml.readers.scope import site_of
from canonical.models import CanonicalModel, Lot, LotDisposition, LotStatus

_PROPERTIES = ("MaterialLotProperty", "MaterialSublotProperty")
_SUBLOTS = ("MaterialSubLot", "MaterialSubLotChild")
_TEXT_PROPERTIES = ("supplier", "supplier_lot", "order")
_DATE_PROPERTIES = ("manufactured_on", "expires_on")


def read_information(ctx: Context, info: Node) -> list[CanonicalModel]:
    plant = site_of(info)
    out: list[CanonicalModel] = []
    for definition in info.children("MaterialDefinition"):
        out.extend(materials.read(ctx, definition))
    for lot in info.children("MaterialLot"):
        out.extend(_lot(ctx, lot, plant))
    for sublot in info.children("MaterialSubLot"):
        out.extend(_sublot(ctx, sublot, None, plant))
    return out


def read_lot_document(ctx: Context, lot: Node) -> list[CanonicalModel]:
    return _lot(ctx, lot, None)


def read_sublot_document(ctx: Context, sublot: Node) -> list[CanonicalModel]:
    return _sublot(ctx, sublot, None, None)


def _lot(ctx: Context, lot: Node, inherited_plant: str | None) -> list[CanonicalModel]:
    start = ctx.errors()
    plant = site_of(lot, inherited_plant)
    data: dict[str, Any] = {
        "id": ctx.ident(lot, "ID", what="lot ID"),
        "material": ctx.ident(lot, "MaterialDefinitionID", required=not ctx.partial),
        "plant": _plant(ctx, lot, plant),
        "quantity": _quantity(ctx, lot),
        "status": _status(ctx, lot, None),
    }
    _properties(ctx, lot, data)
    _disposition(ctx, lot, data)
    genealogy = _genealogy(ctx, lot)
    if genealogy:
        data["genealogy"] = genealogy
    out: list[CanonicalModel] = []
    if ctx.errors() == start:
        built = ctx.build(Lot, data, lot)
        if built is not None:
            out.append(built)
    out.extend(tests.from_lot_properties(ctx, lot, data["id"], plant))
    parent = {"id": data["id"], "material": data["material"], "plant": plant,
              "status": lot.child("Status")}
    for sublot in lot.children(*_SUBLOTS):
        out.extend(_sublot(ctx, sublot, parent, plant))
    return out


def _sublot(ctx: Context, sublot: Node, parent: dict[str, Any] | None,
            inherited_plant: str | None) -> list[CanonicalModel]:
    start = ctx.errors()
    plant = site_of(sublot, inherited_plant)
    material = parent["material"] if parent else None
    if parent is None:
        owner = ctx.text(sublot, "MaterialLotID")
        parent = {"id": owner, "material": None, "plant": plant, "status": None}
    sub_id = ctx.ident(sublot, "ID", what="sublot ID")
    quantity = _quantity(ctx, sublot)
    data: dict[str, Any] = {
        "id": sub_id, "material": material, "plant": _plant(ctx, sublot, plant),
        "quantity": quantity, "status": _status(ctx, sublot, parent["status"]),
    }
    if material is None and not ctx.partial:
        ctx.add(rules.MISSING_FIELD, "a sublot outside its lot carries no material; send it "
                "inside its MaterialLot", sublot)
    _properties(ctx, sublot, data)
    _disposition(ctx, sublot, data)
    genealogy = _genealogy(ctx, sublot)
    if parent["id"] is not None and quantity is not None:
        genealogy.insert(0, {"parent_lot": parent["id"], "material": material,
                             "quantity": quantity})
    if genealogy:
        data["genealogy"] = genealogy
    out: list[CanonicalModel] = []
    if ctx.errors() == start:
        built = ctx.build(Lot, data, sublot)
        if built is not None:
            out.append(built)
    out.extend(tests.from_lot_properties(ctx, sublot, sub_id, plant))
    child_parent = {"id": sub_id, "material": material, "plant": plant,
                    "status": sublot.child("Status") or parent["status"]}
    for child in sublot.children(*_SUBLOTS):
        out.extend(_sublot(ctx, child, child_parent, plant))
    return out


def _plant(ctx: Context, node: Node, plant: str | None) -> str | None:
    return ctx.site(node, plant, "the lot's plant")


def _quantity(ctx: Context, node: Node) -> dict[str, str] | None:
    qty = quantities.select(ctx, node)
    if qty is None:
        if not node.children("Quantity"):
            ctx.required(node, "Quantity", f"<{node.name}> has no Quantity")
        return None
    return ctx.quantity(qty)


def _status(ctx: Context, node: Node, inherited: Node | None) -> str | None:
    status = node.child("Status") or inherited
    if status is None:
        default = ctx.defaults.lot_status
        return ctx.defaulted(node, "Status", default and default.value, "the lot status",
                             patchable=True)
    return ctx.word(status, "lot_statuses", {}, [s.value for s in LotStatus], "lot Status")


def _properties(ctx: Context, node: Node, data: dict[str, Any]) -> None:
    props = properties(node, *_PROPERTIES)
    for name in _TEXT_PROPERTIES:
        if (prop := props.get(name.replace("_", ""))) is not None and prop.text():
            data[name] = prop.text()
    for name in _DATE_PROPERTIES:
        if (prop := props.get(name.replace("_", ""))) is not None and prop.text():
            data[name] = ctx.date_value(prop.node, prop.text() or "")
    if (prop := props.get("disposition")) is not None and prop.text():
        word = prop.text() or ""
        if word in {d.value for d in LotDisposition}:
            data["disposition"] = word
        else:
            ctx.add(rules.UNMAPPED_STATUS, f"disposition {word!r} is not a canonical "
                    "LotDisposition", prop.node, value=word)
    if (prop := props.get("serialnumbers")) is not None and prop.texts():
        data["serial_numbers"] = prop.texts()


def _disposition(ctx: Context, node: Node, data: dict[str, Any]) -> None:
    """The plant's declared disposition for a quarantined, blocked or rejected lot that
    names none (B2M-301). Without one the lot has no disposition: the decision is open."""
    default = ctx.defaults.disposition
    if default is None or ctx.partial or data.get("disposition") is not None \
            or data.get("status") not in defaults.DISPOSED:
        return
    ctx.add(rules.PLANT_DEFAULT, f"a {data['status']} lot without disposition; the plant's "
            f"declared default {default.value!r} (b2mml.yaml) is used", node,
            value=default.value, suffix="/MaterialLotProperty[ID='disposition']")
    data["disposition"] = default.value


def _genealogy(ctx: Context, node: Node) -> list[dict[str, Any]]:
    links: list[dict[str, Any]] = []
    for parent in node.children("AssemblyLot", "AssemblySubLot", "AssemblyLotID",
                                "AssemblySubLotID"):
        link: dict[str, Any] = {"parent_lot": ctx.ident(parent, "ID", what="assembly lot ID"),
                                "quantity": _quantity(ctx, parent)}
        if (material := ctx.text(parent, "MaterialDefinitionID")) is not None:
            link["material"] = material
        links.append(link)
    return links
