"""check_plant reads a plant folder once, even when a hook loads the same plant."""

from __future__ import annotations

from pathlib import Path

import pytest

import canonical.mapping.checks as checks
from canonical.mapping import check_plant, load_plant
from canonical.mapping.source import read_plant_folder

from .builders import CLEAN, make_plant, table


def _plant(root: Path) -> Path:
    return make_plant(root, {name: table(header, row) for name, (header, row) in CLEAN.items()})


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []

    def counted(folder: Path, **kwargs: object) -> object:
        reads.append(folder)
        return read_plant_folder(folder, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "read_plant_folder", counted)
    return reads


def test_check_plant_reads_the_folder_once_while_its_hooks_load_the_plant(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _plant(tmp_path)
    loaded: list[int] = []

    def hook(source: object) -> object:
        loaded.append(len(load_plant(folder).table("materials").rows))
        return ()

    monkeypatch.setattr(checks, "_run_hook", lambda target, source: hook(source))
    reads = _counting(monkeypatch)
    assert check_plant(folder).errors == ()
    assert loaded == [1]  # the hook loaded the plant...
    assert reads == [folder]  # ...from the read of the check


def test_load_plant_outside_a_check_reads_the_files_afresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _plant(tmp_path)
    check_plant(folder)
    reads = _counting(monkeypatch)
    header, row = CLEAN["materials"]
    (folder / "materials.csv").write_text(
        table(header, row, "ERP,000043,43,2024-01-01,,approved,ann,bob,"), encoding="utf-8")
    assert len(load_plant(folder).table("materials").rows) == 2
    assert reads == [folder]


def test_a_hook_loading_with_another_size_guard_reads_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _plant(tmp_path)
    monkeypatch.setattr(checks, "_run_hook", lambda target, source: (
        load_plant(folder, max_bytes=1_000_000).report))
    reads = _counting(monkeypatch)
    check_plant(folder, max_bytes=999_999)
    assert reads == [folder, folder]
