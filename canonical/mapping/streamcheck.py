"""The governance check of a plant folder, row by row: memory grows with the rows that share
a key and are not read yet, not with the tables (``canon mappings check`` on tables of a
million rows).

Each table file is read twice, one row at a time:

1. every row passes the per-row checks (its cells while reading, then its canonical values);
   of each key a rule across rows groups by (source key; canonical code per system among
   approved two-way rows; precedence per system; canonical code for the consistent
   columns), a 32-bit hash is remembered (:class:`Repeats`, 4 bytes per row and key); the
   canonical codes of the tables that reference columns name (resources, locations) are
   collected;
2. reference columns are checked row by row, and the rows whose key hash occurs more than
   once are held in their group until its last row is read; the group's rule then runs on
   it (the function of the whole-table check, :func:`~canonical.mapping.checks.table_checks`)
   and the rows are let go. Same findings, same order as the whole-table check (a test
   compares both); a hash collision only puts unrelated rows in one group, which the rule
   tells apart by their real keys.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
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
    """32-bit hashes of keys (4 bytes each), then how often each repeated one occurs.

    :meth:`add` every key, :meth:`count` once, then :meth:`get`. A hash shared by two keys
    (a few hundred pairs in a million keys) only puts their rows in one group: harmless.
    """

    def __init__(self) -> None:
        self._parts = [array("I") for _ in range(_PARTS)]
        self._keys = [array("I") for _ in range(_PARTS)]  # repeated hashes, sorted, per part
        self._counts = [array("I") for _ in range(_PARTS)]

    @staticmethod
    def fingerprint(key: object) -> int:
        return hash(key) & 0xFFFFFFFF

    def add(self, key: object) -> None:
        fingerprint = self.fingerprint(key)
        self._parts[fingerprint % _PARTS].append(fingerprint)

    def count(self) -> None:
        """Count the hashes added more than once (and let the others go)."""
        for number, part in enumerate(self._parts):
            keys, counts = self._keys[number], self._counts[number]
            previous, run = -1, 0
            for fingerprint in sorted(part):  # a 256th of the hashes at a time
                if fingerprint == previous:
                    run += 1
                    continue
                if run > 1:
                    keys.append(previous)
                    counts.append(run)
                previous, run = fingerprint, 1
            if run > 1:
                keys.append(previous)
                counts.append(run)
            self._parts[number] = array("I")

    def get(self, fingerprint: int) -> int | None:
        """How often a repeated hash was added (``None``: once)."""
        number = fingerprint % _PARTS
        keys = self._keys[number]
        at = bisect_left(keys, fingerprint)
        return self._counts[number][at] if at < len(keys) and keys[at] == fingerprint else None


def _keys(spec: TableSpec, row: MappingRow) -> Iterator[tuple[str, *tuple[str, ...]]]:
    """The keys the rules across rows group ``row`` by (see :mod:`~canonical.mapping.checks`;
    reverse ambiguity is keyed for every system, the check itself keeps outbound ones)."""
    yield "duplicates", row.source_system, row.key  # duplicates and overlapping validity
    if row.status is RowStatus.DRAFT:
        return
    if row.status is RowStatus.APPROVED and row.direction is Direction.BOTH:
        yield "reverse", row.source_system, row.canonical_code
    precedence = row.extra.get("precedence") if row.extra else None
    if precedence is not None:
        yield "precedence", row.source_system, precedence  # precedence ties
    if row.extra and any(c.consistent for c in spec.extras):
        yield "consistency", row.canonical_code  # inconsistent attributes


class _Table:
    """What the two reads remember of one table."""

    def __init__(self, spec: TableSpec, file: str) -> None:
        self.data = TableData(spec, file, (), ())
        self.values = checks.value_checker(self.data)
        self.references = checks.reference_checker(self.data, {})
        self.columns = checks.reference_columns(self.data)
        self.seen = Repeats()
        self.groups: dict[tuple[str, int], list[MappingRow]] = {}  # rows held, per key
        self.found: dict[str, list[Finding]] = {"values": []}  # per check of the table
        self.referencing: list[Finding] = []  # references (second read)

    def hold(self, row: MappingRow, run: dict[str, checks.TableCheck]) -> None:
        """Hold ``row`` in its groups; run a group's check when its last row is read."""
        for key in _keys(self.data.spec, row):
            fingerprint = Repeats.fingerprint(key)
            count = self.seen.get(fingerprint)
            if count is None:
                continue
            group = self.groups.setdefault((key[0], fingerprint), [])
            group.append(row)
            if len(group) == count:
                self._run(key[0], fingerprint, run)

    def _run(self, kind: str, fingerprint: int, run: dict[str, checks.TableCheck]) -> None:
        rows = self.groups.pop((kind, fingerprint))
        check = run.get(kind)
        if check is not None:
            found = self.found.setdefault(kind, [])
            found.extend(check(TableData(self.data.spec, self.data.file, (), tuple(rows))))

    def finish(self, run: dict[str, checks.TableCheck]) -> None:
        """Run the groups not complete (only a hash shared by two kinds of key leaves one)."""
        for kind, fingerprint in list(self.groups):
            self._run(kind, fingerprint, run)


def check_folder(folder: Path, *, max_bytes: int = MAX_TABLE_BYTES) -> tuple[PlantSource, Report]:
    """:func:`~canonical.mapping.checks.read_and_check` of ``folder`` in bounded memory (the
    source returned holds no rows)."""
    tables: dict[str, _Table] = {}
    targets = {c.references for spec in TABLES.values() for c in spec.extras if c.references}
    codes: dict[str, tuple[set[str], set[str]]] = {}

    def first(spec: TableSpec, file: str, row: MappingRow) -> bool:
        table = tables.get(spec.name)
        if table is None:
            table = tables[spec.name] = _Table(spec, file)
        table.found["values"].extend(table.values(row))
        for key in _keys(spec, row):
            table.seen.add(key)
        if spec.name in targets:
            live, drafts = codes.setdefault(spec.name, (set(), set()))
            (drafts if row.status is RowStatus.DRAFT else live).add(row.canonical_code)
        return False

    source = read_plant_folder(folder, max_bytes=max_bytes, keep=first)
    run = checks.table_checks(source)
    known = {name: (live, drafts - live) for name, (live, drafts) in codes.items()}
    for table in tables.values():
        table.seen.count()
        table.references = checks.reference_checker(table.data, known)

    def second(spec: TableSpec, file: str, row: MappingRow) -> bool:
        table = tables.get(spec.name)
        if table is None:  # the file changed between the reads: its first read counts
            return False
        for column in table.columns:
            table.referencing.extend(table.references(column, row))
        table.hold(row, run)
        return False

    kept = read_plant_folder(folder, max_bytes=max_bytes, keep=second)
    for table in tables.values():
        table.finish(run)
    source = PlantSource(source.folder, source.label, source.config, kept.tables, source.report)
    return source, checks.check_source(
        source, found={name: t.found for name, t in tables.items()},
        references=[f for name in source.tables if name in tables
                    for f in tables[name].referencing])
