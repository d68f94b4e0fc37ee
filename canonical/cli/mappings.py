"""``canon mappings``: check, diff, measure coverage of and export plant mapping tables.

Exit codes: 0 clean, 1 findings at error level (or warnings with ``--strict``, or unmapped
codes for ``coverage``), 2 usage errors or unreadable input (for ``diff``: a side with read
errors, whatever ``--fail-on`` says).
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail, plural, render_report
from canonical.errors import (
    CanonicalError,
    InputError,
    InvalidPlantError,
    MappingTableError,
    PlantDiffRefusedError,
    PlantNotFoundError,
    WriteError,
)
from canonical.files.atomic import write_atomic
from canonical.report import Report

if TYPE_CHECKING:
    from canonical.mapping.plant import Plant

_MAX_BYTES = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=None,
    help="Size guard per table file in bytes (default 256 MiB).",
)


def _load(path: str) -> Plant:
    """Load a plant for a command; a plant with error findings exits 1 listing them."""
    from canonical.mapping.plant import load_plant

    try:
        return load_plant(path)
    except InvalidPlantError as exc:
        render_report(Report.of(exc.report.errors), "text",
                      summary=f"plant {exc.plant} has {plural(len(exc.report.errors), 'error')}"
                      "; run 'canon mappings check' and fix them first")
        sys.exit(EXIT_FINDINGS)
    except (PlantNotFoundError, MappingTableError) as exc:
        fail(exc)


@click.group()
def mappings() -> None:
    """Plant mapping tables: governance checks, reviews, coverage and SSSOM export."""


@mappings.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@_MAX_BYTES
def check(paths: tuple[str, ...], fmt: str, strict: bool, max_bytes: int | None) -> None:
    """Check plant folders (paths or shipped plant ids; default: every shipped plant)."""
    from canonical.engine import check_plant
    from canonical.mapping.csvfile import MAX_TABLE_BYTES
    from canonical.mapping.source import shipped_plants

    targets = paths or tuple(shipped_plants())
    if not targets:
        fail("no plant given and no shipped plants found")
    report = Report()
    for target in targets:
        try:
            report += check_plant(target, max_bytes=max_bytes or MAX_TABLE_BYTES)
        except PlantNotFoundError as exc:
            fail(exc)
    summary = (f"{plural(len(targets), 'plant')} checked: {plural(len(report.errors), 'error')}"
               f", {plural(len(report.warnings), 'warning')}")
    unreadable = {"MAP-001", "MAP-010", "MAP-011", "MAP-014", "MAP-030"}
    render_report(report, fmt, summary=summary)
    if any(f.rule_id in unreadable for f in report.errors):
        sys.exit(2)
    sys.exit(EXIT_FINDINGS if report.failed(strict=strict) else EXIT_OK)


@mappings.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "junit",
                                                     "github"]),
              default="text", show_default=True, help="Output format (shared with schema diff).")
@click.option("--fail-on", type=click.Choice(["none", "breaking", "any"]), default="breaking",
              show_default=True, help="Exit 1 when an unwaived change at this level exists "
              "(as canon schema diff).")
def diff(old: str, new: str, fmt: str, fail_on: str) -> None:
    """Added, removed and changed rows, plant.yaml settings and specs between two plants.

    OLD and NEW are folders, shipped plant ids or git revisions (git:main:mappings/DE01).
    Exit 1 when a change at the --fail-on level exists (default: breaking, as canon schema
    diff); --format github prints annotations with the file and line of each change.
    A side with read errors (e.g. a ragged row, MAP-019) is refused with exit 2 whatever
    --fail-on says: its unreadable rows would be missing from the diff.
    """
    from canonical.changes import FailOn
    from canonical.changes.render import render
    from canonical.mapping.diff import diff_plants

    try:
        log = diff_plants(old, new)
    except PlantDiffRefusedError as exc:  # rows that failed to load: never a partial diff
        for finding in exc.report.errors:
            click.echo(finding.render(), err=True)
        fail(exc)
    except (PlantNotFoundError, MappingTableError) as exc:
        fail(exc)
    level = FailOn(fail_on)
    click.echo(render(log, fmt, level), nl=False)
    sys.exit(EXIT_FINDINGS if log.failing(level) else EXIT_OK)


@mappings.command()
@click.argument("path")
@click.option("--data", "data", required=True, type=click.Path(path_type=Path),
              help="Extract of native records: CSV with header or JSON Lines.")
@click.option("--entity", required=True, help="Entity of the records, e.g. ProductionOrder.")
@click.option("--source", default=None, help="Source system of the extract (else the "
              "record's source_system field).")
@click.option("--column", "columns", multiple=True, metavar="FIELD=TABLE",
              help="Map an extract field to a table (replaces the entity's default fields).")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date the mappings must be valid on (default: today in the plant).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Codes mapped only by deprecated rows fail too.")
def coverage(path: str, data: Path, entity: str, source: str | None, columns: tuple[str, ...],
             on: datetime | None, fmt: str, strict: bool) -> None:
    """Source codes in extracted data with no approved mapping, most frequent first."""
    from canonical.mapping.coverage import coverage as measure

    fields: dict[str, str] = {}
    for item in columns:
        field, sep, table = item.partition("=")
        if not sep or not field or not table:
            fail(f"--column expects FIELD=TABLE, got {item!r}")
        fields[field] = table
    day: date | None = on.date() if on is not None else None
    plant = _load(path)
    try:
        result = measure(plant, data, entity, source=source, on=day, fields=fields or None)
    except (InputError, LookupError, MappingTableError) as exc:
        fail(exc if isinstance(exc, CanonicalError) else str(exc))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(f"{result.plant} {result.entity} {result.file}: {result.records} records, "
                   f"{result.codes} codes checked on {result.on}; "
                   f"{len(result.unmapped)} unmapped, "
                   f"{len(result.entries) - len(result.unmapped)} deprecated-only")
        for e in result.entries:
            state = "deprecated" if e.deprecated else "unmapped"
            click.echo(f"{e.count:>8}  {e.table:<24} {e.system:<12} {e.code!r} ({state}, "
                       f"first line {e.first_line})")
    failing = result.entries if strict else result.unmapped
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


@mappings.command()
@click.argument("path")
@click.option("--table", required=True, help="Table to export, e.g. units.")
@click.option("--format", "fmt", type=click.Choice(["sssom"]), default="sssom",
              show_default=True, help="Export format.")
@click.option("--source", default=None, help="Only this source system.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
def export(path: str, table: str, fmt: str, source: str | None, output: Path | None) -> None:
    """Export a table's approved rows as SSSOM TSV."""
    from canonical.mapping.sssom import export_sssom

    plant = _load(path)
    try:
        text = export_sssom(plant, table, source_system=source)
    except (LookupError, MappingTableError) as exc:
        fail(exc if isinstance(exc, CanonicalError) else str(exc))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except WriteError as exc:
        fail(exc)


