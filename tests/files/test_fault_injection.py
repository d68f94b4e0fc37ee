"""Fault injection: every writing command, with the disk full, the folder read-only, or the
process killed at the write. The previous file survives whole, the message names the file and
the cause (IO-010, exit 2, no traceback), and a rerun without the fault completes.

The faults are injected into a real ``canon`` subprocess (no root needed, and root would not be
stopped by a read-only folder anyway): ``os.replace`` failing with ENOSPC, ``tempfile.mkstemp``
failing with EACCES (what a read-only folder does to a non-root user), and SIGKILL sent by the
process to itself from ``os.fsync``, i.e. after the new content is written but before the rename.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAULTS: dict[str, str] = {
    "disk-full": (
        "import os\n"
        "def _full(*a, **k):\n"
        "    raise OSError(28, 'No space left on device')\n"
        "os.replace = _full\n"),
    "read-only": (
        "import tempfile\n"
        "def _denied(*a, **k):\n"
        "    raise PermissionError(13, 'Permission denied')\n"
        "tempfile.mkstemp = _denied\n"),
    "killed": (
        "import os, signal\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"),
}
CAUSES = {"disk-full": "No space left on device", "read-only": "Permission denied"}


def canon(argv: list[str], cwd: Path, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    prelude = FAULTS[fault] if fault else ""
    code = prelude + f"from canonical.cli import main\nmain({argv!r})\n"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


@dataclass(frozen=True)
class Case:
    """A command, the file it writes, and how to set the stage in a fresh folder."""

    argv: Callable[[Path], list[str]]
    target: Callable[[Path], Path]
    stage: Callable[[Path], None]


def _stage_migrate(tmp: Path) -> None:
    order = json.loads((ROOT / "examples" / "records" / "production_order.json").read_text())
    (tmp / "aufträge.json").write_text(json.dumps([order], ensure_ascii=False), encoding="utf-8")


def _stage_batch(tmp: Path) -> None:
    (tmp / "lots.csv").write_text("id,material,quantity_value,quantity_unit,status\n"
                                  "L-0001,MAT-ÄÖ,12.5,KGM,released\n", encoding="utf-8")
    (tmp / "berichte").mkdir()


def _stage_release(tmp: Path) -> None:
    """The shipped schema to release, beside an earlier release 0.9.0 already recorded."""
    shutil.copy(ROOT / "schemas" / "canonical.yaml", tmp / "canonical.yaml")
    earlier = tmp / "releases" / "0.9.0"
    earlier.mkdir(parents=True)
    body = b"id: https://w3id.org/example/alt\nname: alt\nversion: 0.9.0\n"
    (earlier / "canonical.yaml").write_bytes(body)
    (tmp / "releases" / "SHA256SUMS").write_text(
        f"{hashlib.sha256(body).hexdigest()}  0.9.0/canonical.yaml\n", encoding="utf-8")


def _stage_changelog(tmp: Path) -> None:
    shutil.copy(ROOT / "schemas" / "canonical.yaml", tmp / "canonical.yaml")
    (tmp / "releases").mkdir()


CASES: dict[str, Case] = {
    "migrate -o": Case(
        lambda t: ["migrate", str(t / "aufträge.json"), "--from", "1.0.0", "--to", "1.0.0",
                   "-o", str(t / "out.json")],
        lambda t: t / "out.json", _stage_migrate),
    "mappings export -o": Case(
        lambda t: ["mappings", "export", str(ROOT / "mappings" / "DE01"), "--table", "units",
                   "-o", str(t / "units.sssom.tsv")],
        lambda t: t / "units.sssom.tsv", lambda t: None),
    "batch -o": Case(
        lambda t: ["batch", str(t / "lots.csv"), "-e", "Lot", "--format", "html",
                   "-o", str(t / "berichte")],
        lambda t: t / "berichte" / "lots.Lot.html", _stage_batch),
    "schema release (SHA256SUMS)": Case(
        lambda t: ["schema", "release", "--schema", str(t / "canonical.yaml"),
                   "--releases", str(t / "releases")],
        lambda t: t / "releases" / "SHA256SUMS", _stage_release),
    "schema check-release --write-changelog": Case(
        lambda t: ["schema", "check-release", "--schema", str(t / "canonical.yaml"),
                   "--releases", str(t / "releases"), "--changelog", str(t / "CHANGELOG.md"),
                   "--write-changelog"],
        lambda t: t / "CHANGELOG.md", _stage_changelog),
    "docs generate": Case(
        lambda t: ["docs", "generate", str(t / "pages")],
        lambda t: t / "pages" / "reference" / "types.md", lambda t: None),
}
OLD = "# the previous, good content\n" + "Zeile mit Umlauten: äöüß\n" * 200


def _prepare(tmp: Path, case: Case) -> tuple[Path, bytes]:
    """Stage the case; the target holds good old content (``OLD`` unless the stage wrote it)."""
    case.stage(tmp)
    target = case.target(tmp)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(OLD, encoding="utf-8")
    return target, target.read_bytes()


@pytest.mark.parametrize("fault", ["disk-full", "read-only"])
@pytest.mark.parametrize("name", list(CASES))
def test_failed_write_keeps_old_file_and_names_it(tmp_path: Path, name: str, fault: str) -> None:
    case = CASES[name]
    target, old = _prepare(tmp_path, case)
    done = canon(case.argv(tmp_path), tmp_path, fault)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "[IO-010]" in done.stderr and str(target.parent) in done.stderr  # the file it wrote
    assert CAUSES[fault] in done.stderr
    assert target.read_bytes() == old
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("name", list(CASES))
def test_killed_at_the_write_keeps_old_file_and_rerun_completes(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    target, old = _prepare(tmp_path, case)
    done = canon(case.argv(tmp_path), tmp_path, "killed")
    assert done.returncode == -signal.SIGKILL
    assert target.read_bytes() == old
    again = canon(case.argv(tmp_path), tmp_path)
    assert again.returncode in (0, 1), again.stderr  # 1: findings in the report, still written
    assert "Traceback" not in again.stderr
    assert target.read_bytes() != old
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_schema_build_failing_leaves_models_importable(tmp_path: Path) -> None:
    """`canon schema build` rewrites canonical/models/v1.py: a failed write must not empty it."""
    generated = [ROOT / "canonical" / "models" / "v1.py", ROOT / "schemas" / "canonical.schema.json"]
    before = [p.read_bytes() for p in generated]
    done = canon(["schema", "build"], tmp_path, "disk-full")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "[IO-010]" in done.stderr
    assert [p.read_bytes() for p in generated] == before
    for folder in {p.parent for p in generated}:
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert canon(["--version"], tmp_path).returncode == 0


@pytest.mark.parametrize("output", ["missing/folder/out.json", "x" * 300 + ".json"])
def test_migrate_to_an_invalid_path_is_a_located_error(tmp_path: Path, output: str) -> None:
    _stage_migrate(tmp_path)
    done = canon(["migrate", str(tmp_path / "aufträge.json"), "--from", "1.0.0",
                  "-o", output], tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "[IO-010]" in done.stderr


def test_batch_output_folder_that_is_a_file(tmp_path: Path) -> None:
    _stage_batch(tmp_path)
    (tmp_path / "report-file").write_text("x", encoding="utf-8")
    done = canon(["batch", str(tmp_path / "lots.csv"), "-e", "Lot", "-o",
                  str(tmp_path / "report-file" / "2026-12")], tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "[IO-010]" in done.stderr and "report-file" in done.stderr


def test_environment_is_not_root_dependent() -> None:
    # the faults above are injected, not produced by permissions: they hold as root too
    assert set(FAULTS) == {"disk-full", "read-only", "killed"} and os.sep == "/"
