"""A loaded plant: immutable tables with effective-dated inbound and outbound lookups.

``load_plant("DE01")`` (a shipped plant) or ``load_plant("path/to/plant")`` reads the folder
once, runs the governance checks and refuses a plant with error findings
(:class:`~canonical.errors.InvalidPlantError`, carrying the report). Lookups never read
files again.

Row states: ``approved`` rows map both ways; ``deprecated`` rows still map *inbound* (old
messages keep working; :meth:`Plant.lookup_row` returns the row so a caller can warn with
``MAP-102``) but never outbound; ``draft`` rows never map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from canonical.errors import (
    InvalidPlantError,
    UnknownSourceSystemError,
    UnknownTableError,
    UnmappedCodeError,
)
from canonical.mapping.config import PlantConfig, SourceSystem
from canonical.mapping.csvfile import MAX_TABLE_BYTES
from canonical.mapping.index import PlantTable
from canonical.mapping.normalise import Normaliser
from canonical.mapping.rows import MappingRow
from canonical.mapping.source import read_plant_folder, resolve_plant
from canonical.mapping.tables import TABLES
from canonical.report import Report

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)
class Plant:
    """A plant's configuration and loaded tables. Immutable; compare and hash by identity."""

    config: PlantConfig
    folder: Path
    tables: Mapping[str, PlantTable]
    report: Report  # the (warning/info) findings of the load-time check
    zone: ZoneInfo

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def source_systems(self) -> Mapping[str, SourceSystem]:
        return self.config.source_systems

    def today(self) -> date:
        """The current date in the plant's time zone (the default ``on`` of lookups)."""
        return datetime.now(self.zone).date()

    def table(self, name: str) -> PlantTable:
        found = self.tables.get(name)
        if found is None:
            raise UnknownTableError(name, list(TABLES))
        return found

    def system(self, name: str) -> SourceSystem:
        found = self.config.source_systems.get(name)
        if found is None:
            raise UnknownSourceSystemError(self.id, name, list(self.config.source_systems))
        return found

    def normaliser(self, source_system: str, kind: str) -> Normaliser:
        """The declared normalisation of ``kind`` codes (a table name, ``operation_number``...)."""
        return self.system(source_system).normaliser(kind)

    def lookup_row(self, table: str, source_system: str, code: str, *,
                   on: date | None = None) -> MappingRow:
        """The approved (or deprecated) row mapping ``code`` on ``on`` (default: today)."""
        found = self.tables.get(table)
        if found is None:
            raise UnknownTableError(table, list(TABLES))
        by_key = found.inbound.get(source_system)
        normaliser = found.normalisers.get(source_system)
        if normaliser is None:
            self.system(source_system)  # raises for an undeclared system
            raise UnmappedCodeError(self.id, table, source_system, code, on)
        day = self.today() if on is None else on
        validity = by_key.get(normaliser.to_key(code)) if by_key is not None else None
        row = validity.at(day) if validity is not None else None
        if row is None:
            raise UnmappedCodeError(self.id, table, source_system, code, day)
        return row

    def lookup(self, table: str, source_system: str, code: str, *,
               on: date | None = None) -> str:
        """The canonical code for a source code, valid on ``on``; ``UnmappedCodeError`` if none."""
        return self.lookup_row(table, source_system, code, on=on).canonical_code

    def reverse_row(self, table: str, target_system: str, canonical_code: str, *,
                    on: date | None = None) -> MappingRow:
        """The approved outbound row for a canonical code in ``target_system``."""
        found = self.table(table)
        self.system(target_system)
        day = self.today() if on is None else on
        validity = found.outbound.get(target_system, {}).get(canonical_code)
        row = validity.at(day) if validity is not None else None
        if row is None:
            raise UnmappedCodeError(self.id, table, target_system, canonical_code, day,
                                    direction="outbound")
        return row

    def reverse(self, table: str, target_system: str, canonical_code: str, *,
                on: date | None = None) -> str:
        """The target system's code for a canonical code: the row's ``source_code`` after the
        system's outbound steps (``"100100"`` -> ``"000000000000100100"`` for SAP)."""
        row = self.reverse_row(table, target_system, canonical_code, on=on)
        return self.normaliser(target_system, table).to_source(row.source_code)


def load_plant(path_or_name: str | Path, *, max_bytes: int = MAX_TABLE_BYTES) -> Plant:
    """Load a plant folder (or shipped plant id such as ``"DE01"``) once, checked.

    Raises :class:`~canonical.errors.PlantNotFoundError` for an unknown id or path and
    :class:`~canonical.errors.InvalidPlantError` when the check finds errors.
    """
    from canonical.mapping.checks import check_source

    folder = resolve_plant(path_or_name)
    source = read_plant_folder(folder, max_bytes=max_bytes)
    report = check_source(source)
    config = source.config
    if report.errors or config is None:
        raise InvalidPlantError(config.id if config else folder.name, report)
    tables: dict[str, PlantTable] = {}
    for name, spec in TABLES.items():
        data = source.tables.get(name)
        normalisers = {s: system.normaliser(name) for s, system in config.source_systems.items()}
        rows = data.rows if data is not None else ()
        file = data.file if data is not None else f"{source.label}/{name}.csv"
        tables[name] = PlantTable.build(spec, file, rows, normalisers)
    return Plant(config, folder, MappingProxyType(tables), report, config.zone)
