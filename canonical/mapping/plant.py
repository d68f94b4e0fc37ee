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

from dataclasses import dataclass, field
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
from canonical.mapping.index import InboundLookup, PlantTable, row_on
from canonical.mapping.normalise import Normaliser
from canonical.mapping.rows import MappingRow
from canonical.mapping.source import PlantSource, resolve_plant
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
    _inbound: Mapping[tuple[str, str], InboundLookup] = field(repr=False)

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
        entry = self._inbound.get((table, source_system))
        if entry is None:
            self.table(table)
            self.system(source_system)  # one of the two raises
        assert entry is not None
        day = self.today() if on is None else on
        row = row_on(entry.entry(code), day) if type(code) is str else None
        if row is not None:
            return row
        raise UnmappedCodeError(self.id, table, source_system, str(code), day)

    def lookup(self, table: str, source_system: str, code: str, *,
               on: date | None = None) -> str:
        """The canonical code for a source code, valid on ``on``; ``UnmappedCodeError`` if none."""
        entry = self._inbound.get((table, source_system))
        if entry is not None and on is not None:  # fast path: the code as the table spells it
            row = row_on(entry.raw.get(code), on)
            if row is not None:
                return row.canonical_code
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


def load_plant(path_or_name: str | Path, *, max_bytes: int = MAX_TABLE_BYTES,
               release: str | None = None) -> Plant:
    """Load a plant folder (or shipped plant id such as ``"DE01"``) once, checked.

    ``release="2025.4.0"`` loads that released snapshot of the plant instead of the working
    folder (tables, specs and plant.yaml exactly as released, checksums verified), so a
    replayed message maps as it did when it was first sent.

    Raises :class:`~canonical.errors.PlantNotFoundError` for an unknown id or path,
    :class:`~canonical.errors.PlantReleaseError` for a release that does not exist or was
    modified, and :class:`~canonical.errors.InvalidPlantError` when the check finds errors.
    """
    from canonical.mapping.checks import read_and_check

    folder = resolve_plant(path_or_name)
    if release is not None:
        from canonical.mapping.snapshots import release_folder

        folder = release_folder(folder, release)
    return plant_from(*read_and_check(folder, max_bytes=max_bytes))


def plant_from(source: PlantSource, report: Report) -> Plant:
    """The :class:`Plant` of a folder already read and checked (``report``: its table checks).

    Raises :class:`~canonical.errors.InvalidPlantError` when the report has errors.
    """
    folder = source.folder
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
    inbound = {(name, system): lookup for name, table in tables.items()
               for system, lookup in table.lookups.items()}
    return Plant(config, folder, MappingProxyType(tables), report, config.zone, inbound)
