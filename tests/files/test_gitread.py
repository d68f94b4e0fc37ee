"""git:REV:path: validated specs, --end-of-options, one reader for schema and mapping diffs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.errors import InputError
from canonical.files import gitread


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.email=qs@werk.example", "-c", "user.name=QS", *args],
                       cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "mappings" / "PL02").mkdir(parents=True)
    (tmp_path / "mappings" / "PL02" / "plant.yaml").write_text("id: PL02\nname: Zakład Łódź\n",
                                                              encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "Zakład")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_reads_a_file_at_a_revision(repo: Path) -> None:
    spec = gitread.parse_git_spec("git:HEAD:mappings/PL02/plant.yaml")
    assert gitread.show(spec).decode() == "id: PL02\nname: Zakład Łódź\n"
    assert gitread.list_files(gitread.parse_git_spec("git:HEAD:mappings/PL02")) == [
        "mappings/PL02/plant.yaml"]


@pytest.mark.parametrize("spec", [
    "git:--output=/tmp/canon-pwned:schemas/canonical.yaml", "git:-p:x", "git:HEAD",
    "git::schemas/canonical.yaml", "git:HEAD\n:x", "schemas/canonical.yaml",
])
def test_malformed_or_option_like_specs_are_io_030(spec: str) -> None:
    with pytest.raises(InputError) as caught:
        gitread.parse_git_spec(spec)
    assert caught.value.rule_id == "IO-030"


def test_unknown_revision_is_io_031(repo: Path) -> None:
    with pytest.raises(InputError) as caught:
        gitread.show(gitread.parse_git_spec("git:no-such-branch:mappings/PL02/plant.yaml"))
    assert caught.value.rule_id == "IO-031"


@pytest.mark.parametrize("argv", [
    ["schema", "diff", "1.0.0", "git:--output={out}:schemas/canonical.yaml"],
    ["mappings", "diff", "git:--output={out}:mappings/PL02", "mappings/PL02"],
])
def test_cli_never_lets_git_write_a_file(repo: Path, argv: list[str]) -> None:
    out = repo / "written-by-git"
    result = CliRunner().invoke(cli, [a.format(out=out) for a in argv])
    assert result.exit_code == 2, result.output
    assert "IO-030" in result.output
    assert not out.exists()
