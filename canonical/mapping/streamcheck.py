"""The governance check of a plant folder, row by row: memory grows with the rows that share
a key, not with the tables (``canon mappings check`` on tables of a million rows).

Each table file is read twice, one row at a time:

1. every row passes the per-row checks (its cells while reading, then its canonical values);
   of each key a rule across rows groups by (source key; canonical code per outbound system
   among approved two-way rows; precedence per system; canonical code for the consistent
   columns), a 64-bit hash is remembered (:class:`Repeats`, 8 bytes per row and key); the
   canonical codes of the tables that reference columns name (resources, locations) are
   collected;
2. the rows whose key hash occurs more than once are kept, and reference columns are
   checked row by row. The rules across rows then run on the kept rows: the functions of
   the whole-table check (:mod:`~canonical.mapping.checks`), so the findings are the same,
   in the same order (a test compares both). A hash collision only keeps a row too many:
   the rules compare the real values.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from pathlib import Path

from canonical.mapping import checks
from canonical.mapping.csvfile import MAX_TABLE_BYTES
from canonical.mapping.rows import Direction, MappingRow, RowStatus
from canonical.mapping.source import PlantSource, TableData, read_plant_folder
from canonical.mapping.tables import TABLES, TableSpec
from canonical.report import Finding, Report

_PARTS = 256


class Repeats:
    """64-bit hashes of keys (8 bytes each) and which of them occur more than once."""

    def __init__(self) -> None:
        self._parts = [array("q") for _ in range(_PARTS)]

    def add(self, key: object) -> None:
        fingerprint = hash(key)
        self._parts[fingerprint % _PARTS].append(fingerprint)

    def repeated(self) -> set[int]:
        """The hashes added more than once (the hashes themselves are released)."""
        found: set[int] = set()
        for number, part in enumerate(self._parts):
            previous = None
            for fingerprint in sorted(part):  # a 256th of the hashes at a time
                if fingerprint == previous:
                    found.add(fingerprint)
                previous = fingerprint
            self._parts[number] = array("q")
        return found


def _keys(spec: TableSpec, row: MappingRow) -> Iterator[tuple[object, ...]]:
    """The keys the rules across rows group ``row`` by (see :mod:`~canonical.mapping.checks`;
    reverse ambiguity is keyed for every system, the check itself keeps outbound ones)."""
    yield 0, row.source_system, row.key  # duplicates and overlapping validity
    if row.status is RowStatus.DRAFT:
        return
    if row.status is RowStatus.APPROVED and row.direction is Direction.BOTH:
        yield 1, row.source_system, row.canonical_code  # reverse ambiguity
    precedence = row.extra.get("precedence") if row.extra else None
    if precedence is not None:
        yield 2, row.source_system, precedence  # precedence ties
    if row.extra and any(c.consistent for c in spec.extras):
        yield 3, row.canonical_code  # inconsistent attributes


class _Table:
    """What the two reads remember of one table."""

    def __init__(self, spec: TableSpec, file: str) -> None:
        self.data = TableData(spec, file, (), ())
        self.values = checks.value_checker(self.data)
        self.references = checks.reference_checker(self.data, {})
        self.columns = checks.reference_columns(self.data)
        self.seen = Repeats()
        self.repeated: set[int] = set()
        self.found: list[Finding] = []  # canonical values (first read)
        self.referencing: list[Finding] = []  # references (second read)


def check_folder(folder: Path, *, max_bytes: int = MAX_TABLE_BYTES) -> tuple[PlantSource, Report]:
    """:func:`~canonical.mapping.checks.read_and_check` of ``folder`` in bounded memory; the
    source returned holds only the rows the rules across rows needed."""
    tables: dict[str, _Table] = {}
    targets = {c.references for spec in TABLES.values() for c in spec.extras if c.references}
    codes: dict[str, tuple[set[str], set[str]]] = {}

    def first(spec: TableSpec, file: str, row: MappingRow) -> bool:
        table = tables.get(spec.name)
        if table is None:
            table = tables[spec.name] = _Table(spec, file)
        table.found.extend(table.values(row))
        for key in _keys(spec, row):
            table.seen.add(key)
        if spec.name in targets:
            live, drafts = codes.setdefault(spec.name, (set(), set()))
            (drafts if row.status is RowStatus.DRAFT else live).add(row.canonical_code)
        return False

    source = read_plant_folder(folder, max_bytes=max_bytes, keep=first)
    known = {name: (live, drafts - live) for name, (live, drafts) in codes.items()}
    for table in tables.values():
        table.repeated = table.seen.repeated()
        table.references = checks.reference_checker(table.data, known)

    def second(spec: TableSpec, file: str, row: MappingRow) -> bool:
        table = tables.get(spec.name)
        if table is None:  # the file changed between the reads: its first read counts
            return False
        for column in table.columns:
            table.referencing.extend(table.references(column, row))
        return any(hash(key) in table.repeated for key in _keys(spec, row))

    kept = read_plant_folder(folder, max_bytes=max_bytes, keep=second)
    source = PlantSource(source.folder, source.label, source.config, kept.tables, source.report)
    return source, checks.check_source(
        source, values={name: t.found for name, t in tables.items()},
        references=[f for name in source.tables if name in tables
                    for f in tables[name].referencing])
