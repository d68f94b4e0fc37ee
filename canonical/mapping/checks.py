"""Governance checks of a plant folder: everything a data steward must not approve.

:func:`check_plant` reads the folder (structural findings: files, header, cells) and adds
the checks across rows: duplicates, overlapping validity, canonical values, reverse
ambiguity, references to drafts or unknown codes, inconsistent attributes and status
precedence ties. It returns a :class:`~canonical.report.Report`; it never raises on bad
content. Draft rows are checked too, but their findings are warnings.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from canonical.mapping import domains, rules
from canonical.mapping.csvfile import MAX_TABLE_BYTES
from canonical.mapping.rows import Direction, MappingRow, RowStatus
from canonical.mapping.source import PlantSource, TableData, read_plant_folder, resolve_plant
from canonical.mapping.tables import CanonicalKind, ColumnKind, ExtraColumn
from canonical.report import Finding, Report, Severity
from canonical.rules import Rule


def check_plant(path_or_name: str | Path, *, max_bytes: int = MAX_TABLE_BYTES) -> Report:
    """Every governance finding of a plant folder's tables (or shipped plant id).

    The spec files of the mapping engine are checked one layer up:
    :func:`canonical.engine.check_plant` runs this check and the spec check on one read
    (that is what ``canon mappings check`` runs).
    """
    return read_and_check(resolve_plant(path_or_name), max_bytes=max_bytes)[1]


def read_and_check(folder: Path, *, max_bytes: int = MAX_TABLE_BYTES) -> tuple[PlantSource, Report]:
    """``read_plant_folder`` and :func:`check_source` of ``folder`` (for ``load_plant``)."""
    source = read_plant_folder(folder, max_bytes=max_bytes)
    return source, check_source(source)


#: what a check of one table gives: its findings (a streaming check passes its own)
TableCheck = Callable[[TableData], Iterable[Finding]]


def table_checks(source: PlantSource) -> dict[str, TableCheck]:
    """The checks of one table, by name, in report order."""
    checks: dict[str, TableCheck] = {
        "duplicates": _duplicates_and_overlaps, "values": _canonical_values,
        "precedence": _precedence_ties, "consistency": _consistency,
    }
    if source.config is not None:
        outbound = {n for n, s in source.config.source_systems.items() if s.outbound}
        checks["reverse"] = functools.partial(_reverse_ambiguity, outbound_systems=outbound)
    return checks


def check_source(source: PlantSource, *,
                 found: Mapping[str, Mapping[str, list[Finding]]] | None = None,
                 references: list[Finding] | None = None) -> Report:
    """Every finding of a plant folder read. A streaming check
    (:mod:`~canonical.mapping.streamcheck`) passes what it found while reading: per table,
    the findings of each of :func:`table_checks`, and those of the reference columns."""
    findings = list(source.report)
    checks = table_checks(source)
    for name, table in source.tables.items():
        for check_name, check in checks.items():
            findings.extend(check(table) if found is None
                            else found.get(name, {}).get(check_name, ()))
    findings.extend(references if references is not None else _references(source))
    findings.sort(key=lambda f: (f.file or "", f.line or 0))
    return Report.of(findings)


def _at(table: TableData, row: MappingRow, rule: Rule, message: str,
        value: str | None = None) -> Finding:
    severity = Severity.WARNING if row.status is RowStatus.DRAFT else None
    return rule.finding(message, value=value, severity=severity).located(
        file=table.file, line=row.line)


def _live(rows: Iterable[MappingRow]) -> Iterator[MappingRow]:
    """Rows that map (approved, and deprecated ones inbound)."""
    return (r for r in rows if r.status is not RowStatus.DRAFT)


def _by_pair(rows: Iterable[tuple[str, str, MappingRow]]) -> Iterator[list[MappingRow]]:
    """The rows of each (system, key) pair that has several, in file order (no list for the
    many pairs with one row)."""
    first: dict[str, dict[str, MappingRow]] = {}
    several: dict[tuple[str, str], list[MappingRow]] = {}
    for system, key, row in rows:
        by_key = first.get(system)
        if by_key is None:
            by_key = first[system] = {}
        found = by_key.setdefault(key, row)
        if found is not row:
            group = several.get((system, key))
            if group is None:
                several[(system, key)] = [found, row]
            else:
                group.append(row)
    return iter(several.values())


def _duplicates_and_overlaps(table: TableData) -> Iterator[Finding]:
    """Duplicates and overlaps are between rows of one source key: only keys with several
    rows are compared (findings come per key; the caller sorts them by line)."""
    for rows in _by_pair((r.source_system, r.key, r) for r in table.rows):
        seen: dict[tuple[str, object, object], MappingRow] = {}
        duplicates: set[int] = set()
        for row in rows:
            first = seen.setdefault((row.canonical_code, row.valid_from, row.valid_to), row)
            if first is not row:
                duplicates.add(row.line)
                yield _at(table, row, rules.DUPLICATE_ROW,
                          f"duplicate of line {first.line} ({row.source_system} "
                          f"{row.source_code!r} -> {row.canonical_code!r}, {row.period()})",
                          row.source_code)
        for earlier, later in _overlapping_pairs(list(_live(rows))):
            if later.line in duplicates:
                continue
            yield _at(table, later, rules.OVERLAP,
                      f"{later.source_system} {later.source_code!r} valid {later.period()} "
                      f"overlaps line {earlier.line} (valid {earlier.period()})",
                      later.source_code)


def _overlapping_pairs(rows: list[MappingRow]) -> Iterator[tuple[MappingRow, MappingRow]]:
    """Pairs (earlier line, later line) whose validity overlaps."""
    if len(rows) < 2:
        return
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if a.overlaps(b):
                yield (a, b) if a.line < b.line else (b, a)


def _canonical_values(table: TableData) -> Iterator[Finding]:
    check = value_checker(table)
    for row in table.rows:
        yield from check(row)


def value_checker(table: TableData) -> Callable[[MappingRow], Iterator[Finding]]:
    """The per-row check of canonical values (canonical code, unit and enum extras) of a
    table's rows (``table.rows`` is not read: a streaming check calls it row by row)."""
    spec = table.spec
    canonical_problem = _problem_of(spec.canonical, spec.enum)
    checked: list[tuple[str, Callable[[str], str], dict[str, str]]] = [
        (c.name, _problem_of(c.kind, c.enum), {})
        for c in spec.extras if c.kind in (ColumnKind.UNIT, ColumnKind.ENUM)]

    def check(row: MappingRow) -> Iterator[Finding]:
        message = canonical_problem(row.canonical_code)
        if message:
            yield _at(table, row, rules.NOT_CANONICAL, f"canonical_code: {message}",
                      row.canonical_code)
        for name, problem, known in checked:
            value = row.extra.get(name)
            if not value:
                continue
            found = known.get(value)  # few distinct units and enum values per column
            if found is None:
                found = known[value] = problem(value)
            if found:
                yield _at(table, row, rules.BAD_EXTRA_VALUE, f"{name}: {found}", value)

    return check


