"""The plant release check keeps no table of rows in memory (issue 20): it reads plant.yaml
for the id and version, and every read of the tables streams (a ``keep`` that drops rows)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import canonical.mapping.source as source
from canonical.governance.plant_release import check_plant_release
from canonical.resources import data_dir


def _spy_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, bool]]:
    """Every read of a plant folder, from whichever module: (folder, streamed)."""
    real = source.read_plant_folder
    reads: list[tuple[Path, bool]] = []

    def spy(folder: Path, **kwargs: object) -> source.PlantSource:
        reads.append((folder, kwargs.get("keep") is not None))
        return real(folder, **kwargs)  # type: ignore[arg-type]

    for name, module in list(sys.modules.items()):
        if name.startswith("canonical") and getattr(module, "read_plant_folder", None) is real:
            monkeypatch.setattr(module, "read_plant_folder", spy)
    return reads


@pytest.mark.parametrize("plant", ["DE01", "US02"])
def test_check_release_keeps_no_table_whole(plant: str, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _spy_reads(monkeypatch)
    result = check_plant_release(plant)
    assert reads  # the diff and the plant check still read the tables, streamed
    assert [folder for folder, streamed in reads if not streamed] == []
    assert result.ok, [f.render() for f in result.log.findings]
    assert result.plant == plant and result.version


def test_a_broken_plant_yaml_is_still_reported(tmp_path: Path) -> None:
    folder = tmp_path / "DE01"
    folder.mkdir()
    original = data_dir("mappings") / "DE01" / "plant.yaml"
    text = original.read_text(encoding="utf-8")
    (folder / "plant.yaml").write_text(text.replace('version: "', 'version: "v'), encoding="utf-8")
    result = check_plant_release(folder)
    assert result.plant == "DE01"
    assert "MAP-386" in result.log.findings.rule_ids()
