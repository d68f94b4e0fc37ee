"""What changed between two versions of a plant's mappings, for a steward's review.

:func:`diff_plants` compares two plant folders (paths, shipped ids or ``git:REV:path``)
and returns a :class:`~canonical.changes.Changelog`, the same model and renderers
(text, json, markdown, junit, github) as the schema diff. Three parts of a plant are diffed:

* table rows: a row is identified by its table, source system, normalised source code and
  ``valid_from``; a row present on one side only is ``row_added`` / ``row_removed``, a row
  whose other cells differ is ``row_changed``;
* plant.yaml (:mod:`canonical.mapping.configdiff`): ``plant_changed`` (descriptive fields,
  the id), ``time_zone_changed``, ``rounding_changed``, ``system_added`` / ``system_removed`` /
  ``system_changed`` and ``normalisation_changed`` (per source system and code kind);
* specs (``specs/*.yaml``): every kind of :mod:`canonical.mapping.specdiff`.

Every change carries its rule id (one per kind, :mod:`canonical.mapping.plant_rules`) and,
where the new side has it, the file and line of the changed row or key.

A side whose folder has read errors (rows that failed to load and would be silently missing,
a spec that is not YAML) is refused with :class:`~canonical.errors.PlantDiffRefusedError`
rather than diffed.

Verdicts and bumps follow the schema diff (docs/guides/versioning.md), for the plant's
``version`` in plant.yaml: removing a live (approved or deprecated) row, or sending it back
to draft, breaks producers (their codes stop mapping); changing what a live row maps (source
or canonical code, validity, direction, status, or a table column such as a unit factor or a
status precedence) needs review. Both are breaking and demand a **major** bump. Adding a live
row or approving a draft is compatible, **minor**; drafts, owners, approvers, notes and
descriptive columns are compatible, **patch**.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from canonical.changes import Bump, Change, Changelog, Verdict
from canonical.errors import PlantDiffRefusedError
from canonical.mapping import plant_rules as kinds
from canonical.mapping.configdiff import plant_changes
from canonical.mapping.gitrev import checkout, is_git_spec
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.mapping.source import (
    PLANT_FILE,
    PlantSource,
    TableData,
    read_plant_folder,
    resolve_plant,
)
from canonical.mapping.specdiff import spec_changes
from canonical.mapping.specdocs import read_spec_documents
from canonical.mapping.tables import ColumnKind, TableSpec
from canonical.report import Finding, Report, Severity

_COMPARED = ("canonical_code", "valid_to", "status", "direction", "owner", "approved_by", "note")
_SEMANTIC = {"source_code", "canonical_code", "valid_to", "status", "direction"}


def diff_plants(old: str | Path, new: str | Path) -> Changelog:
    """Added, removed and changed rows (and plant.yaml changes) from ``old`` to ``new``."""
    with ExitStack() as stack:
        sources = []
        for spec in (old, new):
            if isinstance(spec, str) and is_git_spec(spec):
                folder = stack.enter_context(checkout(spec))
                sources.append(read_plant_folder(folder, label=spec))
            else:
                sources.append(read_plant_folder(resolve_plant(spec)))
        return diff_sources(*sources)


def diff_sources(old: PlantSource, new: PlantSource) -> Changelog:
    """The changes from ``old`` to ``new``; refused when a side has read errors.

    A row that fails to load (a ragged row, a bad date, an unknown system...) is absent from
    its side, so diffing anyway would report it as removed or added, or not at all. Both
    reports' error findings are raised as :class:`~canonical.errors.PlantDiffRefusedError`.
    """
    new_specs, new_problems = read_spec_documents(new.folder, new.label)
    known = {d.raw: d for d in new_specs if d.raw}
    old_specs, old_problems = read_spec_documents(old.folder, old.label, known=known)
    _refuse_unreadable(old, new, old_problems, new_problems)
    plant_doc = new.config.doc if new.config is not None else None
    changes = list(plant_changes(old.config, new.config, plant_doc,
                                 f"{new.label}/{PLANT_FILE}"))
    for name in sorted(set(old.tables) | set(new.tables)):
        changes.extend(_table_changes(name, old.tables.get(name), new.tables.get(name)))
    changes.extend(spec_changes(old_specs, new_specs))
    findings = Report.of(f for f in old.report + new.report if f.severity is not Severity.INFO)
    config = new.config or old.config
    plant = config.id if config is not None else new.folder.name
    return Changelog(
        subject=f"plant {plant} mappings", changes=tuple(changes),
        old_version=(old.config.version or None) if old.config else None,
        new_version=(new.config.version or None) if new.config else None,
        old_source=old.label, new_source=new.label, findings=findings,
    )


def _refuse_unreadable(old: PlantSource, new: PlantSource, old_specs: list[Finding],
                       new_specs: list[Finding]) -> None:
    sides = [(name, [*side.report.errors, *specs]) for name, side, specs in (
        ("old", old, old_specs), ("new", new, new_specs)) if side.report.errors or specs]
    if not sides:
        return
    config = new.config or old.config
    plant = config.id if config is not None else new.label
    errors = Report.of(f for _, found in sides for f in found)
    raise PlantDiffRefusedError([name for name, _ in sides], plant, errors)


def _identity(row: MappingRow) -> str:
    return f"{row.table}/{row.source_system}/{row.key}@{row.valid_from.isoformat()}"


def _indexed(table: TableData | None) -> dict[str, MappingRow]:
    rows: dict[str, MappingRow] = {}
    for row in table.rows if table is not None else ():
        ident, n = _identity(row), 1
        while ident in rows:  # a duplicate row: keep both, apart
            n += 1
            ident = f"{_identity(row)}#{n}"
        rows[ident] = row
    return rows


def _value(row: MappingRow, column: str) -> str:
    if column == "valid_to":
        return "" if row.open_ended else row.valid_to.isoformat()
    if column in _COMPARED:
        return str(getattr(row, column))
    return row.extra.get(column, "")


def _summary(row: MappingRow) -> str:
    return (f"{row.source_system} {row.source_code!r} -> {row.canonical_code!r} "
            f"({row.period()}, {row.status.value})")


def _table_changes(name: str, old: TableData | None, new: TableData | None) -> Iterator[Change]:
    before, after = _indexed(old), _indexed(new)
    file = new.file if new is not None else None
    for ident, row in after.items():
        if ident not in before:
            live = row.status is not RowStatus.DRAFT
            yield kinds.ROW_ADDED.change(ident, f"added {_summary(row)}",
                          bump=Bump.MINOR if live else Bump.PATCH, after=_summary(row),
                          file=file, line=row.line)
    for ident, row in before.items():
        if ident not in after:
            live = row.status is not RowStatus.DRAFT
            yield kinds.ROW_REMOVED.change(ident, f"removed {_summary(row)}",
                          producer=Verdict.BREAKING if live else Verdict.COMPATIBLE,
                          before=_summary(row), file=file)
    spec = new.spec if new is not None else old.spec if old is not None else None
    for ident, row in after.items():
        old_row = before.get(ident)
        if old_row is not None and spec is not None and _content(old_row) != _content(row):
            change = _row_change(spec, ident, old_row, row, file)
            if change is not None:
                yield change


def _content(row: MappingRow) -> tuple[object, ...]:
    """Everything :func:`_row_change` compares (not the line), for a quick equality test."""
    return (row.source_code, row.canonical_code, row.valid_to, row.status, row.direction,
            row.owner, row.approved_by, row.note, row.extra)


def _semantic(spec: TableSpec, column: str) -> bool:
    """Whether a cell changes what a live row maps (not only how it is documented)."""
    if column in _SEMANTIC:
        return True
    extra = spec.extra(column)
    return extra is not None and extra.kind is not ColumnKind.TEXT  # factor, precedence...


def _row_change(spec: TableSpec, ident: str, old: MappingRow, new: MappingRow,
                file: str | None) -> Change | None:
    columns = list(_COMPARED) + sorted(set(old.extra) | set(new.extra))
    if old.source_code != new.source_code:
        columns.insert(0, "source_code")
    changed = [c for c in columns if _cell(old, c) != _cell(new, c)]
    if not changed:
        return None
    details = "; ".join(f"{c} {_cell(old, c)!r} -> {_cell(new, c)!r}" for c in changed)
    message = f"changed {new.source_system} {new.source_code!r}: {details}"
    was_live, is_live = old.status is not RowStatus.DRAFT, new.status is not RowStatus.DRAFT
    consumer = producer = Verdict.COMPATIBLE
    bump = Bump.PATCH  # drafts, owners, approvers, notes and descriptive columns
    if was_live and not is_live:  # back to draft: the code stops mapping, as if removed
        producer = Verdict.BREAKING
    elif is_live and not was_live:  # a draft approved: a new mapping, nothing breaks
        bump = Bump.MINOR
    elif is_live and any(_semantic(spec, c) for c in changed):
        consumer = producer = Verdict.REVIEW
    return kinds.ROW_CHANGED.change(ident, message, bump=bump, consumer=consumer,
                   producer=producer, before=_summary(old), after=_summary(new), file=file,
                   line=new.line)


def _cell(row: MappingRow, column: str) -> str:
    return row.source_code if column == "source_code" else _value(row, column)
