"""check_plant reads a plant folder once (the two passes of the streamed table check): the spec
check gets that read and the table report, and reads no table of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mapping.builders import CLEAN, make_plant, table

import canonical.engine.check as check
import canonical.mapping.checks as checks
import canonical.mapping.streamcheck as streamcheck
from canonical.engine import check_plant
from canonical.mapping import check_plant as check_tables
from canonical.mapping import load_plant
from canonical.mapping.source import read_plant_folder
from canonical.resources import data_dir


def _plant(root: Path) -> Path:
    return make_plant(root, {name: table(header, row) for name, (header, row) in CLEAN.items()})


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []

    def counted(folder: Path, **kwargs: object) -> object:
        reads.append(folder)
        return read_plant_folder(folder, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "read_plant_folder", counted)
    monkeypatch.setattr(streamcheck, "read_plant_folder", counted)
    return reads


def test_check_of_a_plant_with_specs_reads_its_folder_once(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = data_dir("mappings") / "DE01"
    assert any((folder / "specs").glob("*.yaml"))  # the spec check has work to do
    reads = _counting(monkeypatch)
    assert check_plant(folder).errors == ()
    assert reads == [folder, folder]  # the streamed check's two passes; none for the specs


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, int]]:
    seen: list[tuple[Path, int]] = []
    real = check.check_specs_of

    def spy(source: checks.PlantSource, report: checks.Report) -> checks.Report:
        seen.append((source.folder, len(report.errors)))
        return real(source, report)

    monkeypatch.setattr(check, "check_specs_of", spy)
    return seen


def test_the_spec_check_gets_the_read_and_the_table_report(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "DE01"
    shutil.copytree(data_dir("mappings") / "DE01", folder)
    seen = _spy(monkeypatch)
    check_plant(folder)
    assert seen == [(folder, 0)]


def test_a_folder_without_specs_skips_the_spec_check(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _spy(monkeypatch)
    assert check_plant(_plant(tmp_path)).errors == ()
    assert seen == []


def test_the_table_check_alone_does_not_read_specs(tmp_path: Path) -> None:
    folder = data_dir("mappings") / "DE01"
    spec_rules = {f.rule_id for f in check_plant(folder)} - {f.rule_id for f in check_tables(folder)}
    assert all(r.startswith("ENG-") for r in spec_rules)


def test_load_plant_reads_the_files_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _plant(tmp_path)
    check_plant(folder)
    reads = _counting(monkeypatch)
    header, row = CLEAN["materials"]
    (folder / "materials.csv").write_text(
        table(header, row, "ERP,000043,43,2024-01-01,,approved,ann,bob,"), encoding="utf-8")
    assert len(load_plant(folder).table("materials").rows) == 2
    assert reads == [folder]
