"""``canon validate``: check canonical records in JSON, JSON Lines or JSON array files."""

from __future__ import annotations

import sys

import click

from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, counts, fail, format_option, render_report
from canonical.errors import InputError, UnknownEntityError
from canonical.reading import read_records
from canonical.report import Finding, Report
from canonical.validation import entity_model, validate_many


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--entity", "-e", required=True, help="Canonical entity of the records, e.g. ProductionOrder.")
@format_option
def validate(files: tuple[str, ...], entity: str, fmt: str) -> None:
    """Validate canonical records (structure and business rules).

    Exit 0 when every record passes, 1 when any record has an error finding, 2 for usage
    errors or unreadable input.
    """
    try:
        entity_model(entity)
    except UnknownEntityError as exc:
        fail(exc)
    findings: list[Finding] = []
    total = 0
    for path in files:
        try:
            records = read_records(path)
        except InputError as exc:
            fail(exc)
        report = validate_many([rec.data for rec in records], entity)
        for f in report.findings:
            line = records[f.record].line if f.record is not None else None
            findings.append(f.located(file=path, line=line))
        total += len(records)
    report = Report(tuple(findings))
    render_report(report, fmt, summary=counts(report, total))
    sys.exit(EXIT_FINDINGS if report.errors else EXIT_OK)
