"""Per-plant suites: a native extract may only use codes its plant's mapping tables map.

A *native* extract has the canonical extract layout but still carries the plant's own codes
(SAP material numbers, ``ST`` / ``KG`` units, ``REL PCNF`` status flags). For each column
that a mapping table translates, the plant suite expects every value to be a source code
of a row that maps inbound on the given date (``MAP-110``, error); a code that only a
*deprecated* row maps is ``MAP-102`` (warning). Codes are matched as the table writes them
or in the source system's normalised form (``strip_leading_zeros``...); any other spelling
is reported. A status column of a system with a ``status_separator`` holds a set of flags,
checked with a regular expression over the mapped flags.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from canonical.mapping import Plant, RowStatus, load_plant
from canonical.mapping import rules as m
from canonical.mapping.source import resolve_plant
from canonical.report import Finding
from canonical.validation.batch.suite import Expectation, Suite, load_suite

#: Column -> mapping table, for every extract (a column absent from an extract is ignored).
COLUMN_TABLES: dict[str, str] = {
    "material": "materials",
    "base_unit": "units",
    "resource": "resources",
    "reason_code": "reason_codes",
    "characteristic": "quality_characteristics",
    "from_location": "locations",
    "to_location": "locations",
}
#: Extract-specific columns (the same column name means different tables elsewhere).
EXTRACT_TABLES: dict[str, dict[str, str]] = {
    "ProductionOrder": {"status": "order_statuses"},
    "Operation": {"status": "operation_statuses"},
    "Lot": {"status": "lot_statuses"},
    "Resource": {"id": "resources", "parent": "resources"},
}
STATUS_TABLES = frozenset({"order_statuses", "operation_statuses", "lot_statuses"})


def tables_for(suite: Suite) -> dict[str, str]:
    """Which mapping table checks each column of this extract."""
    found: dict[str, str] = {}
    for col in suite.columns:
        table = EXTRACT_TABLES.get(suite.extract, {}).get(col.name) or COLUMN_TABLES.get(col.name)
        if table is None and col.kind == "unit":
            table = "units"
        if table is not None:
            found[col.name] = table
    return found


def plant_expectations(suite: Suite, plant: str, *, source_system: str | None = None,
                       on: date | None = None) -> tuple[list[Expectation], list[Finding]]:
    """The plant's expectations for a native extract, and notes (e.g. no rows for a table)."""
    loaded = _plant(resolve_plant(plant).resolve())  # by folder: "PL07" differs per cwd
    systems = (source_system,) if source_system else tuple(sorted(loaded.source_systems))
    for system in systems:
        loaded.system(system)  # UnknownSourceSystemError for a system the plant lacks
    day = on or loaded.today()
    return _build(suite.extract, loaded, systems, day)


@cache
def _plant(folder: Path) -> Plant:
    """A plant folder loads once per process (its tables are immutable once loaded)."""
    return load_plant(folder)


@cache
def _build(extract: str, plant: Plant, systems: tuple[str, ...],
           day: date) -> tuple[list[Expectation], list[Finding]]:
    suite = load_suite(extract)
    expectations: list[Expectation] = []
    notes: list[Finding] = []
    for column, table in tables_for(suite).items():
        accepted, deprecated = _codes(plant, table, systems, day)
        if not accepted:
            notes.append(m.UNMAPPED_IN_DATA.finding(
                f"plant {plant.id} table {table!r} maps no {'/'.join(systems)} code on "
                f"{day.isoformat()}; every value of column {column!r} is unmapped",
                path=column))
        separators = {plant.system(s).status_separator for s in systems} - {None}
        if table in STATUS_TABLES and separators:
            expectations.append(Expectation(
                "expect_column_values_to_match_regex",
                {"column": column, "regex": _flags(accepted, separators)},
                m.UNMAPPED_IN_DATA.id))
        else:
            expectations.append(Expectation(
                "expect_column_values_to_be_in_set",
                {"column": column, "value_set": sorted(accepted)}, m.UNMAPPED_IN_DATA.id))
        if deprecated:
            expectations.append(Expectation(
                "expect_column_values_to_not_be_in_set",
                {"column": column, "value_set": sorted(deprecated)}, m.DEPRECATED_USED.id))
    return expectations, notes


def _codes(plant: Plant, table: str, systems: tuple[str, ...],
           day: date) -> tuple[set[str], set[str]]:
    """Codes mapped inbound on ``day`` (as written and normalised), and those only deprecated."""
    accepted: set[str] = set()
    live: set[str] = set()
    old: set[str] = set()
    for row in plant.table(table).rows:
        if row.source_system not in systems or row.status is RowStatus.DRAFT:
            continue
        if not row.valid_on(day):
            continue
        spellings = {row.source_code, row.key}
        accepted |= spellings
        (live if row.status is RowStatus.APPROVED else old).update(spellings)
    return accepted, old - live


def _flags(codes: set[str], separators: set[str | None]) -> str:
    flag = "(?:" + "|".join(re.escape(c) for c in sorted(codes, key=lambda c: (-len(c), c))) + ")"
    seps = "".join(re.escape(s) for s in sorted(s for s in separators if s))
    return f"^{flag}(?:[{seps}]+{flag})*$"
