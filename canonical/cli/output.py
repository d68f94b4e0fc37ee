"""Rendering shared by the commands: reports as text or JSON, errors as one line."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

import click

from canonical.cli import options
from canonical.cli.inputs import shown
from canonical.errors import CanonicalError
from canonical.report import Report

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

format_option = options.format_option(("text", "json"), "text")


def fail(exc: CanonicalError | str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one error line (no traceback) and exit."""
    click.echo(shown(f"error: {exc}"), err=True)
    sys.exit(code)


#: formats of every checking command (validate, mappings check, batch): text, JSON and the
#: CI formats of :mod:`canonical.ci_formats`
CHECK_FORMATS: tuple[str, ...] = ("text", "json", "junit", "github")

check_format_option = options.format_option(
    CHECK_FORMATS, "text",
    help="Output format: text, json, junit (CI test report) or github (Actions annotations).")


def render_report(report: Report, fmt: str, *, summary: str = "", suite: str = "canon") -> None:
    """Print ``report`` in ``fmt`` (text, json, junit, github); ``suite`` names the JUnit suite."""
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return
    if fmt in ("junit", "github"):
        from canonical.ci_formats import render_github, render_junit

        rendered = (render_junit(report, suite=suite, summary=summary) if fmt == "junit"
                    else render_github(report, summary=summary))
        click.echo(rendered, nl=False)
        return
    for finding in report.findings:
        click.echo(finding.render())
    if summary:
        click.echo(summary)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def counts(report: Report, records: int) -> str:
    return (
        f"{plural(records, 'record')} checked: {plural(len(report.errors), 'error')}, "
        f"{plural(len(report.warnings), 'warning')}"
    )

