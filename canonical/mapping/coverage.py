"""Coverage: which source codes in real extracted data have no approved mapping.

An extract is a CSV file (with a header) or JSON Lines file of native records of one
entity. :data:`ENTITY_FIELDS` declares, per canonical entity, which extract field holds
codes of which table (``material`` -> ``materials``, ``status`` -> ``order_statuses``...);
callers may pass their own field -> table mapping for native column names. The source
system comes from a ``source_system`` field of the record, else from the caller. Status
fields of a system with a ``status_separator`` are split into flags first (``REL PCNF``).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from canonical.errors import InputError, UnknownEntityError, UnmappedCodeError
from canonical.files.guard import InputKind, open_input
from canonical.files.nesting import check_json_depth
from canonical.files.rules import NOT_REGULAR
from canonical.mapping import rules
from canonical.mapping.csvfile import MAX_TABLE_BYTES
from canonical.mapping.plant import Plant, plant_from
from canonical.mapping.rows import RowStatus
from canonical.mapping.rowstates import CodeKey, row_states
from canonical.mapping.streamcheck import check_folder
from canonical.reading import IO_DUPLICATE_KEY, DuplicateKeyError, loads
from canonical.report import Finding, Report, Severity

ENTITY_FIELDS: Mapping[str, Mapping[str, str]] = {
    "ProductionOrder": {"material": "materials", "status": "order_statuses", "unit": "units"},
    "Operation": {"resource": "resources", "status": "operation_statuses", "unit": "units"},
    "Material": {"material": "materials", "base_unit": "units"},
    "Lot": {"material": "materials", "status": "lot_statuses", "unit": "units",
            "location": "locations"},
    "Resource": {"resource": "resources"},
    "QualityResult": {"characteristic": "quality_characteristics", "unit": "units",
                      "nonconformance_code": "reason_codes"},
    "InventoryTransaction": {"material": "materials", "unit": "units",
                             "reason_code": "reason_codes", "from_location": "locations",
                             "to_location": "locations"},
    # 1.1.0 (issue 17)
    "LaborReport": {"resource": "resources", "activity": "activities",
                    "reason_code": "reason_codes", "unit": "units"},
    "EquipmentStateChange": {"resource": "resources", "reason_code": "downtime_reasons"},
    "Nonconformance": {"material": "materials", "defect_code": "defect_codes", "unit": "units"},
}


@dataclass(frozen=True, slots=True)
class CoverageEntry:
    """A code in the data without an approved mapping (``deprecated``: maps only that way)."""

    table: str
    system: str
    code: str
    count: int
    deprecated: bool = False
    first_line: int = 0


@dataclass(frozen=True, slots=True)
class Coverage:
    plant: str
    entity: str
    file: str
    on: date
    records: int
    codes: int  # code occurrences looked up
    entries: tuple[CoverageEntry, ...]  # most frequent first

    @property
    def unmapped(self) -> tuple[CoverageEntry, ...]:
        return tuple(e for e in self.entries if not e.deprecated)

    def report(self) -> Report:
        findings: list[Finding] = []
        for e in self.entries:
            rule = rules.DEPRECATED_USED if e.deprecated else rules.UNMAPPED_IN_DATA
            what = "maps only through a deprecated row" if e.deprecated else "has no mapping"
            findings.append(rule.finding(
                f"{e.table}: {e.system} code {e.code!r} {what} on {self.on} ({e.count}x)",
                value=e.code, severity=Severity.WARNING if e.deprecated else None,
            ).located(file=self.file, line=e.first_line or None))
        return Report.of(findings)

    def to_dict(self) -> dict[str, object]:
        return {"plant": self.plant, "entity": self.entity, "file": self.file,
                "on": self.on.isoformat(), "records": self.records, "codes": self.codes,
                "unmapped": [{"table": e.table, "source_system": e.system, "code": e.code,
                              "count": e.count, "deprecated": e.deprecated,
                              "first_line": e.first_line} for e in self.entries]}


def entity_name(name: str) -> str:
    """``production_order`` / ``ProductionOrder`` -> ``ProductionOrder``."""
    camel = "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\-\s]+", name.strip()))
    if camel not in ENTITY_FIELDS:
        raise UnknownEntityError(name, list(ENTITY_FIELDS))
    return camel


_DOT = re.compile(r"(?<!\\)\.")


def values_at(record: Mapping[str, object], field: str) -> list[object]:
    r"""The values at a column name: a key (``MATNR``), or a dotted path through nested objects
    and lists (``movement.material``, ``d.to_Component.results.Material``; ``\.`` is a dot
    inside a key). A key that is itself dotted is taken as it is first."""
    if field in record:
        return [record[field]]
    found: list[object] = [record]
    for key in (part.replace("\\.", ".") for part in _DOT.split(field)):
        found = [item.get(key) for item in _flat(found) if isinstance(item, Mapping)]
    return [value for value in _flat(found) if value is not None]


def _flat(values: list[object]) -> list[object]:
    return [v for value in values for v in (value if isinstance(value, list) else [value])]


#: the state on a day of each (table, source system, code): that of the row that maps it
#: (approved, deprecated) or ``None`` (unmapped)
States = Callable[[Collection[CodeKey], date], Mapping[CodeKey, RowStatus | None]]


def coverage(
    plant: Plant, data: Path, entity: str, *, source: str | None = None, on: date | None = None,
    fields: Mapping[str, str] | None = None, states: States | None = None,
) -> Coverage:
    """Count the codes of ``data`` that do not map in ``plant`` on ``on`` (default today).

    ``states`` looks up the distinct codes found (default: the plant's indexes;
    :func:`folder_coverage` reads them from the plant folder row by row)."""
    name = entity_name(entity)
    columns = dict(fields) if fields else dict(ENTITY_FIELDS[name])
    for table in columns.values():
        plant.table(table)  # raises UnknownTableError early
    if source is not None:
        plant.system(source)
    day = on or plant.today()
    counts: Counter[CodeKey] = Counter()
    first: dict[CodeKey, int] = {}
    records = occurrences = 0
    seen_fields: set[str] = set()
    for line, record in _records(data):
        records += 1
        system = str(record.get("source_system") or source or "")
        if not system:
            raise InputError("no source system: pass --source or add a source_system field",
                             source=str(data), line=line, rule_id=rules.BAD_EXTRACT.id)
        separator = plant.system(system).status_separator
        for field, table in columns.items():
            found = [raw for raw in values_at(record, field) if raw is not None and raw != ""]
            if not found:
                continue
            seen_fields.add(field)
            codes = [part for raw in found for part in (
                str(raw).split(separator) if separator and table.endswith("_statuses")
                else [str(raw)])]
            for code in filter(None, codes):
                occurrences += 1
                key = (table, system, code)
                counts[key] += 1
                first.setdefault(key, line)
    if records and not seen_fields:
        raise InputError(f"no record has any of the fields {', '.join(columns)}; map native "
                         "columns with --column FIELD=TABLE", source=str(data),
                         rule_id=rules.BAD_EXTRACT.id)
    found_states = (states or functools.partial(_states, plant))(counts.keys(), day)
    entries = sorted(
        (CoverageEntry(t, s, c, n, found_states[(t, s, c)] is RowStatus.DEPRECATED,
                       first[(t, s, c)])
         for (t, s, c), n in counts.items() if found_states[(t, s, c)] is not RowStatus.APPROVED),
        key=lambda e: (-e.count, e.table, e.system, e.code))
    return Coverage(plant.id, name, str(data), day, records, occurrences, tuple(entries))


def folder_coverage(
    folder: Path, data: Path, entity: str, *, source: str | None = None, on: date | None = None,
    fields: Mapping[str, str] | None = None, max_bytes: int = MAX_TABLE_BYTES,
) -> Coverage:
    """:func:`coverage` of a plant folder whose tables are never held: the folder is checked
    row by row (:mod:`~canonical.mapping.streamcheck`; a plant with errors raises
    :class:`~canonical.errors.InvalidPlantError`, as :func:`load_plant` does), then the
    extract's distinct codes are looked up in one more read (:mod:`rowstates`)."""
    read, report = check_folder(folder, max_bytes=max_bytes)
    plant = plant_from(read, report)  # plant.yaml and empty tables: no row is kept

    def states(keys: Collection[CodeKey], day: date) -> Mapping[CodeKey, RowStatus | None]:
        return row_states(folder, plant, keys, day, max_bytes=max_bytes)

    return coverage(plant, data, entity, source=source, on=on, fields=fields, states=states)


