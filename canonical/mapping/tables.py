"""The catalogue of mapping tables: names, columns and what their canonical codes must be.

Every table is one CSV file ``<name>.csv`` in a plant folder. All tables share the
:data:`COMMON_COLUMNS`; each table may declare its own extra columns
(:class:`ExtraColumn`), and plants may add free columns whose names start with ``x_``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class ColumnKind(StrEnum):
    """How the value of a table-specific column is checked."""

    TEXT = "text"
    INTEGER = "integer"  # a whole number such as a status precedence
    DECIMAL = "decimal"  # an exact positive decimal such as a packaging factor
    UNIT = "unit"  # a canonical UN/ECE Rec 20 unit code
    ENUM = "enum"  # a value of an enum of the canonical schema
    CHOICE = "choice"  # one of a fixed list of words
    REFERENCE = "reference"  # a canonical code defined in another (or the same) table


class CanonicalKind(StrEnum):
    """What a table's ``canonical_code`` must be."""

    UNIT = "unit"  # a canonical unit code
    ENUM = "enum"  # a permissible value of a schema enum
    IDENTIFIER = "identifier"  # a canonical Identifier (1-64 chars, no outer whitespace)


@dataclass(frozen=True, slots=True)
class ExtraColumn:
    """A table-specific column."""

    name: str
    kind: ColumnKind
    required: bool = False
    enum: str = ""  # ColumnKind.ENUM: schema enum name
    choices: tuple[str, ...] = ()  # ColumnKind.CHOICE: allowed words
    references: str = ""  # ColumnKind.REFERENCE: table whose canonical codes it names
    consistent: bool = False  # must agree across all rows with the same canonical code
    description: str = ""


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One mapping table of the catalogue."""

    name: str
    description: str
    canonical: CanonicalKind
    enum: str = ""  # CanonicalKind.ENUM: schema enum name
    extras: tuple[ExtraColumn, ...] = ()
    #: what applies when a plant has no such table (a shipped default); "" = nothing maps
    default: str = ""

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column this table knows (common, optional and extra)."""
        return COMMON_COLUMNS + OPTIONAL_COLUMNS + tuple(c.name for c in self.extras)

    @property
    def required(self) -> tuple[str, ...]:
        return COMMON_COLUMNS + tuple(c.name for c in self.extras if c.required)

    def extra(self, name: str) -> ExtraColumn | None:
        return next((c for c in self.extras if c.name == name), None)


#: Columns every table must have, in the recommended order.
COMMON_COLUMNS: tuple[str, ...] = (
    "source_system", "source_code", "canonical_code", "valid_from", "valid_to",
    "status", "owner", "approved_by", "note",
)
#: Columns every table may have: ``direction`` is ``both`` (default) or ``inbound``.
OPTIONAL_COLUMNS: tuple[str, ...] = ("direction",)
#: Prefix of free plant-specific columns (kept, never checked).
FREE_COLUMN_PREFIX = "x_"

_PRECEDENCE = ExtraColumn(
    "precedence", ColumnKind.INTEGER,
    description="Higher wins when a source status is a set of flags (SAP 'REL PCNF').",
)

_TABLES = (
    TableSpec("materials", "Items: source material numbers to canonical material ids.",
              CanonicalKind.IDENTIFIER, extras=(
                  ExtraColumn("base_unit", ColumnKind.UNIT, consistent=True),
                  ExtraColumn("type", ColumnKind.ENUM, enum="MaterialType", consistent=True),
                  ExtraColumn("description", ColumnKind.TEXT),
              )),
    TableSpec("units", "Plant unit codes to canonical UN/ECE Rec 20 unit codes.",
              CanonicalKind.UNIT, extras=(
                  ExtraColumn("factor", ColumnKind.DECIMAL,
                              description="1 source unit = factor x factor_unit (packaging)."),
                  ExtraColumn("factor_unit", ColumnKind.UNIT),
              )),
    TableSpec("order_statuses", "Order status words or flags to OrderStatus.",
              CanonicalKind.ENUM, enum="OrderStatus", extras=(_PRECEDENCE,)),
    TableSpec("operation_statuses", "Operation status words or flags to OperationStatus.",
              CanonicalKind.ENUM, enum="OperationStatus", extras=(_PRECEDENCE,)),
    TableSpec("lot_statuses", "Batch / lot status words to LotStatus.",
              CanonicalKind.ENUM, enum="LotStatus", extras=(_PRECEDENCE,)),
    TableSpec("resources", "Work centers and equipment to canonical resource ids.",
              CanonicalKind.IDENTIFIER, extras=(
                  ExtraColumn("kind", ColumnKind.ENUM, required=True, enum="ResourceKind",
                              consistent=True),
                  ExtraColumn("parent", ColumnKind.REFERENCE, references="resources",
                              consistent=True),
                  ExtraColumn("name", ColumnKind.TEXT),
              )),
    TableSpec("reason_codes", "Scrap, downtime, adjustment and rework reasons.",
              CanonicalKind.IDENTIFIER, extras=(
                  ExtraColumn("category", ColumnKind.CHOICE, required=True, consistent=True,
                              choices=("scrap", "downtime", "adjustment", "rework", "labor")),
              )),
    TableSpec("quality_characteristics", "Inspection characteristics.",
              CanonicalKind.IDENTIFIER, extras=(
                  ExtraColumn("kind", ColumnKind.CHOICE, choices=("variable", "attribute"),
                              consistent=True),
                  ExtraColumn("unit", ColumnKind.UNIT, consistent=True),
              )),
    TableSpec("locations", "Storage locations, warehouses and line-side stock.",
              CanonicalKind.IDENTIFIER, extras=(
                  ExtraColumn("parent", ColumnKind.REFERENCE, references="locations",
                              consistent=True),
                  ExtraColumn("name", ColumnKind.TEXT),
              )),
    # 1.1.0 (issue 17): machine stops, defects, labour activities
    TableSpec("downtime_reasons", "Why a resource stopped (EquipmentStateChange.reason_code).",
              CanonicalKind.IDENTIFIER, extras=(
                  ExtraColumn("state", ColumnKind.CHOICE, required=True, consistent=True,
                              choices=("down", "maintenance"),
                              description="The ResourceState the reason stops a resource in."),
                  ExtraColumn("planned", ColumnKind.CHOICE, consistent=True,
                              choices=("planned", "unplanned"),
                              description="Planned stops do not count against availability."),
              )),
    TableSpec("defect_codes", "Defect codes of nonconformances (Nonconformance.defect_code).",
              CanonicalKind.IDENTIFIER, extras=(
                  ExtraColumn("severity", ColumnKind.ENUM, enum="NonconformanceSeverity",
                              consistent=True,
                              description="The severity a nonconformance with this defect "
                                          "usually gets (the record states its own)."),
                  ExtraColumn("category", ColumnKind.TEXT),
              )),
    TableSpec("activities", "Labour activity codes to LaborActivity.",
              CanonicalKind.ENUM, enum="LaborActivity"),
    # issue 15 (b2-field): B2MML equipment levels; a shipped default applies without the table
    TableSpec("equipment_levels", "ISA-95 equipment levels (B2MML EquipmentLevel, or the "
              "OtherValue of Other) to ResourceKind; overrides the shipped default.",
              CanonicalKind.ENUM, enum="ResourceKind",
              default="the shipped ISA-95 default (canonical.mapping.equipment_levels) applies"),
)

#: Every table, by name, in documentation order.
TABLES: MappingProxyType[str, TableSpec] = MappingProxyType({t.name: t for t in _TABLES})
