"""The ``canon`` command tree keeps one set of conventions (docs/reference/cli-conventions.md).

These tests walk every command and subcommand, so a new command that drifts (a file argument
without ``-``, output without ``-o``, an option spelled another way) fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from canonical.cli import cli
from canonical.cli.inputs import DiskFile, FolderRef, InputFile, InputRef, OutputFile
from canonical.cli.options import NO_OUTPUT

ROOT = Path(__file__).resolve().parents[2]

#: long option -> the short flag every command that has it must also accept
SHORT = {"--entity": "-e", "--plant": "-p", "--format": "-f", "--output": "-o"}
#: spellings retired for the ones above; they may only survive as hidden deprecated aliases
RETIRED = {"--source-system": "--source", "--today": "--as-of", "--on": "--as-of",
           "-f": "--config-file", "--version": "--b2mml-version"}
#: parameter names that hold a path (or a plant/schema reference): must use canonical.cli.inputs
PATHISH = {"file", "files", "path", "paths", "old", "new", "plant", "folder", "source",
           "data", "schema_path", "changelog", "releases", "site_dir", "config_file",
           "token_file", "materials_file", "waivers_file", "output"}
INPUT_TYPES = (InputFile, InputRef)
PATH_TYPES = (InputFile, InputRef, FolderRef, DiskFile, OutputFile)


def walk(command: click.Command = cli, path: tuple[str, ...] = ("canon",),
         parent: click.Context | None = None) -> Iterator[tuple[str, click.Command]]:
    ctx = click.Context(command, info_name=path[-1], parent=parent)
    yield " ".join(path), command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            yield from walk(sub, (*path, name), ctx)


COMMANDS = dict(walk())
LEAVES = {name: c for name, c in COMMANDS.items() if not isinstance(c, click.Group)}


def options(command: click.Command) -> Iterator[click.Option]:
    yield from (p for p in command.params if isinstance(p, click.Option))


def test_the_walk_sees_every_command() -> None:
    assert {"canon validate", "canon map", "canon schema diff", "canon mappings approve",
            "canon b2mml export", "canon units search", "canon docs build"} <= set(LEAVES)


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_command_with_output_has_dash_o(name: str) -> None:
    command = LEAVES[name]
    output = next((o for o in options(command) if "--output" in o.opts), None)
    reason = getattr(command, NO_OUTPUT, None)
    if reason is None:
        assert output is not None, f"{name} prints output but has no -o/--output"
        assert output.opts == ["-o", "--output"] or set(output.opts) == {"-o", "--output"}
        assert isinstance(output.type, OutputFile)
    else:
        assert output is None and reason, f"{name}: marked no_output but has -o"


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_path_parameters_declare_what_dash_means(name: str) -> None:
    for param in LEAVES[name].params:
        assert not isinstance(param.type, click.Path | click.File), (
            f"{name} {param.name}: declare paths with canonical.cli.inputs (InputFile reads '-', "
            "FolderRef refuses it)")
        if param.name in PATHISH and not (isinstance(param, click.Option) and param.hidden):
            is_system = param.name == "source" and isinstance(param, click.Option)
            assert is_system or isinstance(param.type, PATH_TYPES), f"{name} {param.name}"


def test_option_names_mean_one_thing() -> None:
    spelled: dict[str, set[tuple[tuple[str, ...], str | None]]] = {}
    by_short: dict[str, set[str]] = {}
    for name, command in LEAVES.items():
        for option in options(command):
            if option.hidden:
                assert (option.help or "").startswith("Deprecated spelling of"), (name, option.opts)
                assert any(o in RETIRED for o in option.opts), (name, option.opts)
                continue
            longs = [o for o in option.opts if o.startswith("--")]
            shorts = tuple(sorted(o for o in option.opts if not o.startswith("--")))
            assert not set(option.opts) & {"--source-system", "--today", "--on"}, option.opts
            for long in longs:
                spelled.setdefault(long, set()).add((shorts, option.name))
                if long in SHORT:
                    assert SHORT[long] in option.opts, f"{name} {long} lacks {SHORT[long]}"
            for short in shorts:
                by_short.setdefault(short, set()).update(longs)
            if isinstance(option.type, click.DateTime):
                assert option.opts == ["--as-of"], f"{name}: a day is given with --as-of"
    for long, uses in spelled.items():
        assert len(uses) == 1, f"{long} is spelled differently across commands: {uses}"
    for short, longs in by_short.items():
        assert len(longs) == 1, f"{short} stands for several options: {longs}"


def test_source_means_the_source_system_and_target_the_target() -> None:
    helps = {name: o.help or "" for name, c in LEAVES.items() for o in options(c)
             if o.opts == ["--source"]}
    assert helps and all("source system" in h.lower() or "source system" in h.lower()
                         or "come from" in h for h in helps.values()), helps
    assert not any("target" in h.lower() for h in helps.values()), helps
    assert any(o.opts == ["--target"] for o in options(LEAVES["canon map"]))


def test_conventions_page_lists_the_shared_options() -> None:
    page = (ROOT / "docs" / "reference" / "cli-conventions.md").read_text(encoding="utf-8")
    for long, short in SHORT.items():
        assert f"`{short}`, `{long}`" in page, long
    for old, new in RETIRED.items():
        assert f"`{old}`" in page and f"`{new}`" in page, old
    for name in ("--source", "--target", "--as-of"):
        assert f"`{name}`" in page


def input_parameters() -> set[tuple[str, str]]:
    return {(name, str(p.name)) for name, c in LEAVES.items() for p in c.params
            if isinstance(p.type, INPUT_TYPES)}


def folder_parameters() -> set[tuple[str, str]]:
    return {(name, str(p.name)) for name, c in LEAVES.items() for p in c.params
            if isinstance(p.type, FolderRef | DiskFile) and not getattr(p, "hidden", False)}


def test_stdin_cases_cover_every_file_parameter() -> None:
    from .test_stdin import FOLDER_CASES, STDIN_CASES

    assert input_parameters() == set(STDIN_CASES)
    assert folder_parameters() == set(FOLDER_CASES)


def test_the_cli_reference_shows_current_spellings_only() -> None:
    from canonical.docs.cli_pages import render_cli

    page = render_cli(cli)
    assert "`--target`" in page and "`--as-of`" in page and "cli-conventions.md" in page
    for old in ("--source-system", "--today", "--b2mml-version`, `--version"):
        assert old not in page, old
