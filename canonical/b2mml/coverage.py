"""What the B2MML interchange covers, per version and family: the generated docs page.

The page (``reference/b2mml-coverage.md``, built with the docs site) is assembled from the
data the reader itself runs on, so it cannot drift: the nouns read per version
(:data:`~canonical.b2mml.version.NOUNS`), the defaults a plant can declare
(:class:`~canonical.b2mml.defaults.SystemDefaults`), the elements declared not carried
(``data/not-carried.txt``) and the element names of each version (``data/elements-*.txt``),
the writer's entities and versions, and the equipment level default. :data:`FAMILIES` groups
nouns into families; :data:`NOT_SUPPORTED` names the document families no reader maps.
"""

from __future__ import annotations

from dataclasses import dataclass

from canonical.b2mml.defaults import SystemDefaults
from canonical.b2mml.elements import known_elements
from canonical.b2mml.version import NOUNS, Version


@dataclass(frozen=True, slots=True)
class Family:
    """Documents read into one kind of canonical record."""

    name: str
    nouns: tuple[str, ...]
    entities: str  # what the records are
    defaults: tuple[str, ...]  # SystemDefaults fields (and "site") a plant can declare
    exported_as: str = ""  # the writer's entity, when it writes the family


FAMILIES: tuple[Family, ...] = (
    Family("Schedule", ("ProductionSchedule", "OperationsSchedule"),
           "ProductionOrder (operations, components); ProductionOrderPatch with --partial",
           ("site", "order_status", "operation_status", "unit", "amount_keys", "not_carried"),
           "ProductionOrder"),
    Family("Performance", ("ProductionPerformance", "OperationsPerformance"),
           "Operation (confirmations), InventoryTransaction, LaborReport",
           ("site", "operation_status", "storage_location", "unit", "amount_keys",
            "not_carried"), "Operation"),
    Family("Lots", ("MaterialInformation", "MaterialLot", "MaterialSubLot"),
           "Lot (genealogy), QualityResult of lot properties; LotPatch with --partial",
           ("site", "lot_status", "disposition", "unit", "amount_keys", "not_carried"),
           "Lot"),
    Family("Materials", ("MaterialDefinition",), "Material", ("unit", "not_carried")),
    Family("Equipment", ("Equipment", "EquipmentInformation"),
           "Resource (levels through the plant's equipment_levels table)", ("site", "not_carried"),
           "Resource"),
    Family("Tests", ("TestResult", "OperationsTestInformation"), "QualityResult",
           ("site", "not_carried")),
)

#: B2MML document families no reader maps, and why (nouns present per version are listed).
NOT_SUPPORTED: dict[str, str] = {
    "WorkSchedule": "work (maintenance, quality, inventory) requests are no production orders",
    "WorkPerformance": "responses to work schedules",
    "PersonnelInformation": "people and qualifications are not part of the canonical model",
    "ProcessSegmentInformation": "routing master data; orders carry their own operations",
    "ProductInformation": "product definitions (BOM, routing master data)",
    "OperationsDefinitionInformation": "operations definitions (routing master data)",
    "ProductionCapability": "capacity and availability over time",
    "OperationsCapability": "capacity and availability over time",
    "PhysicalAssetInformation": "physical assets (serialised equipment, calibration)",
    "MaintenanceInformation": "maintenance requests and work orders",
    "WorkAlert": "alerts; machine states come from the MES through mapping specs",
    "OperationsEvent": "v7 events; machine states and events come through mapping specs",
    "WorkCalendar": "shift calendars",
}


def families(version: Version) -> list[tuple[Family, tuple[str, ...]]]:
    """Each family with the nouns ``version`` reads for it (families without any left out)."""
    out = []
    for family in FAMILIES:
        read = tuple(n for n in family.nouns if n in NOUNS[version])
        if read:
            out.append((family, read))
    return out


def render_page() -> str:
    """The Markdown of ``reference/b2mml-coverage.md``."""
    from canonical.b2mml.accounting import not_carried
    from canonical.b2mml.specpage import spec_tables
    from canonical.b2mml.writer import versions
    from canonical.mapping.equipment_levels import shipped

    fields = set(SystemDefaults.model_fields)
    out = ["# B2MML coverage\n",
           "Generated from the data the reader and writer run on (nouns read per version, "
           "defaults a plant can declare in `b2mml.yaml`, elements declared not carried, the "
           "writer's versions): this page cannot drift from the code. The mapping of each "
           "field is described in [B2MML interchange](b2mml.md).\n"]
    for version in Version:
        out.append(f"\n## {version.value}\n")
        out.append("| Family | Documents read (mapped) | Canonical records | Defaulted "
                   "(`--plant`, `b2mml.yaml`) | Exported |")
        out.append("| --- | --- | --- | --- | --- |")
        for family, read in families(version):
            defaults = ", ".join("site (the plant of `--plant`)" if d == "site" else f"`{d}`"
                                 for d in family.defaults if d == "site" or d in fields)
            exported = family.exported_as and version.value in versions(family.exported_as)
            out.append(f"| {family.name} | {', '.join(f'`{n}`' for n in read)} | "
                       f"{family.entities} | {defaults} | {'yes' if exported else 'no'} |")
        out.extend(spec_tables(version.value))  # the families mapped by specs, field by field
        known = known_elements(version)
        rows = [(entry, reason) for entry, reason in not_carried().items()
                if entry.partition("/")[2] in known
                and entry.partition("/")[0] in ("*", *known)]
        out.append(f"\n**Not carried** ({len(rows)} declared; reported as info B2M-304 with "
                   "their path):\n")
        out.append("| Element | Why |")
        out.append("| --- | --- |")
        out.extend(f"| `{entry}` | {reason} |" for entry, reason in rows)
        absent = [(noun, why) for noun, why in NOT_SUPPORTED.items() if noun in known]
        out.append("\n**Not supported** (refused with B2M-005, exit 2):\n")
        out.append("| Document | Why |")
        out.append("| --- | --- |")
        out.extend(f"| `{noun}` | {why} |" for noun, why in absent)
    out.append("\n## Equipment levels (shipped default)\n")
    out.append("A plant's `equipment_levels` table overrides a row; a level without a kind is "
               "not carried (info B2M-304): its children are imported under the nearest "
               "carried ancestor.\n")
    out.append("| Level | Resource kind | Note |")
    out.append("| --- | --- | --- |")
    out.extend(f"| `{level}` | {d.kind or 'not carried'} | {d.note} |"
               for level, d in shipped().items())
    return "\n".join(out) + "\n"
