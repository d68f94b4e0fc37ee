"""What changed between two versions of a plant's mapping tables, for a steward's review.

:func:`diff_plants` compares two plant folders (paths, shipped ids or ``git:REV:path``)
and returns a :class:`~canonical.changes.Changelog`, the same model and renderers
(text, json, markdown, ...) as the schema diff. A row is identified by its table, source
system, normalised source code and ``valid_from``; a row present on one side only is
``row_added`` / ``row_removed``, a row whose other cells differ is ``row_changed``.
plant.yaml changes are ``plant_changed`` (``rounding`` included) / ``system_added`` /
``system_removed`` / ``system_changed``.

A side whose folder has read errors (rows that failed to load and would be silently missing)
is refused with :class:`~canonical.errors.PlantDiffRefusedError` rather than diffed.

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
from canonical.mapping.config import ROUNDING_MODES, PlantConfig, SourceSystem
from canonical.mapping.gitrev import checkout, is_git_spec
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.mapping.source import PlantSource, TableData, read_plant_folder, resolve_plant
from canonical.mapping.tables import ColumnKind, TableSpec
from canonical.report import Report, Severity
from canonical.units.rounding import RoundingPolicy

_COMPARED = ("canonical_code", "valid_to", "status", "direction", "owner", "approved_by", "note")
_SEMANTIC = {"source_code", "canonical_code", "valid_to", "status", "direction"}
_PLANT_FIELDS = ("id", "name", "time_zone", "version", "canonical_schema", "owner", "contact",
                 "license")


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
    _refuse_unreadable(old, new)
    changes = list(_plant_changes(old.config, new.config))
    for name in sorted(set(old.tables) | set(new.tables)):
        changes.extend(_table_changes(name, old.tables.get(name), new.tables.get(name)))
    findings = Report.of(f for f in old.report + new.report if f.severity is not Severity.INFO)
    config = new.config or old.config
    plant = config.id if config is not None else new.folder.name
    return Changelog(
        subject=f"plant {plant} mapping tables", changes=tuple(changes),
        old_version=(old.config.version or None) if old.config else None,
        new_version=(new.config.version or None) if new.config else None,
        old_source=old.label, new_source=new.label, findings=findings,
    )


def _refuse_unreadable(old: PlantSource, new: PlantSource) -> None:
    sides = [(name, side) for name, side in (("old", old), ("new", new)) if side.report.errors]
    if not sides:
        return
    config = new.config or old.config
    plant = config.id if config is not None else new.label
    errors = Report.of(f for _, side in sides for f in side.report.errors)
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


def _change(kind: str, path: str, message: str, *, bump: Bump = Bump.PATCH,
            consumer: Verdict = Verdict.COMPATIBLE, producer: Verdict = Verdict.COMPATIBLE,
            before: str | None = None, after: str | None = None) -> Change:
    """A change whose ``breaking`` flag and bump follow from its verdicts, as in the schema
    diff: a breaking or needs-review verdict is breaking and demands a major bump; a
    compatible change keeps ``bump`` (minor: mappings added, patch: documentation only)."""
    breaking = consumer.blocks or producer.blocks
    return Change(kind, path, message, consumer=consumer, producer=producer, breaking=breaking,
                  bump=Bump.MAJOR if breaking else bump, before=before, after=after)


def _table_changes(name: str, old: TableData | None, new: TableData | None) -> Iterator[Change]:
    before, after = _indexed(old), _indexed(new)
    for ident, row in after.items():
        if ident not in before:
            live = row.status is not RowStatus.DRAFT
            yield _change("row_added", ident, f"added {_summary(row)}",
                          bump=Bump.MINOR if live else Bump.PATCH, after=_summary(row))
    for ident, row in before.items():
        if ident not in after:
            live = row.status is not RowStatus.DRAFT
            yield _change("row_removed", ident, f"removed {_summary(row)}",
                          producer=Verdict.BREAKING if live else Verdict.COMPATIBLE,
                          before=_summary(row))
    spec = new.spec if new is not None else old.spec if old is not None else None
    for ident, row in after.items():
        old_row = before.get(ident)
        if old_row is not None and spec is not None:
            change = _row_change(spec, ident, old_row, row)
            if change is not None:
                yield change


def _semantic(spec: TableSpec, column: str) -> bool:
    """Whether a cell changes what a live row maps (not only how it is documented)."""
    if column in _SEMANTIC:
        return True
    extra = spec.extra(column)
    return extra is not None and extra.kind is not ColumnKind.TEXT  # factor, precedence...


def _row_change(spec: TableSpec, ident: str, old: MappingRow, new: MappingRow) -> Change | None:
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
    return _change("row_changed", ident, message, bump=bump, consumer=consumer,
                   producer=producer, before=_summary(old), after=_summary(new))


def _cell(row: MappingRow, column: str) -> str:
    return row.source_code if column == "source_code" else _value(row, column)


def _plant_changes(old: PlantConfig | None, new: PlantConfig | None) -> Iterator[Change]:
    if old is None or new is None:
        return
    for field in _PLANT_FIELDS:
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            verdict = Verdict.REVIEW if field in ("id", "time_zone") else Verdict.COMPATIBLE
            yield _change("plant_changed", f"plant.yaml/{field}", f"{field} {a!r} -> {b!r}",
                          consumer=verdict, producer=verdict, before=a, after=b)
    if _policy_text(old.rounding) != _policy_text(new.rounding):  # quantities round anew
        a, b = _policy_text(old.rounding), _policy_text(new.rounding)
        yield _change("plant_changed", "plant.yaml/rounding", f"rounding {a} -> {b}",
                      consumer=Verdict.REVIEW, producer=Verdict.REVIEW, before=a, after=b)
    for name in sorted(set(old.source_systems) | set(new.source_systems)):
        a_sys, b_sys = old.source_systems.get(name), new.source_systems.get(name)
        path = f"plant.yaml/source_systems/{name}"
        if a_sys is None:
            yield _change("system_added", path, f"source system {name} added", bump=Bump.MINOR)
        elif b_sys is None:
            yield _change("system_removed", path, f"source system {name} removed",
                          producer=Verdict.BREAKING)
        elif _system_text(a_sys) != _system_text(b_sys):
            yield _change("system_changed", path, f"source system {name} changed "
                          "(kind, outbound, status separator or normalisation)",
                          consumer=Verdict.REVIEW, producer=Verdict.REVIEW,
                          before=_system_text(a_sys), after=_system_text(b_sys))


def _policy_text(policy: RoundingPolicy) -> str:
    mode = next(name for name, m in ROUNDING_MODES.items() if m is policy.mode)
    return (f"mode={mode} places={dict(sorted(policy.places.items()))} "
            f"dimension_places={dict(sorted(policy.dimension_places.items()))}")


def _system_text(system: SourceSystem) -> str:
    rules = {kind: {"inbound": [s.to_data() for s in n.inbound],
                    "outbound": [s.to_data() for s in n.outbound]}
             for kind, n in sorted(system.normalisation.items())}
    return (f"kind={system.kind} outbound={system.outbound} "
            f"status_separator={system.status_separator!r} normalisation={rules}")
