"""The versioning page's worked example shows the real output of its diff command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli.governance import diff_command

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "guides" / "versioning.md"


def test_worked_example_is_the_current_diff_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the output names the schema file as given, relative to the root
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Worked example:", 1)[1]
    block = re.search(r"```text\n(.*?)\n\s*```", section, re.DOTALL)
    assert block is not None
    lines = [line.removeprefix("    ") for line in block.group(1).splitlines()]
    command, shown = lines[0], lines[1:]
    assert command.startswith("$ canon schema diff ")
    args = shlex.split(command.removeprefix("$ canon schema diff "))
    result = CliRunner().invoke(diff_command, args)
    assert result.exit_code == 0, result.output
    # regenerate the block after a schema change: run the command from the repository root
    assert result.output.rstrip("\n").splitlines() == shown