def _problem_of(kind: str, enum: str) -> Callable[[str], str]:
    """Why a value is not a canonical value of ``kind`` ("" when it is)."""
    if kind in (CanonicalKind.UNIT, ColumnKind.UNIT):
        return domains.unit_problem
    if kind in (CanonicalKind.ENUM, ColumnKind.ENUM):
        return functools.partial(domains.enum_problem, enum)
    return domains.identifier_problem


def _reverse_ambiguity(table: TableData, outbound_systems: set[str]) -> Iterator[Finding]:
    approved, both = RowStatus.APPROVED, Direction.BOTH
    pairs = ((r.source_system, r.canonical_code, r) for r in table.rows
             if r.status is approved and r.direction is both and r.source_system in outbound_systems)
    for rows in _by_pair(pairs):
        for earlier, later in _overlapping_pairs(rows):
            if earlier.key != later.key:
                yield _at(table, later, rules.REVERSE_AMBIGUOUS,
                          f"{later.source_system} {later.source_code!r} and "
                          f"{earlier.source_code!r} (line {earlier.line}) both map to "
                          f"{later.canonical_code!r} in overlapping periods; mark all but one "
                          "direction=inbound", later.canonical_code)


def _precedence_ties(table: TableData) -> Iterator[Finding]:
    if table.spec.extra("precedence") is None:
        return
    groups: dict[tuple[str, str], list[MappingRow]] = defaultdict(list)
    for row in _live(table.rows):
        if "precedence" in row.extra:
            groups[(row.source_system, row.extra["precedence"])].append(row)
    for rows in groups.values():
        for earlier, later in _overlapping_pairs(rows):
            if earlier.canonical_code != later.canonical_code:
                yield _at(table, later, rules.PRECEDENCE_TIE,
                          f"{later.source_code!r} and {earlier.source_code!r} (line "
                          f"{earlier.line}) have precedence {later.extra['precedence']} but map "
                          f"to {later.canonical_code!r} and {earlier.canonical_code!r}",
                          later.extra["precedence"])


