"""Reading a plant folder: plant.yaml plus one CSV per table, with every structural finding.

:func:`read_plant_folder` is the single reader behind :func:`~canonical.mapping.load_plant`,
the governance checks, the diff and the coverage report. It never raises on bad content;
rows it cannot use are left out and reported.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from canonical.errors import PlantNotFoundError
from canonical.mapping import rules
from canonical.mapping.config import PlantConfig, read_plant_config
from canonical.mapping.csvfile import MAX_TABLE_BYTES, iter_records, spans_lines_badly
from canonical.mapping.plant_rules import CASE_CLASH
from canonical.mapping.rowreader import RowReader
from canonical.mapping.rows import MappingRow
from canonical.mapping.tables import FREE_COLUMN_PREFIX, TABLES, ColumnKind, TableSpec
from canonical.report import Finding, Report
from canonical.rules import Rule

PLANT_FILE = "plant.yaml"

#: which rows of a table to keep (``canon mappings check`` streams: it sees every row but
#: keeps only those the rules across rows need; see :mod:`~canonical.mapping.streamcheck`)
Keep = Callable[[TableSpec, str, MappingRow], bool]


@dataclass(frozen=True, slots=True)
class TableData:
    """The usable rows of one table file, in file order."""

    spec: TableSpec
    file: str
    columns: tuple[str, ...]
    rows: tuple[MappingRow, ...]


@dataclass(frozen=True, slots=True)
class PlantSource:
    """A plant folder as read from disk: config (``None`` if unusable), tables and findings."""

    folder: Path
    label: str
    config: PlantConfig | None
    tables: Mapping[str, TableData]
    report: Report


def shipped_plants() -> list[str]:
    """Ids of the plants shipped with the package (folders of ``mappings/``)."""
    from canonical.resources import data_dir

    try:
        root = data_dir("mappings")
    except FileNotFoundError:
        return []
    return sorted(p.name for p in root.iterdir() if (p / PLANT_FILE).is_file())


def resolve_plant(path_or_name: str | Path) -> Path:
    """The folder of a plant given as a path (folder or its plant.yaml) or a shipped id."""
    path = Path(path_or_name)
    if path.exists():
        return path.parent if path.is_file() and path.name == PLANT_FILE else path
    name = str(path_or_name)
    if isinstance(path_or_name, str) and name in shipped_plants():
        from canonical.resources import data_dir

        return data_dir("mappings") / name
    raise PlantNotFoundError(name, shipped_plants())


def folder_label(folder: Path) -> str:
    """How findings name a folder: ``mappings/DE01`` for a shipped plant, else the path."""
    from canonical.resources import data_dir

    try:
        shipped = data_dir("mappings").resolve()
    except FileNotFoundError:
        return str(folder)
    if folder.resolve().parent == shipped:
        return f"mappings/{folder.name}"
    return str(folder)


def read_plant_folder(
    folder: Path, *, label: str | None = None, max_bytes: int = MAX_TABLE_BYTES,
    keep: Keep | None = None,
) -> PlantSource:
    """Read ``folder``; file names in findings start with ``label`` (default: the path).

    ``keep`` sees every usable row (table spec, file, row) and says whether the table keeps
    it (default: every row)."""
    base = label if label is not None else folder_label(folder)
    findings: list[Finding] = []
    if not folder.is_dir():
        findings.append(rules.PLANT_NOT_FOUND.finding(
            "not a plant folder (expected a directory with plant.yaml)").located(file=base))
        return PlantSource(folder, base, None, MappingProxyType({}), Report.of(findings))
    plant_file = folder / PLANT_FILE
    config: PlantConfig | None = None
    if plant_file.exists():
        config, problems = read_plant_config(plant_file, f"{base}/{PLANT_FILE}")
        findings.extend(problems)
    else:
        findings.append(rules.UNREADABLE.finding(
            f"missing {PLANT_FILE} (plant id, time zone and source systems)").located(file=base))
    files = sorted(folder.iterdir())
    findings.extend(_case_clashes(files, base))
    present = {p.stem: p for p in files if p.suffix.lower() == ".csv"}
    tables: dict[str, TableData] = {}
    for stem, path in present.items():
        file = f"{base}/{path.name}"
        spec = TABLES.get(stem)
        if spec is None or path.suffix != ".csv":
            close = difflib.get_close_matches(stem, list(TABLES), n=1)
            hint = f"; did you mean {close[0]}.csv?" if close else ""
            findings.append(rules.UNKNOWN_TABLE.finding(
                f"{path.name} is not a known table (known: {', '.join(TABLES)}){hint}",
                value=stem).located(file=file))
            continue
        table = _read_table(spec, path, file, config, findings, max_bytes, keep)
        if table is not None:
            tables[stem] = table
    for name, table_spec in TABLES.items():
        if name not in present and not table_spec.default:
            findings.append(rules.TABLE_ABSENT.finding(
                f"no {name}.csv; every {name} lookup is unmapped").located(file=base))
    return PlantSource(folder, base, config, MappingProxyType(tables), Report.of(findings))


def _read_table(
    spec: TableSpec, path: Path, file: str, config: PlantConfig | None,
    findings: list[Finding], max_bytes: int, keep: Keep | None = None,
) -> TableData | None:
    records = iter_records(path, file, findings, max_bytes=max_bytes)
    first = next(records, None)
    if first is None:
        if not any(f.file == file and f.rule_id in _FATAL for f in findings):
            findings.append(rules.MISSING_HEADER.finding("empty file: no header line").located(
                file=file, line=1))
        return None
    line, _, header = first
    columns = tuple(header)
    if not _header_ok(spec, columns, file, line, findings):
        return None
    multiline = frozenset(i for i, c in enumerate(columns) if _multiline(spec, c))
    rows: list[MappingRow] = []
    unknown_systems: dict[str, int] = {}
    width = len(columns)
    reader = RowReader(spec, columns, file, findings)
    system_at = columns.index("source_system")  # a required column: the header is ok
    keyers: dict[str, Callable[[str], str]] = {}  # source system -> its normalisation
    for line, end, fields in records:
        if not fields:
            continue  # a blank line
        if end > line and spans_lines_badly(fields, multiline):
            findings.append(rules.BAD_CSV.finding(
                f"a quoted field runs from line {line} to {end}: unclosed quote?"
            ).located(file=file, line=line))
            continue
        if len(fields) != width:
            findings.append(rules.RAGGED_ROW.finding(
                f"{len(fields)} fields, the header has {width}").located(file=file, line=line))
            continue
        normalise: Callable[[str], str] = str
        if config is not None:
            name = fields[system_at]
            found = keyers.get(name)
            if found is None:
                system = config.source_systems.get(name)
                if system is None:
                    if name not in unknown_systems:
                        unknown_systems[name] = line
                    continue
                found = keyers[name] = system.normaliser(spec.name).to_key
            normalise = found
        row = reader.read(fields, line, normalise)
        if row is not None and (keep is None or keep(spec, file, row)):
            rows.append(row)
    for name, line in unknown_systems.items():
        declared = ", ".join(config.source_systems) if config else ""
        findings.append(rules.UNKNOWN_SYSTEM.finding(
            f"source_system {name!r} is not declared in plant.yaml (declared: {declared}); "
            "its rows are ignored", value=name).located(file=file, line=line))
    return TableData(spec, file, columns, tuple(rows))


def _case_clashes(files: list[Path], base: str) -> list[Finding]:
    """MAP-361 for files whose names differ only in case (``units.CSV`` beside ``units.csv``):
    on a case-insensitive disk one silently replaces the other, here one would be ignored."""
    first: dict[str, Path] = {}
    found: list[Finding] = []
    for path in files:
        seen = first.setdefault(path.name.casefold(), path)
        if seen is not path:
            found.append(CASE_CLASH.finding(
                f"{path.name} and {seen.name} differ only in case; keep one (a "
                "case-insensitive checkout keeps either)", value=path.name).located(
                file=f"{base}/{path.name}"))
    return found


_FATAL = {rules.UNREADABLE.id, rules.TOO_LARGE.id, rules.NOT_UTF8.id, rules.BAD_CSV.id}


def _multiline(spec: TableSpec, column: str) -> bool:
    extra = spec.extra(column)
    return column == "note" or column.startswith(FREE_COLUMN_PREFIX) or (
        extra is not None and extra.kind is ColumnKind.TEXT)


def _separator_hint(known: set[str], columns: tuple[str, ...]) -> str:
    """Say so when the header is the expected columns joined by another separator."""
    for separator, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
        parts = {part.strip().strip('"') for column in columns for part in column.split(separator)}
        if len(parts) > 1 and known.intersection(parts):
            return (f" (this header separates its columns with {name}, as a spreadsheet does "
                    "in a locale with a decimal comma: mapping tables are comma-separated)")
    return ""


def _header_ok(
    spec: TableSpec, columns: tuple[str, ...], file: str, line: int, findings: list[Finding],
) -> bool:
    def add(rule: Rule, message: str, value: str | None = None) -> None:
        findings.append(rule.finding(message, value=value).located(file=file, line=line))

    known = set(spec.columns)
    if not known.intersection(columns):
        add(rules.MISSING_HEADER, "the first line is not a header; expected columns "
            f"{', '.join(spec.required)}{_separator_hint(known, columns)}")
        return False
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            add(rules.DUPLICATE_COLUMN, f"column {column!r} appears twice", column)
        seen.add(column)
        if column not in known and not column.startswith(FREE_COLUMN_PREFIX):
            close = difflib.get_close_matches(column.strip(), spec.columns, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else \
                f"; plant-specific columns must start with {FREE_COLUMN_PREFIX!r}"
            add(rules.UNKNOWN_COLUMN, f"unknown column {column!r} in {spec.name}{hint}", column)
    missing = [c for c in spec.required if c not in seen]
    for column in missing:
        add(rules.MISSING_COLUMN, f"required column {column!r} is missing", column)
    return not missing and len(seen) == len(columns)
