"""``canon demo``: the package at work on the shipped example data."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import cast

import click

from canonical.cli.options import output_option
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, plural
from canonical.reading import read_records
from canonical.registry import load
from canonical.resources import EXAMPLE_RECORDS, data_dir
from canonical.validation import validate_many

#: later sections (mapping flows, ...) register here as "module:function" returning ok/not ok;
#: one that does not import stops the demo (RegistryError), never skipped silently
SECTIONS: tuple[str, ...] = ("canonical.cli.demo_flows:run_flows",)


def validate_examples(echo: Callable[[str], None]) -> bool:
    """Validate every shipped example record; print one line per entity."""
    echo("1. Canonical records (examples/records): structure + business rules")
    records_dir = data_dir("examples") / "records"
    ok = True
    for entity, stem in EXAMPLE_RECORDS.items():
        records = read_records(records_dir / f"{stem}.json")
        report = validate_many([r.data for r in records], entity)
        status = "ok" if report.ok else "FAILED"
        ok = ok and report.ok
        echo(
            f"   {entity:<22} {plural(len(records), 'record'):<11} "
            f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}  {status}"
        )
        for finding in report.findings:
            echo(f"      {finding.render()}")
    return ok


@click.command()
@output_option
def demo() -> None:
    """Run the main jobs on the shipped example data and print what happened."""
    ok = validate_examples(click.echo)
    for target in SECTIONS:
        section = cast(Callable[[Callable[[str], None]], bool], load("demo section", target))
        click.echo("")
        ok = section(click.echo) and ok
    click.echo("")
    click.echo("demo finished: all checks passed" if ok else "demo finished: some checks FAILED")
    click.echo("next: the same flows over HTTP for platforms that cannot import Python: "
               "pip install 'mfg-canonical[service]' && canon serve "
               "(docs/guides/integration-service.md)")
    sys.exit(EXIT_OK if ok else EXIT_FINDINGS)
