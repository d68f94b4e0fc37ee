"""``canon schema diff`` / ``check-release`` / ``release``: schema governance commands.

Registered under ``canon schema`` by :mod:`canonical.cli.schema`. Exit codes: 0 nothing at
or above the ``--fail-on`` level (diff) or release checks passed; 1 unwaived changes at that
level, or a failed release check; 2 unreadable or invalid schema, waiver file or usage.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from canonical.changes.model import FailOn, Mode
from canonical.changes.render import FORMATS, render
from canonical.cli import options
from canonical.cli.inputs import STDIN_LABEL, FolderRef, InputFile, InputRef, label
from canonical.cli.options import F, no_output
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.errors import SchemaLoadError, WaiverFileError
from canonical.files.atomic import write_atomic
from canonical.resources import data_file

RELEASES = FolderRef("a folder of release snapshots")

mode_option = click.option(
    "--mode", type=click.Choice([m.value for m in Mode]), default=Mode.BACKWARD.value,
    show_default=True, help="Compatibility promise: backward (new readers read old data), "
    "forward (old readers read new data) or full (both).",
)
format_option = options.format_option(
    FORMATS, "text", help="Output format (json follows schemas/changelog-report.schema.json).")
waivers_option = click.option(
    "--waivers", "waivers_file", type=InputFile(".yaml"), default=None,
    help="YAML file of approved changes keyed by change id.",
)


def today_option(function: F) -> F:
    """``--as-of`` (the old spelling ``--today`` still works, with a warning)."""
    dated = options.as_of_option(
        "Evaluate waiver expiry and sunset dates as of this day (default: today).")(function)
    return options.deprecated_alias("--today", "--as-of", "as_of",
                                    type=click.DateTime(formats=["%Y-%m-%d"]))(dated)


@click.command("diff")
@click.argument("old", type=InputRef(".yaml"))
@click.argument("new", type=InputRef(".yaml"))
@mode_option
@format_option
@options.output_option
@click.option("--fail-on", type=click.Choice([f.value for f in FailOn]),
              default=FailOn.BREAKING.value, show_default=True,
              help="Exit 1 when an unwaived change at this level exists.")
@waivers_option
@today_option
@click.option("--old-version", default=None, metavar="X.Y.Z",
              help="Version of OLD, overriding (or standing in for) its `version`.")
@click.option("--new-version", default=None, metavar="X.Y.Z",
              help="Version of NEW, overriding (or standing in for) its `version`.")
@click.option("--import-map", "import_map", multiple=True, metavar="PREFIX=DIR",
              help="Read imports under PREFIX (linkml:, a URL prefix) from the local folder "
              "DIR. Repeatable; longest prefix wins.")
@click.option("--old-import-map", multiple=True, metavar="PREFIX=DIR",
              help="As --import-map, for OLD only (wins over --import-map).")
@click.option("--new-import-map", multiple=True, metavar="PREFIX=DIR",
              help="As --import-map, for NEW only (wins over --import-map).")
@click.option("--show-imports", is_flag=True,
              help="Report which file each import of both schemas was read from (GOV-100).")
@click.option("--by-class", is_flag=True,
              help="Add the per-class view: every class with the changes that reach it "
              "(text, json, markdown).")
def diff_command(old: str, new: str, mode: str, fmt: str, fail_on: str,
                 waivers_file: Path | None, as_of: datetime | None, old_version: str | None,
                 new_version: str | None, import_map: tuple[str, ...],
                 old_import_map: tuple[str, ...], new_import_map: tuple[str, ...],
                 show_imports: bool, by_class: bool) -> None:
    """Semantic diff of two LinkML schemas: what changed, who it breaks, which bump.

    OLD and NEW are LinkML files, release versions (1.0.0) or git revisions
    (git:main:schemas/canonical.yaml).
    """
    from canonical.changes.render import BY_CLASS_FORMATS
    from canonical.changes.waivers import load_waivers
    from canonical.governance.diff import diff
    from canonical.governance.imports import ImportMap

    if by_class and fmt not in BY_CLASS_FORMATS:
        fail(f"--by-class works with --format text, json or markdown, not {fmt}")
    day = as_of.date() if as_of is not None else date.today()
    try:
        waivers = load_waivers(waivers_file) if waivers_file is not None else ()
        log = diff(old, new, mode=mode, waivers=waivers, today=day, old_version=old_version,
                   new_version=new_version, import_map=ImportMap.parse(import_map),
                   old_import_map=ImportMap.parse(old_import_map),
                   new_import_map=ImportMap.parse(new_import_map), report_imports=show_imports)
    except (SchemaLoadError, WaiverFileError) as exc:
        fail(exc)
    level = FailOn(fail_on)
    click.echo(render(log, fmt, level, by_class=by_class), nl=False)
    sys.exit(EXIT_FINDINGS if log.failing(level) else EXIT_OK)


@click.command("check-release")
@click.option("--schema", "schema_path", type=InputFile(".yaml"), default=None,
              help="Schema to check (default: the shipped schemas/canonical.yaml).")
@click.option("--changelog", type=InputFile(".md"), default="CHANGELOG.md",
              show_default=True, help="Keep a Changelog file that must have the version.")
@click.option("--releases", type=RELEASES, default=None,
              help="Folder of release snapshots (default: schemas/releases).")
@click.option("--write-changelog", is_flag=True,
              help="Insert a drafted entry for the version into the changelog when missing.")
@mode_option
@format_option
@options.output_option
@waivers_option
@today_option
def check_release_command(schema_path: Path | None, changelog: Path, releases: str | None,
                          write_changelog: bool, mode: str, fmt: str,
                          waivers_file: Path | None, as_of: datetime | None) -> None:
    """Fail unless the schema version is bumped as its diff to the latest release requires
    and CHANGELOG.md has an entry for it. Before the first release only the changelog is
    checked."""
    from canonical.changes.waivers import load_waivers
    from canonical.governance.changelog import has_entry, insert_entry
    from canonical.governance.check import ReleaseCheck, check_release

    if write_changelog and label(changelog) == STDIN_LABEL:
        fail("--write-changelog writes the changelog: give its path, not '-'")
    day = as_of.date() if as_of is not None else date.today()
    schema = schema_path or data_file("schemas", "canonical.yaml")
    snapshots = Path(releases) if releases is not None else None

    def run() -> ReleaseCheck:
        waivers = load_waivers(waivers_file) if waivers_file is not None else ()
        return check_release(schema, changelog, mode=Mode(mode), waivers=waivers,
                             releases=snapshots, today=day)

    try:
        result = run()
        if write_changelog:
            text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
            if not has_entry(text, result.version):
                write_atomic(changelog, insert_entry(text, result.draft))
                click.echo(f"wrote a draft entry for [{result.version}] to {changelog}", err=True)
                result = run()
    except (SchemaLoadError, WaiverFileError) as exc:
        fail(exc)
    except OSError as exc:
        fail(f"{changelog}: {exc}")
    click.echo(render(result.log, fmt), nl=False)
    if fmt == "text":
        base = result.base or "(no release yet)"
        click.echo(f"release check: version {result.version}, base {base}, required bump "
                   f"{result.required.value}: {'ok' if result.ok else 'FAILED'}")
        if "GOV-091" in result.log.findings.rule_ids():
            click.echo("draft changelog entry:\n" + result.draft)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)


@no_output("it writes the release snapshot folder and prints its path")
@click.command("release")
@click.option("--schema", "schema_path", type=InputFile(".yaml"), default=None,
              help="Schema to snapshot (default: the shipped schemas/canonical.yaml).")
@click.option("--releases", type=RELEASES, default=None,
              help="Folder of release snapshots (default: schemas/releases).")
def release_command(schema_path: Path | None, releases: str | None) -> None:
    """Cut the release snapshot schemas/releases/<version>/ and record its SHA-256."""
    from canonical.governance.release import cut_snapshot

    schema = schema_path or data_file("schemas", "canonical.yaml")
    try:
        target = cut_snapshot(schema, Path(releases) if releases is not None else None)
    except SchemaLoadError as exc:
        fail(exc, EXIT_FINDINGS if exc.rule_id == "GOV-092" else 2)
    click.echo(f"release snapshot {target}")
