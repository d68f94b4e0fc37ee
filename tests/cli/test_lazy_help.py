"""``canon --help`` lists every command without importing any of them (start-up time)."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from canonical.cli import COMMANDS, SUMMARIES, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_summary_is_the_commands_own_help(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    assert name in SUMMARIES, f"add canon {name}'s summary to canonical.cli.SUMMARIES"
    for limit in (45, 200):
        shown = click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)
        assert shown == command.get_short_help_str(limit)


def test_help_imports_no_subcommand_and_no_pydantic() -> None:
    code = ("import sys\nfrom canonical.cli import main\ntry:\n    main(['--help'])\n"
            "except SystemExit:\n    pass\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('canonical.cli.') "
            "or m in ('pydantic', 'canonical.models', 'importlib.metadata'))\nprint(loaded)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert "validate" in out.stdout and "rule" in out.stdout


def test_version_is_still_reported() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("canon ")
