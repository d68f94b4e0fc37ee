"""Duplicate YAML keys are refused with file, line and IO-021 by every reader (issue 12, item 4):
plant.yaml, a mapping spec, a waivers file and a schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from canonical.changes.waivers import load_waivers
from canonical.engine.load import read_spec
from canonical.errors import SchemaLoadError, WaiverFileError
from canonical.governance.load import load_schema
from canonical.governance.source import resolve
from canonical.mapping.config import read_plant_config

ROOT = Path(__file__).resolve().parents[2]


def _with_duplicate(text: str, key: str, value: str) -> tuple[str, int]:
    """``text`` with ``key: value`` added again right after the line that sets ``key``."""
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines.insert(at + 1, f"{key}: {value}\n")
    return "".join(lines), at + 2


def test_plant_yaml(tmp_path: Path) -> None:
    text, line = _with_duplicate((ROOT / "mappings" / "DE01" / "plant.yaml").read_text(
        encoding="utf-8"), "time_zone", "Europe/Warsaw")
    path = tmp_path / "plant.yaml"
    path.write_text(text, encoding="utf-8")
    config, findings = read_plant_config(path, "PL02/plant.yaml")
    assert config is None
    assert [(f.rule_id, f.file, f.line) for f in findings] == [("IO-021", "PL02/plant.yaml", line)]
    assert "time_zone" in findings[0].message


def test_mapping_spec(tmp_path: Path) -> None:
    source = ROOT / "mappings" / "DE01" / "specs" / "MES_DE.Lot.inbound.yaml"
    text, line = _with_duplicate(source.read_text(encoding="utf-8"), "entity", "Material")
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    spec, findings = read_spec(path, f"specs/{source.name}")
    assert spec is None
    assert [(f.rule_id, f.line) for f in findings] == [("IO-021", line)]


def test_waivers_file(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n  - id: W-1\n    reason: Umbenennung\n    reason: doppelt\n",
                    encoding="utf-8")
    with pytest.raises(WaiverFileError) as caught:
        load_waivers(path)
    assert caught.value.rule_id == "IO-021" and "line 4" in str(caught.value)
    assert str(path) in str(caught.value)


def test_schema(tmp_path: Path) -> None:
    text, line = _with_duplicate((ROOT / "schemas" / "canonical.yaml").read_text(
        encoding="utf-8"), "version", "9.9.9")
    path = tmp_path / "canonical.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaLoadError) as caught:
        load_schema(resolve(str(path)))
    assert (caught.value.rule_id, caught.value.line, caught.value.source) == (
        "IO-021", line, str(path))