def _states(plant: Plant, keys: Collection[CodeKey], day: date) -> dict[CodeKey, RowStatus | None]:
    return {key: _state(plant, key, day) for key in keys}


def _state(plant: Plant, key: CodeKey, day: date) -> RowStatus | None:
    table, system, code = key
    try:
        return plant.lookup_row(table, system, code, on=day).status
    except UnmappedCodeError:
        return None


def _records(path: Path) -> Iterator[tuple[int, Mapping[str, object]]]:
    """(line, record) from a CSV (header line 1) or JSON Lines file, streamed."""
    try:
        raw = open_input(path, InputKind.STREAM)
    except InputError as exc:
        rule_id = exc.rule_id if exc.rule_id == NOT_REGULAR.id else rules.BAD_EXTRACT.id
        raise InputError(exc.reason, source=str(path), rule_id=rule_id) from None
    try:
        with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as stream:
            if path.suffix.lower() == ".csv":
                reader = csv.DictReader(stream, strict=True)
                previous = 1
                for row in reader:
                    yield previous + 1, row
                    previous = reader.line_num
            else:
                for number, text in enumerate(stream, 1):
                    if text.strip():
                        yield number, _json_object(text, path, number)
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason})", source=str(path),
                         rule_id=rules.BAD_EXTRACT.id) from None
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", source=str(path),
                         rule_id=rules.BAD_EXTRACT.id) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=str(path),
                         rule_id=rules.BAD_EXTRACT.id) from None


def _json_object(text: str, path: Path, line: int) -> Mapping[str, object]:
    check_json_depth(text, source=str(path), line=line)
    try:
        value = loads(text)
    except DuplicateKeyError as exc:  # the reader rule of `canon validate`, not last-wins
        raise InputError(str(exc), source=str(path), line=line,
                         rule_id=IO_DUPLICATE_KEY.id) from None
    except ValueError as exc:
        raise InputError(f"not a JSON object per line: {exc}", source=str(path), line=line,
                         rule_id=rules.BAD_EXTRACT.id) from None
    if not isinstance(value, dict):
        raise InputError("each JSON Lines record must be an object", source=str(path),
                         line=line, rule_id=rules.BAD_EXTRACT.id)
    return value