def _consistency(table: TableData) -> Iterator[Finding]:
    """Per consistent column, rows with a value must agree with the first row of their
    canonical code (one pass over the rows for all columns)."""
    columns = [(c.name, dict[str, MappingRow]()) for c in table.spec.extras if c.consistent]
    if not columns:
        return
    draft = RowStatus.DRAFT
    for row in table.rows:
        if row.status is draft or not row.extra:
            continue
        for name, first in columns:
            value = row.extra.get(name, "")
            if not value:
                continue
            seen = first.setdefault(row.canonical_code, row)
            if seen is not row and seen.extra[name] != value:
                yield _at(table, row, rules.INCONSISTENT,
                          f"{row.canonical_code!r} has {name} {value!r} here but "
                          f"{seen.extra[name]!r} on line {seen.line}", value)


def _references(source: PlantSource) -> Iterator[Finding]:
    codes = {name: codes_of(table.rows) for name, table in source.tables.items()
             if name in referenced(source.tables.values())}
    for table in source.tables.values():
        check = reference_checker(table, codes)
        for column in reference_columns(table):
            for row in table.rows:
                yield from check(column, row)


def referenced(tables: Iterable[TableData]) -> set[str]:
    """The tables whose canonical codes a reference column of ``tables`` names."""
    return {c.references for t in tables for c in reference_columns(t)}


def reference_columns(table: TableData) -> list[ExtraColumn]:
    return [c for c in table.spec.extras if c.kind is ColumnKind.REFERENCE]


def codes_of(rows: Iterable[MappingRow]) -> tuple[set[str], set[str]]:
    """The canonical codes of live rows and those of draft rows only."""
    live: set[str] = set()
    drafts: set[str] = set()
    for row in rows:
        (drafts if row.status is RowStatus.DRAFT else live).add(row.canonical_code)
    return live, drafts - live


def reference_checker(
    table: TableData, codes: Mapping[str, tuple[set[str], set[str]]],
) -> Callable[[ExtraColumn, MappingRow], Iterator[Finding]]:
    """The check of one reference column of one row against the referenced table's codes."""
    def check(column: ExtraColumn, row: MappingRow) -> Iterator[Finding]:
        live, drafts = codes.get(column.references, (set(), set()))
        value = row.extra.get(column.name)
        if not value or value in live:
            return
        if value in drafts and row.status is not RowStatus.DRAFT:
            yield _at(table, row, rules.DRAFT_REFERENCED,
                      f"{column.name} {value!r} is defined only by draft rows of "
                      f"{column.references}", value)
        elif value not in drafts:
            yield _at(table, row, rules.UNKNOWN_REFERENCE,
                      f"{column.name} {value!r} is not a canonical_code of "
                      f"{column.references}", value)

    return check
