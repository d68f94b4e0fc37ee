"""``canon mappings approve`` / ``check-release`` / ``release``: plant governance commands.

Registered under ``canon mappings`` by :mod:`canonical.cli.mappings`. Exit codes: 0 recorded,
passed or written; 1 an approval refused (MAP-367), a failed release check or a release that
would overwrite another (MAP-382); 2 usage errors or an unknown plant.
"""

from __future__ import annotations

import sys
from datetime import date, datetime

import click

from canonical.cli.inputs import PLANT_REF
from canonical.cli.options import (
    as_of_option,
    deprecated_alias,
    format_option,
    no_output,
    output_option,
)
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.errors import MappingTableError, PlantNotFoundError, WriteError
from canonical.report import Report


@no_output("it records approvals in the plant's files and prints one line per approval")
@click.command()
@click.argument("plant", type=PLANT_REF)
@click.option("--by", "approver", required=True, help="The approving steward (not the owner).")
@click.option("--spec", "specs", multiple=True, metavar="FILE",
              help="Spec file name in specs/ (repeatable).")
@click.option("--row", "rows", multiple=True, metavar="TABLE/SYSTEM/CODE[@VALID_FROM]",
              help="A table row as the diff names it (repeatable).")
@click.option("--b2mml", "b2mml", multiple=True, metavar="FILE",
              help="A B2MML file of the plant: b2mml.yaml or b2mml/<version>/<family>.yaml "
              "(repeatable); recorded in b2mml-approvals.yaml.")
@as_of_option("Approval date recorded in specs and B2MML records (default: today).")
@deprecated_alias("--on", "--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]))
def approve(plant: str, approver: str, specs: tuple[str, ...], rows: tuple[str, ...],
            b2mml: tuple[str, ...], as_of: datetime | None) -> None:
    """Record a steward's approval of specs or B2MML files (status, approved_by, approved_on
    and the content fingerprint) or table rows (status, approved_by). Refused (exit 1,
    MAP-367) for the owner, an unknown spec, file or row, or one with error findings."""
    from canonical.engine import check_plant
    from canonical.errors import ApprovalRefusedError
    from canonical.governance.plant_b2mml import b2mml_file_findings
    from canonical.mapping.approve import approve_b2mml, approve_row, approve_spec
    from canonical.mapping.source import folder_label, resolve_plant

    if not specs and not rows and not b2mml:
        fail("name at least one --spec, --b2mml or --row to approve")
    try:
        folder = resolve_plant(plant)
    except PlantNotFoundError as exc:
        fail(exc)
    label = folder_label(folder)
    day = as_of.date() if as_of is not None else date.today()
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
        errors = Report.of(b2mml_file_findings(folder, label)).errors if b2mml else []
        for name in b2mml:
            first = next((f for f in errors if f.file in (f"{label}/{name}",
                                                          f"{label}/b2mml/{name}")), None)
            if first is not None:
                raise ApprovalRefusedError(
                    f"the B2MML file has error findings (first: {first.rule_id} "
                    f"{first.message}); run 'canon mappings check' and fix them first",
                    source=first.file, line=first.line)
            done = approve_b2mml(folder, name, approver, on=day, label=label)
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


@click.command("check-release")
@click.argument("plant", type=PLANT_REF)
@_AGAINST
@format_option(["text", "json", "markdown", "junit", "github"], "text",
               help="Output format (shared with diff).")
@output_option
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


@no_output("it writes the release snapshot folder and prints its path")
@click.command()
@click.argument("plant", type=PLANT_REF)
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
