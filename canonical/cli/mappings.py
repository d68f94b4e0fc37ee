"""``canon mappings``: check, diff, measure coverage of and export plant mapping tables.

Exit codes: 0 clean, 1 findings at error level (or warnings with ``--strict``, or unmapped
codes for ``coverage``), 2 usage errors or unreadable input (for ``diff``: a side with read
errors, whatever ``--fail-on`` says).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from canonical.cli.inputs import PLANT_REF, InputFile, label
from canonical.cli.options import (
    as_of_option,
    deprecated_alias,
    entity_option,
    format_option,
    output_option,
)
from canonical.cli.output import (
    CHECK_FORMATS,
    EXIT_FINDINGS,
    EXIT_OK,
    check_format_option,
    fail,
    plural,
    render_report,
)
from canonical.cli.progress import enabled, progress_option, stage
from canonical.errors import (
    CanonicalError,
    InputError,
    InvalidPlantError,
    MappingTableError,
    PlantDiffRefusedError,
    PlantNotFoundError,
)
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
        _refuse(exc)
    except (PlantNotFoundError, MappingTableError) as exc:
        fail(exc)


def _refuse(exc: InvalidPlantError) -> NoReturn:
    """A plant with error findings exits 1 listing them."""
    render_report(Report.of(exc.report.errors), "text",
                  summary=f"plant {exc.plant} has {plural(len(exc.report.errors), 'error')}"
                  "; run 'canon mappings check' and fix them first")
    sys.exit(EXIT_FINDINGS)


def b2mml_overrides(target: str) -> Report:
    """Findings of the plant's B2MML files and their approvals
    (:mod:`canonical.governance.plant_b2mml`)."""
    from canonical.governance.plant_b2mml import check_plant_b2mml
    from canonical.mapping.source import folder_label, resolve_plant

    folder = resolve_plant(target)
    label = folder_label(folder)
    return check_plant_b2mml(folder, label, folder.name if label.startswith("mappings/")
                             else label)


@click.group()
def mappings() -> None:
    """Plant mapping tables: governance checks, reviews, coverage and SSSOM export."""


@mappings.command()
@click.argument("paths", nargs=-1, type=PLANT_REF)
@check_format_option
@output_option
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@_MAX_BYTES
@progress_option
def check(paths: tuple[str, ...], fmt: str, strict: bool, max_bytes: int | None,
          progress: bool | None) -> None:
    """Check plant folders (paths or shipped plant ids; default: every shipped plant)."""
    from canonical.engine import check_plant
    from canonical.mapping.csvfile import MAX_TABLE_BYTES
    from canonical.mapping.source import shipped_plants

    targets = paths or tuple(shipped_plants())
    if not targets:
        fail("no plant given and no shipped plants found")
    report = Report()
    show = enabled(progress)
    for target in targets:
        try:
            with stage(f"checking {target}", show=show):
                report += check_plant(target, max_bytes=max_bytes or MAX_TABLE_BYTES)
                report += b2mml_overrides(target)
        except PlantNotFoundError as exc:
            fail(exc)
    summary = (f"{plural(len(targets), 'plant')} checked: {plural(len(report.errors), 'error')}"
               f", {plural(len(report.warnings), 'warning')}")
    unreadable = {"MAP-001", "MAP-010", "MAP-011", "MAP-014", "MAP-030"}
    render_report(report, fmt, summary=summary, suite="canon mappings check")
    if any(f.rule_id in unreadable for f in report.errors):
        sys.exit(2)
    sys.exit(EXIT_FINDINGS if report.failed(strict=strict) else EXIT_OK)


@mappings.command()
@click.argument("old", type=PLANT_REF)
@click.argument("new", type=PLANT_REF)
@format_option(["text", "json", "markdown", "junit", "github"], "text",
               help="Output format (shared with schema diff).")
@output_option
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
@click.argument("path", type=PLANT_REF)
@click.option("--data", "data", required=True, type=InputFile(".csv"),
              help="Extract of native records: CSV with header or JSON Lines ('-': standard "
              "input).")
@entity_option()
@click.option("--source", default=None, help="Source system of the extract (else the "
              "record's source_system field).")
@click.option("--column", "columns", multiple=True, metavar="FIELD=TABLE",
              help="Map an extract field to a table (replaces the entity's default fields); "
              "FIELD may be a dotted path through nested objects and lists (d.results.Material).")
@as_of_option("Date the mappings must be valid on (default: today in the plant).")
@deprecated_alias("--on", "--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]))
@format_option(CHECK_FORMATS, "text", help="Output format: text, json, junit (CI test report) "
               "or github (Actions annotations at the first line of each code).")
@output_option
@click.option("--strict", is_flag=True, help="Codes mapped only by deprecated rows fail too.")
@progress_option
def coverage(path: str, data: Path, entity: str, source: str | None, columns: tuple[str, ...],
             as_of: datetime | None, fmt: str, strict: bool, progress: bool | None) -> None:
    """Source codes in extracted data with no approved mapping, most frequent first."""
    from canonical.mapping.coverage import folder_coverage
    from canonical.mapping.source import resolve_plant

    fields: dict[str, str] = {}
    for item in columns:
        field, sep, table = item.partition("=")
        if not sep or not field or not table:
            fail(f"--column expects FIELD=TABLE, got {item!r}")
        fields[field] = table
    day: date | None = as_of.date() if as_of is not None else None
    try:
        folder = resolve_plant(path)
        with stage(f"measuring coverage of {label(data)}", show=enabled(progress)):
            # the tables are read row by row, never held: million-row tables fit
            result = folder_coverage(folder, data, entity, source=source, on=day,
                                     fields=fields or None)
        result = replace(result, file=label(result.file))
    except InvalidPlantError as exc:
        _refuse(exc)
    except (InputError, LookupError, MappingTableError) as exc:
        fail(exc if isinstance(exc, CanonicalError) else str(exc))
    failing = result.entries if strict else result.unmapped
    if fmt in ("junit", "github"):
        summary = (f"{result.plant} {result.entity} {result.file}: {len(result.unmapped)} "
                   f"unmapped, {len(result.entries) - len(result.unmapped)} deprecated-only")
        render_report(result.report(), fmt, summary=summary, suite="canon mappings coverage")
    elif fmt == "json":
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
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


@mappings.command()
@click.argument("path", type=PLANT_REF)
@click.option("--table", required=True, help="Table to export, e.g. units.")
@format_option(["sssom"], "sssom", help="Export format.")
@click.option("--source", default=None, help="Only this source system.")
@output_option
def export(path: str, table: str, fmt: str, source: str | None) -> None:
    """Export a table's approved rows as SSSOM TSV."""
    from canonical.mapping.sssom import export_sssom

    plant = _load(path)
    try:
        text = export_sssom(plant, table, source_system=source)
    except (LookupError, MappingTableError) as exc:
        fail(exc if isinstance(exc, CanonicalError) else str(exc))
    click.echo(text, nl=False)


from canonical.cli.plant_governance import approve, check_release, release  # noqa: E402

for _command in (approve, check_release, release):
    mappings.add_command(_command)
