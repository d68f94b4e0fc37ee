"""Release snapshots are written whole or not at all; a rerun repairs or refuses, located."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
import yaml

from canonical.errors import SchemaLoadError, WriteError
from canonical.files import atomic
from canonical.governance.release import cut_snapshot, read_sums, verify_snapshots

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def schema(tmp_path: Path) -> Path:
    return Path(shutil.copy(ROOT / "schemas" / "canonical.yaml", tmp_path / "canonical.yaml"))


def _version(schema: Path) -> str:
    """The version the shipped schema copy declares (its snapshot folder's name)."""
    return str(yaml.safe_load(schema.read_text(encoding="utf-8"))["version"])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_manifest_write_is_repaired_by_the_rerun(
    tmp_path: Path, schema: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    releases = tmp_path / "releases"
    real_replace = os.replace

    def replace(src: str, dst: str | Path) -> None:
        if str(dst).endswith("SHA256SUMS"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(WriteError) as caught:
        cut_snapshot(schema, releases)
    assert caught.value.rule_id == "IO-010" and "SHA256SUMS" in str(caught.value)
    monkeypatch.undo()
    target = cut_snapshot(schema, releases)  # rerun: the snapshot is recorded now
    assert read_sums(releases) == {f"{_version(schema)}/canonical.yaml": _sha(schema)}
    assert target.read_bytes() == schema.read_bytes()
    assert verify_snapshots(releases).errors == ()


def test_empty_unrecorded_snapshot_does_not_block_the_release(tmp_path: Path, schema: Path) -> None:
    releases = tmp_path / "releases"
    (releases / _version(schema)).mkdir(parents=True)
    (releases / _version(schema) / "canonical.yaml").write_bytes(b"")  # an interrupted old-style write
    target = cut_snapshot(schema, releases)
    assert target.read_bytes() == schema.read_bytes()
    assert verify_snapshots(releases).errors == ()


def test_damaged_recorded_snapshot_is_refused_not_guessed(tmp_path: Path, schema: Path) -> None:
    releases = tmp_path / "releases"
    target = cut_snapshot(schema, releases)
    target.write_bytes(b"")
    with pytest.raises(SchemaLoadError) as caught:
        cut_snapshot(schema, releases)
    assert caught.value.rule_id == "IO-040" and caught.value.source == str(target)


def test_truncated_manifest_is_refused_with_its_line(tmp_path: Path, schema: Path) -> None:
    releases = tmp_path / "releases"
    cut_snapshot(schema, releases)
    sums = releases / "SHA256SUMS"
    sums.write_text(sums.read_text(encoding="utf-8")[:30], encoding="utf-8")
    with pytest.raises(SchemaLoadError) as caught:
        cut_snapshot(schema, releases)
    assert (caught.value.rule_id, caught.value.source, caught.value.line) == (
        "IO-040", str(sums), 1)


def test_manifest_missing_an_earlier_release_is_refused(tmp_path: Path, schema: Path) -> None:
    releases = tmp_path / "releases"
    (releases / "0.9.0").mkdir(parents=True)
    (releases / "0.9.0" / "canonical.yaml").write_text("version: 0.9.0\n", encoding="utf-8")
    (releases / "SHA256SUMS").write_text("", encoding="utf-8")
    with pytest.raises(SchemaLoadError) as caught:
        cut_snapshot(schema, releases)
    assert caught.value.rule_id == "IO-040" and "0.9.0" in str(caught.value)
    assert not (releases / "1.0.0").exists()
