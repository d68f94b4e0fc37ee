"""The shallow-clone hint: a git failure in a shallow checkout names ``fetch-depth: 0``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.githint import shallow_hint

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git executable")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def shallow_clone(tmp_path: Path) -> Path:
    origin = tmp_path / "origin"
    (origin / "mappings" / "PL07").mkdir(parents=True)
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "config", "user.email", "ci@example.com")
    _git(origin, "config", "user.name", "CI")
    for n in (1, 2):
        (origin / "mappings" / "PL07" / "note.txt").write_text(str(n), encoding="utf-8")
        _git(origin, "add", "-A")
        _git(origin, "commit", "-q", "-m", f"c{n}")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    return clone


def test_shallow_clone_git_error_names_fetch_depth(shallow_clone: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(shallow_clone)
    assert "fetch-depth: 0" in shallow_hint("x")
    result = CliRunner().invoke(cli, ["mappings", "diff", "git:HEAD~1:mappings/PL07",
                                      "mappings/PL07"])
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.output and "git fetch --unshallow" in result.output


def test_complete_clone_gets_no_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    assert shallow_hint("git revision or path not found") == "git revision or path not found"