@mappings.command()
@click.argument("plant")
@click.option("--by", "approver", required=True, help="The approving steward (not the owner).")
@click.option("--spec", "specs", multiple=True, metavar="FILE",
              help="Spec file name in specs/ (repeatable).")
@click.option("--row", "rows", multiple=True, metavar="TABLE/SYSTEM/CODE[@VALID_FROM]",
              help="A table row as the diff names it (repeatable).")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Approval date recorded in specs (default: today).")
def approve(plant: str, approver: str, specs: tuple[str, ...], rows: tuple[str, ...],
            on: datetime | None) -> None:
    """Record a steward's approval of specs (status, approved_by, approved_on and the content
    fingerprint) or table rows (status, approved_by). Refused (exit 1, MAP-367) for the
    owner, an unknown spec or row, or a spec with error findings."""
    from canonical.engine import check_plant
    from canonical.errors import ApprovalRefusedError
    from canonical.mapping.approve import approve_row, approve_spec
    from canonical.mapping.source import folder_label, resolve_plant

    if not specs and not rows:
        fail("name at least one --spec or --row to approve")
    try:
        folder = resolve_plant(plant)
    except PlantNotFoundError as exc:
        fail(exc)
    label = folder_label(folder)
    day = on.date() if on is not None else date.today()
    broken = {f.file for f in check_plant(folder).errors}
    try:
        for name in specs:
            file = f"{label}/specs/{name if name.endswith('.yaml') else name + '.yaml'}"
            if file in broken:
                raise ApprovalRefusedError("the spec has error findings; run 'canon mappings "
                                           "check' and fix them first", source=file)
            done = approve_spec(folder, name, approver, on=day, label=label)
            click.echo(f"{done.file}: {'already ' if done.unchanged else ''}approved by "
                       f"{done.approver} ({done.fingerprint})")
        for ident in rows:
            done = approve_row(folder, ident, approver, label=label)
            click.echo(f"{done.file}: {ident} {'already ' if done.unchanged else ''}approved "
                       f"by {done.approver}")
    except ApprovalRefusedError as exc:
        fail(exc, EXIT_FINDINGS)
    except WriteError as exc:
        fail(exc)


_AGAINST = click.option(
    "--against", default=None, metavar="RELEASE|git:REV[:PATH]",
    help="Base to diff against: a release version of the plant or a git revision (default: "
    "the newest release at or below the plant's version).")


@mappings.command("check-release")
@click.argument("plant")
@_AGAINST
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "junit",
                                                     "github"]),
              default="text", show_default=True, help="Output format (shared with diff).")
def check_release(plant: str, against: str | None, fmt: str) -> None:
    """Fail (exit 1) unless the plant version moved at least as far as the diff's bump, the
    plant's CHANGELOG.md has a section for it, every spec is approved as it is and no release
    snapshot was modified."""
    from canonical.changes import FailOn
    from canonical.changes.render import render
    from canonical.governance.plant_release import check_plant_release

    try:
        result = check_plant_release(plant, against=against)
    except (PlantNotFoundError, MappingTableError) as exc:
        fail(exc)
    click.echo(render(result.log, fmt, FailOn.NONE), nl=False)  # the findings fail it
    if fmt == "text":
        base = result.base or "(no release yet)"
        click.echo(f"release check of {result.plant}: version {result.version or '(none)'}, "
                   f"base {base}, required bump {result.required.value}: "
                   f"{'ok' if result.ok else 'FAILED'}")
        if "MAP-381" in result.log.findings.rule_ids():
            click.echo("draft CHANGELOG.md section:\n" + result.draft)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)


@mappings.command()
@click.argument("plant")
@_AGAINST
def release(plant: str, against: str | None) -> None:
    """Cut the immutable release snapshot PLANT/releases/<version>/ (plant.yaml, tables, specs
    and SHA256SUMS) after the release check passes. Re-running it for identical content is a
    no-op; a release with different content is never overwritten (exit 1, MAP-382)."""
    from canonical.errors import PlantReleaseError
    from canonical.governance.plant_release import cut_plant_release

    try:
        target = cut_plant_release(plant, against=against)
    except PlantReleaseError as exc:
        fail(exc, EXIT_FINDINGS)
    except (PlantNotFoundError, MappingTableError, WriteError) as exc:
        fail(exc)
    click.echo(f"release snapshot {target}")
