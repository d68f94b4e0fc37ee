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
* specs (``specs/*.yaml``): every kind of :mod:`canonical.mapping.specdiff`;
* B2MML files (overrides ``b2mml/<version>/<family>.yaml`` over the shipped standard spec,
  declared defaults ``b2mml.yaml``): every kind of :mod:`canonical.mapping.b2mmldiff`.

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

from collections.abc import Callable, Hashable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from canonical.changes import Bump, Change, Changelog, Verdict
from canonical.errors import PlantDiffRefusedError
from canonical.mapping import plant_rules as kinds
from canonical.mapping.b2mmlapprovals import approval_changes
from canonical.mapping.b2mmldiff import b2mml_changes, read_b2mml_documents
from canonical.mapping.configdiff import plant_changes
from canonical.mapping.gitrev import checkout, is_git_spec
from canonical.mapping.rowpairs import RowHashes, RowKey, Visit, fingerprint, pair
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.mapping.source import (
    PLANT_FILE,
    Keep,
    PlantSource,
    read_plant_folder,
    resolve_plant,
)
from canonical.mapping.specdiff import spec_changes
from canonical.mapping.specdocs import read_spec_documents
from canonical.mapping.tables import TABLES, ColumnKind, TableSpec
from canonical.report import Finding, Report, Severity

_COMPARED = ("canonical_code", "valid_to", "status", "direction", "owner", "approved_by", "note")
_SEMANTIC = {"source_code", "canonical_code", "valid_to", "status", "direction"}


def diff_plants(old: str | Path, new: str | Path) -> Changelog:
    """Added, removed and changed rows (and plant.yaml changes) from ``old`` to ``new``.

    The tables are never held: each side is read twice, row by row
    (:mod:`~canonical.mapping.rowpairs`: 16 bytes a row, plus the rows that changed)."""
    with ExitStack() as stack:
        sides = []
        for spec in (old, new):
            if isinstance(spec, str) and is_git_spec(spec):
                sides.append(_streamed(stack.enter_context(checkout(spec)), spec))
            else:
                sides.append(_streamed(resolve_plant(spec), None))
        return _changelog(*sides)


def diff_sources(old: PlantSource, new: PlantSource) -> Changelog:
    """The changes from ``old`` to ``new``, two sides read whole (rows in memory)."""
    return _changelog(_loaded(old), _loaded(new))


@dataclass(frozen=True)
class _Side:
    source: PlantSource  # plant.yaml, the table files and the read findings
    hashes: RowHashes
    rows: Callable[[Visit], None]  # one more read of the side's rows


def _hashes() -> RowHashes:
    return RowHashes(_identity, _content)


def _streamed(folder: Path, label: str | None) -> _Side:
    hashes = _hashes()
    source = read_plant_folder(folder, label=label, keep=_seen_only(hashes.add))

    def rows(visit: Visit) -> None:
        read_plant_folder(folder, label=source.label, keep=_seen_only(visit))

    return _Side(source, hashes, rows)


def _seen_only(visit: Visit) -> Keep:
    def keep(spec: TableSpec, file: str, row: MappingRow) -> bool:
        visit(spec, file, row)
        return False

    return keep


def _loaded(source: PlantSource) -> _Side:
    def rows(visit: Visit) -> None:
        for table in source.tables.values():
            for row in table.rows:
                visit(table.spec, table.file, row)

    hashes = _hashes()
    rows(hashes.add)
    return _Side(source, hashes, rows)


def _changelog(old_side: _Side, new_side: _Side) -> Changelog:
    """The changes from ``old`` to ``new``; refused when a side has read errors.

    A row that fails to load (a ragged row, a bad date, an unknown system...) is absent from
    its side, so diffing anyway would report it as removed or added, or not at all. Both
    reports' error findings are raised as :class:`~canonical.errors.PlantDiffRefusedError`.
    """
    old, new = old_side.source, new_side.source
    new_specs, new_problems = read_spec_documents(new.folder, new.label)
    known = {d.raw: d for d in new_specs if d.raw}
    old_specs, old_problems = read_spec_documents(old.folder, old.label, known=known)
    new_b2mml, problems = read_b2mml_documents(new.folder, new.label)
    new_problems.extend(problems)
    old_b2mml, problems = read_b2mml_documents(old.folder, old.label)
    old_problems.extend(problems)
    _refuse_unreadable(old, new, old_problems, new_problems)
    plant_doc = new.config.doc if new.config is not None else None
    changes = list(plant_changes(old.config, new.config, plant_doc,
                                 f"{new.label}/{PLANT_FILE}"))
    changes.extend(_row_changes(old_side, new_side))
    changes.extend(spec_changes(old_specs, new_specs))
    changes.extend(b2mml_changes(old_b2mml, new_b2mml))
    changes.extend(approval_changes(old_b2mml, new_b2mml, old.folder, new.folder, new.label))
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


def _text(row: MappingRow, key: RowKey) -> str:
    """The identity shown for a row: the n-th row of one identity ends in ``#n``."""
    return _identity(row) + (f"#{key[1]}" if key[1] > 1 else "")


def _value(row: MappingRow, column: str) -> str:
    if column == "valid_to":
        return "" if row.open_ended else row.valid_to.isoformat()
    if column in _COMPARED:
        return str(getattr(row, column))
    return row.extra.get(column, "")


def _summary(row: MappingRow) -> str:
    return (f"{row.source_system} {row.source_code!r} -> {row.canonical_code!r} "
            f"({row.period()}, {row.status.value})")


def _row_changes(old: _Side, new: _Side) -> Iterator[Change]:
    """Per table (by name): the rows added (in the new file's order), removed (the old
    file's) and changed (the new file's), from a second read of each side."""
    names = sorted(set(old.source.tables) | set(new.source.tables))
    pairings = {name: pair(old.hashes, new.hashes, name) for name in names}
    files = {name: table.file for name, table in new.source.tables.items()}
    one_sided: tuple[dict[str, list[Change]], ...] = tuple(
        {name: [] for name in names} for _ in range(2))  # removed, added
    held: dict[str, tuple[dict[RowKey, MappingRow], dict[RowKey, MappingRow]]] = {
        name: ({}, {}) for name in names}  # the changed rows, old and new

    def visitor(side: int) -> Visit:  # 0: the old side, 1: the new one
        def visit(spec: TableSpec, file: str, row: MappingRow) -> None:
            found = pairings.get(spec.name)  # None: a file added between the reads
            if found is None:
                return
            alone = found.added if side else found.removed  # rows of this side only
            if not (alone or found.changed):
                return
            key = found.key(fingerprint(_identity(row)), side)
            if key in alone:
                one_sided[side][spec.name].append(_one_sided(
                    row, _text(row, key), file if side else files.get(spec.name), side == 1))
            elif key in found.changed:
                held[spec.name][side][key] = row

        return visit

    for side, number in ((new, 1), (old, 0)):
        for found in pairings.values():
            found.restart()
        side.rows(visitor(number))
    for name in names:
        yield from one_sided[1][name]  # added
        yield from one_sided[0][name]  # removed
        before, after = held[name]
        for key, row in after.items():
            old_row = before.get(key)
            change = None if old_row is None else _row_change(
                TABLES[name], _text(row, key), old_row, row, files.get(name))
            if change is not None:
                yield change


def _one_sided(row: MappingRow, ident: str, file: str | None, added: bool) -> Change:
    """A row added (or removed): adding a live row is minor, removing it breaks producers."""
    live = row.status is not RowStatus.DRAFT
    if added:
        return kinds.ROW_ADDED.change(ident, f"added {_summary(row)}", bump=Bump.MINOR if live
                                      else Bump.PATCH, after=_summary(row), file=file,
                                      line=row.line)
    return kinds.ROW_REMOVED.change(ident, f"removed {_summary(row)}", producer=Verdict.BREAKING
                                    if live else Verdict.COMPATIBLE, before=_summary(row),
                                    file=file)


def _content(row: MappingRow) -> tuple[Hashable, ...]:
    """Everything :func:`_row_change` compares (not the line), hashed to tell a changed row."""
    return (row.source_code, row.canonical_code, row.valid_to, row.status, row.direction,
            row.owner, row.approved_by, row.note, tuple(sorted(row.extra.items())))


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
