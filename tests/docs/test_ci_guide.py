"""The CI guide's GitHub Actions workflow: it parses, and every ``canon`` command in it exists.

Commands are checked against the click command tree (subcommands and option names), so a
renamed command or option breaks this test instead of the users' pipelines.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from canonical.cli import cli

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / "docs" / "guides" / "ci-workflow.yml"
GUIDE = ROOT / "docs" / "guides" / "ci.md"


def _workflow() -> dict[str, object]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def canon_commands(script: str) -> list[list[str]]:
    """Every ``canon ...`` command line of a shell script (continuations joined)."""
    joined = re.sub(r"\\\n\s*", " ", script)
    found = []
    for line in joined.splitlines():
        words = shlex.split(line, comments=True)
        if "canon" in words:
            found.append(words[words.index("canon") + 1:])
    return found


def _runs() -> list[str]:
    jobs = _workflow()["jobs"]
    assert isinstance(jobs, dict) and jobs
    return [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]


COMMANDS = [words for script in _runs() for words in canon_commands(script)]


def resolve(words: list[str]) -> tuple[click.Command, list[str]]:
    """The click command the words name, and the words after it (arguments and options)."""
    command: click.Command = cli
    rest = list(words)
    while isinstance(command, click.Group) and rest:
        sub = command.get_command(click.Context(command), rest[0])
        if sub is None:
            raise LookupError(f"canon has no command {' '.join(words[:len(words) - len(rest) + 1])!r}")
        command, rest = sub, rest[1:]
    return command, rest


def unknown_options(command: click.Command, rest: list[str]) -> list[str]:
    known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    return [w.split("=", 1)[0] for w in rest
            if w.startswith("-") and w.split("=", 1)[0] not in known]


def test_workflow_parses_and_checks_out_full_history() -> None:
    data = _workflow()
    steps = [s for job in data["jobs"].values() for s in job["steps"]]  # type: ignore[union-attr]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


def test_workflow_covers_every_checking_command() -> None:
    named = {" ".join(w[:2]) if w[0] in {"mappings", "schema"} else w[0] for w in COMMANDS}
    assert {"mappings check", "mappings diff", "schema diff", "validate", "batch"} <= named


@pytest.mark.parametrize("words", COMMANDS, ids=lambda w: " ".join(w[:2]))
def test_every_canon_command_exists(words: list[str]) -> None:
    command, rest = resolve(words)
    assert not isinstance(command, click.Group), f"'canon {' '.join(words)}' names a group"
    assert unknown_options(command, rest) == []


def test_checker_catches_a_wrong_command_and_option() -> None:
    with pytest.raises(LookupError):
        resolve(["mappings", "verify", "x"])
    command, rest = resolve(["validate", "--entity", "Lot", "x.json", "--fromat", "github"])
    assert unknown_options(command, rest) == ["--fromat"]


def test_guide_shows_the_workflow_file_verbatim() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", guide, re.DOTALL)
    assert block is not None
    assert block.group(1) == WORKFLOW.read_text(encoding="utf-8")
