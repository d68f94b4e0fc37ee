"""Console sessions in guides, run when the docs are built, so the output shown is real.

A page holds a session as an HTML comment (invisible in the raw Markdown)::

    <!-- canon-session docs/examples/steward-change
    canon mappings diff before/IT04 after/IT04
    canon mappings approve after/IT04 --row units/SAP_S4/CRT@2026-07-01 --by g.rossi
    -->

The mkdocs hook (:mod:`canonical.cli.docs_hook`) replaces it with a ``console`` block: each
command after ``$``, what it printed (standard output and standard error, in order) and, when
it is not 0, its exit status (``$ echo $?``). The commands run in a scratch copy of the
example folder (named relative to the repository root), one after the other, so a command
that writes (``canon mappings approve``) changes what the next one sees, and nothing in the
repository is touched. A command that is not ``canon ...``, a missing folder, or a session
that is never closed fails the build.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

OPEN = "<!-- canon-session "
SESSION = re.compile(r"^<!-- canon-session (?P<folder>\S+)[ \t]*\n(?P<body>.*?)^-->[ \t]*$",
                     re.MULTILINE | re.DOTALL)


class SessionError(ValueError):
    """A session that cannot be run (the docs build reports it and fails)."""


@dataclass(frozen=True, slots=True)
class Step:
    command: str
    output: str
    exit_code: int

    def render(self) -> str:
        text = f"$ {self.command}\n{self.output}"
        if text and not text.endswith("\n"):
            text += "\n"
        return text + (f"$ echo $?\n{self.exit_code}\n" if self.exit_code else "")


@contextmanager
def _scratch(folder: Path) -> Iterator[Path]:
    base = Path(tempfile.mkdtemp(prefix="canon-session-"))
    copy = base / folder.name
    shutil.copytree(folder, copy)
    here = Path.cwd()
    os.chdir(copy)
    try:
        yield copy
    finally:
        os.chdir(here)
        shutil.rmtree(base, ignore_errors=True)


def run_session(folder: Path, commands: list[str]) -> list[Step]:
    """Run ``commands`` (``canon ...`` lines) in a scratch copy of ``folder``."""
    from click.testing import CliRunner

    from canonical.cli import cli

    if not folder.is_dir():
        raise SessionError(f"canon-session: no folder {folder}")
    steps = []
    with _scratch(folder):
        for command in commands:
            words = shlex.split(command)
            if not words or words[0] != "canon":
                raise SessionError(f"canon-session: only canon commands run, not {command!r}")
            result = CliRunner().invoke(cli, words[1:], prog_name="canon")
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise SessionError(f"canon-session: {command!r} raised "
                                   f"{type(result.exception).__name__}: {result.exception}")
            steps.append(Step(command, result.output, result.exit_code))
    return steps


def commands_of(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


#: a fenced code block (a session shown inside one is an example, not run)
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$",
                   re.MULTILINE | re.DOTALL)
_START = re.compile(r"^<!-- canon-session ", re.MULTILINE)


def render_sessions(markdown: str, root: Path) -> str:
    """``markdown`` with every session (at the start of a line, outside fenced code) replaced
    by its ``console`` block."""
    fenced = [(m.start(), m.end()) for m in FENCE.finditer(markdown)]

    def outside(pos: int) -> bool:
        return not any(start <= pos < end for start, end in fenced)

    def block(match: re.Match[str]) -> str:
        if not outside(match.start()):
            return match[0]
        steps = run_session(root / match["folder"], commands_of(match["body"]))
        return "```console\n" + "".join(step.render() for step in steps) + "```"

    closed = {m.start() for m in SESSION.finditer(markdown)}
    for start in _START.finditer(markdown):
        if start.start() not in closed and outside(start.start()):
            line = markdown[:start.start()].count("\n") + 1
            raise SessionError(f"canon-session at line {line} is not closed with '-->'")
    return SESSION.sub(block, markdown)
