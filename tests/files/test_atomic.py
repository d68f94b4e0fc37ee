"""write_atomic: the new content whole, or the old file untouched and no temporary left."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from canonical.errors import CanonicalError, WriteError
from canonical.files import atomic
from canonical.files.atomic import write_atomic


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_new_file_with_default_mode(tmp_path: Path) -> None:
    target = tmp_path / "Überblick Linie 3.csv"
    write_atomic(target, "Menge;Einheit\n12,5;KGM\n")
    assert target.read_text(encoding="utf-8") == "Menge;Einheit\n12,5;KGM\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert _siblings(tmp_path) == [target.name]


def test_replacing_keeps_the_mode_of_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "SHA256SUMS"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_failure_at_any_step_keeps_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str,
) -> None:
    target = tmp_path / "v1.py"
    target.write_text("GOOD = 1\n", encoding="utf-8")

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if step == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str) -> None:
                self.inner = real_fdopen(fd, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.inner.close()

            def write(self, data: bytes) -> int:
                self.inner.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic.os, "fdopen", Full)
    else:
        monkeypatch.setattr(atomic.os, step, boom)
    with pytest.raises(WriteError) as caught:
        write_atomic(target, "GOOD = 2\n" * 1000)
    assert caught.value.rule_id == "IO-010"
    assert caught.value.source == str(target)
    assert "No space left on device" in str(caught.value)
    assert isinstance(caught.value, OSError) and isinstance(caught.value, CanonicalError)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "GOOD = 1\n"
    assert _siblings(tmp_path) == ["v1.py"]


def test_missing_folder_and_folder_target_are_located_errors(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as caught:
        write_atomic(tmp_path / "no-such-dir" / "out.json", "{}")
    assert caught.value.rule_id == "IO-010" and "no-such-dir" in str(caught.value)
    (tmp_path / "site").mkdir()
    with pytest.raises(WriteError):
        write_atomic(tmp_path / "site", "x")
    assert (tmp_path / "site").is_dir()


def test_leftover_of_a_dead_process_is_removed(tmp_path: Path) -> None:
    target = tmp_path / "CHANGELOG.md"
    dead = tmp_path / ".CHANGELOG.md.999999999.abcd.tmp"  # no such pid
    alive = tmp_path / f".CHANGELOG.md.{os.getppid()}.abcd.tmp"  # a running process
    dead.write_text("half", encoding="utf-8")
    alive.write_text("in progress", encoding="utf-8")
    write_atomic(target, "# Changelog\n")
    assert not dead.exists() and alive.exists()
