"""Resources -> ``EquipmentInformation`` in B2MML V0401, V0600 or v7.

Each resource is one ``Equipment``; a resource whose parent is in the same document is
nested in it (``Equipment`` in V0401/V0600, ``EquipmentChild`` in v7). The kind is written
as the level :func:`~canonical.mapping.equipment_levels.level_for` gives (``Other`` with
``OtherValue`` for tool and labor pool), the name as ``Description``, the state as the
``EquipmentProperty`` ``state``. The plant is the Site of the hierarchy scope (V0600, v7)
or location (V0401); a parent outside the document is the entry below it, so the reader
gives the same parent back. ISA-95 places every level below a site, so a resource other
than a site without a parent reads back with its site as parent (warning B2M-203).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from canonical.b2mml import rules
from canonical.b2mml.version import Version
from canonical.b2mml.writer.xml import el
from canonical.mapping import equipment_levels
from canonical.models import Resource
from canonical.report import Finding

Make = Callable[..., etree._Element]


def document(resources: list[Resource], version: Version, doc_id: str,
             findings: list[Finding]) -> etree._Element:
    """One ``EquipmentInformation`` holding ``resources`` as a tree."""
    def make(name: str, *children: etree._Element | None,
             text: str | None = None) -> etree._Element:
        return el(name, *children, text=text, ns=version.namespace)

    index = {r.id: i for i, r in enumerate(resources)}
    below: dict[str | None, list[Resource]] = {}
    for res in resources:
        inside = res.parent if res.parent in index and res.parent != res.id else None
        below.setdefault(inside, []).append(res)
    written: set[str] = set()

    def equipment(res: Resource, tag: str) -> etree._Element:
        written.add(res.id)
        child_tag = "EquipmentChild" if version is Version.V7 else "Equipment"
        children = [equipment(c, child_tag) for c in below.get(res.id, [])
                    if c.id not in written]
        return _equipment(make, version, res, tag, res.parent not in index, children)

    roots = [equipment(r, "Equipment") for r in below.get(None, [])]
    for res in resources:
        if res.id not in written:  # a cycle of parents: no place in a tree
            findings.append(rules.NOT_WRITABLE.finding(
                f"resource {res.id!r} is in a cycle of parents; not written",
                path="$.parent", value=res.parent).located(record=index[res.id]))
        elif res.parent is None and res.kind.value != "site":
            findings.append(rules.DROPPED_FIELD.finding(
                f"resource {res.id!r} has no parent; B2MML places it in site {res.plant!r}, "
                "which reads back as its parent", path="$.parent").located(record=index[res.id]))
    return make("EquipmentInformation", make("ID", text=doc_id), *roots)


def _level(make: Make, name: str, kind: str) -> etree._Element:
    word, other = equipment_levels.level_for(kind)
    level = make(name, text=word)
    if other is not None:
        level.set("OtherValue", other)
    return level


def _scope(make: Make, version: Version, res: Resource, outside: bool) -> etree._Element | None:
    """Site (the plant), then a parent outside the document (level Other). A site whose
    id is its plant needs none."""
    site = res.kind.value == "site"
    if site and res.plant == res.id:
        return None
    nested = {Version.V0401: "Location", Version.V0600: "HierarchyScope",
              Version.V7: "HierarchyScopeChild"}[version]
    top = "Location" if version is Version.V0401 else "HierarchyScope"
    level = "EquipmentLevel" if version is Version.V7 else "EquipmentElementLevel"
    inner: list[etree._Element] = []
    if outside and not site and res.parent is not None and res.parent != res.plant:
        inner.append(make(nested, make("EquipmentID", text=res.parent),
                          make(level, text=equipment_levels.OTHER)))
    if version is Version.V0401:  # V0401: the innermost Location names the equipment itself
        own = make("Location", make("EquipmentID", text=res.id),
                   _level(make, "EquipmentElementLevel", res.kind.value))
        if inner:
            inner[0].append(own)
        else:
            inner.append(own)
    return make(top, make("EquipmentID", text=res.plant), make(level, text="Site"), *inner)


def _equipment(make: Make, version: Version, res: Resource, tag: str, outside: bool,
               children: list[etree._Element]) -> etree._Element:
    unit = make("UnitOfMeasure") if version is Version.V0401 else None  # required there
    state = make("EquipmentProperty", make("ID", text="state"), make(
        "Value", make("ValueString", text=res.state.value), make("DataType", text="Code"), unit))
    head = (make("ID", text=res.id), make("Description", text=res.name))
    if version is Version.V0401:
        location = _scope(make, version, res, outside)
        if location is None:  # a site that is its own plant
            location = make("Location", make("EquipmentID", text=res.id),
                            make("EquipmentElementLevel", text="Site"))
        return make(tag, *head, state, *children, location)
    scope = _scope(make, version, res, outside)
    if version is Version.V0600:
        level = make("EquipmentLevel", make("EquipmentID", text=res.id),
                     _level(make, "EquipmentElementLevel", res.kind.value))
        return make(tag, *head, scope, level, state, *children)
    return make(tag, *head, scope, _level(make, "EquipmentLevel", res.kind.value), state,
                *children)
