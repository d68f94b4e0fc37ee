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
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.errors import SchemaLoadError, WaiverFileError
from canonical.files.atomic import write_atomic
from canonical.resources import data_file

mode_option = click.option(
    "--mode", type=click.Choice([m.value for m in Mode]), default=Mode.BACKWARD.value,
    show_default=True, help="Compatibility promise: backward (new readers read old data), "
    "forward (old readers read new data) or full (both).",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
    help="Output format (json follows schemas/changelog-report.schema.json).",
)
waivers_option = click.option(
    "--waivers", "waivers_file", type=click.Path(path_type=Path), default=None,
    help="YAML file of approved changes keyed by change id.",
)
today_option = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    help="Evaluate waiver expiry and sunset dates as of this day (default: today).",
)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@mode_option
@format_option
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
                 waivers_file: Path | None, today: datetime | None, old_version: str | None,
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
    day = today.date() if today is not None else date.today()
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
@click.option("--schema", "schema_path", type=click.Path(path_type=Path), default=None,
              help="Schema to check (default: the shipped schemas/canonical.yaml).")
@click.option("--changelog", type=click.Path(path_type=Path), default=Path("CHANGELOG.md"),
              show_default=True, help="Keep a Changelog file that must have the version.")
@click.option("--releases", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of release snapshots (default: schemas/releases).")
@click.option("--write-changelog", is_flag=True,
              help="Insert a drafted entry for the version into the changelog when missing.")
@mode_option
@format_option
@waivers_option
@today_option
def check_release_command(schema_path: Path | None, changelog: Path, releases: Path | None,
                          write_changelog: bool, mode: str, fmt: str,
                          waivers_file: Path | None, today: datetime | None) -> None:
    """Fail unless the schema version is bumped as its diff to the latest release requires
    and CHANGELOG.md has an entry for it. Before the first release only the changelog is
    checked."""
    from canonical.changes.waivers import load_waivers
    from canonical.governance.changelog import has_entry, insert_entry
    from canonical.governance.check import ReleaseCheck, check_release

    day = today.date() if today is not None else date.today()
    schema = schema_path or data_file("schemas", "canonical.yaml")

    def run() -> ReleaseCheck:
        waivers = load_waivers(waivers_file) if waivers_file is not None else ()
        return check_release(schema, changelog, mode=Mode(mode), waivers=waivers,
                             releases=releases, today=day)

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


@click.command("release")
@click.option("--schema", "schema_path", type=click.Path(path_type=Path), default=None,
              help="Schema to snapshot (default: the shipped schemas/canonical.yaml).")
@click.option("--releases", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of release snapshots (default: schemas/releases).")
def release_command(schema_path: Path | None, releases: Path | None) -> None:
    """Cut the release snapshot schemas/releases/<version>/ and record its SHA-256."""
    from canonical.governance.release import cut_snapshot

    schema = schema_path or data_file("schemas", "canonical.yaml")
    try:
        target = cut_snapshot(schema, releases)
    except SchemaLoadError as exc:
        fail(exc, EXIT_FINDINGS if exc.rule_id == "GOV-092" else 2)
    click.echo(f"release snapshot {target}")
