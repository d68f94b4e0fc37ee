"""``canon validate``: check canonical records in JSON, JSON Lines or JSON array files."""

from __future__ import annotations

import sys

import click

from canonical.cli.output import (
    EXIT_FINDINGS,
    EXIT_OK,
    check_format_option,
    counts,
    fail,
    render_report,
)
from canonical.cli.progress import counted, enabled, progress_option
from canonical.errors import InputError, UnknownEntityError
from canonical.reading import read_records
from canonical.report import Finding, Report
from canonical.validation import entity_model, validate_many


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--entity", "-e", required=True, help="Canonical entity of the records, e.g. ProductionOrder.")
@check_format_option
@progress_option
def validate(files: tuple[str, ...], entity: str, fmt: str, progress: bool | None) -> None:
    """Validate canonical records (structure and business rules).

    Exit 0 when every record passes, 1 when any record has an error finding, 2 for usage
    errors or unreadable input.
    """
    try:
        entity_model(entity)
    except UnknownEntityError as exc:
        fail(exc)
    # all files form one extract: duplicate ids and references are checked across files
    located: list[tuple[str, int, int]] = []  # file, line, index within the file
    data = []
    show = enabled(progress)
    for path in counted(files, "reading", show=show and len(files) > 1, unit="file"):
        try:
            records = read_records(path)
        except InputError as exc:
            fail(exc)
        for rec in records:
            located.append((path, rec.line, rec.index))
            data.append(rec.data)
    findings: list[Finding] = []
    checking = counted(data, f"validating {entity}", show=show, total=len(data))
    for f in validate_many(checking, entity).findings:
        if f.record is None:
            findings.append(f)
            continue
        path, line, index = located[f.record]
        findings.append(f.located(file=path, line=line, record=index))
    total = len(data)
    report = Report(tuple(findings))
    render_report(report, fmt, summary=counts(report, total), suite=f"canon validate {entity}")
    sys.exit(EXIT_FINDINGS if report.errors else EXIT_OK)
