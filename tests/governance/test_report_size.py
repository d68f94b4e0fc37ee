"""Large schemas: one change per edit, one waiver per change, a JSON report of bounded size."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from canonical.changes.render import render
from canonical.changes.waivers import apply_waivers, parse_waivers
from canonical.cli.governance import diff_command
from canonical.governance.diff import diff
from canonical.resources import data_file

REPORT_SCHEMA = json.loads(data_file("schemas", "changelog-report.schema.json").read_text())
CLASSES = 150
TODAY = date(2026, 3, 1)


def _plant_schema(version: str, pattern: str, doc: str) -> str:
    """A MIxS-like schema: many package classes, all using the shared slots via a mixin."""
    classes: dict[str, object] = {
        "Probe": {"mixin": True, "slots": ["charge", "werk"]},
        "Auftrag": {"attributes": {"nummer": {"identifier": True}}},
    }
    for i in range(CLASSES):
        classes[f"Paket{i:03d}"] = {"is_a": "Auftrag", "mixins": ["Probe"],
                                    "attributes": {f"feld_{i}": {"range": "integer"}}}
    doc_ = {
        "id": "https://example.org/werke", "name": "werke", "version": version,
        "imports": ["linkml:types"], "default_range": "string",
        "prefixes": {"linkml": "https://w3id.org/linkml/", "werke": "https://example.org/"},
        "default_prefix": "werke",
        "slots": {"charge": {"pattern": pattern}, "werk": {"description": doc}},
        "classes": classes,
    }
    return yaml.safe_dump(doc_, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("large")
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(_plant_schema("1.0.0", "^[0-9]{6}$", "Werk"), encoding="utf-8")
    new.write_text(_plant_schema("1.1.0", "^[0-9]{6,8}$", "Werk (SAP WERKS)"), encoding="utf-8")
    return old, new


def test_a_slot_change_is_one_change_listing_every_class(pair: tuple[Path, Path]) -> None:
    log = diff(*pair, today=TODAY)
    assert [(c.kind, c.path) for c in log.changes] == [
        ("pattern.loosened", "charge"), ("description.changed", "werk")]
    users = {"Probe", *(f"Paket{i:03d}" for i in range(CLASSES))}
    assert all(set(c.affects) == users for c in log.changes)


def test_json_size_is_bounded_by_distinct_changes(pair: tuple[Path, Path]) -> None:
    log = diff(*pair, today=TODAY)
    text = render(log, "json")
    jsonschema.validate(json.loads(text), REPORT_SCHEMA)
    names = sum(len(c.affects) for c in log.changes)
    # the documented bound: 600 bytes a change, 40 bytes an affected class name, 1 KB fixed
    assert len(text.encode("utf-8")) <= 600 * len(log.changes) + 40 * names + 1024
    # one line per change: no copy per class
    assert text.count('"kind": ') == len(log.changes) == 2


def test_one_waiver_covers_the_change_in_every_class(pair: tuple[Path, Path]) -> None:
    log = diff(*pair, today=TODAY)
    loosened = next(c for c in log.changes if c.kind == "pattern.loosened")
    waivers = parse_waivers(
        f"waivers:\n  - id: '{loosened.id}'\n    reason: longer lot numbers from the new MES\n"
        "    approver: m.kowalczyk\n    date: 2026-02-20\n    expires: 2026-12-31\n")
    waived = apply_waivers(log, waivers, today=TODAY)
    assert not waived.findings
    view = waived.by_class()
    assert len(view) == CLASSES + 1
    for changes in view.values():
        assert [c.waiver is not None for c in changes] == [True, False]


def test_by_class_view_in_text_json_markdown(pair: tuple[Path, Path]) -> None:
    old, new = (str(p) for p in pair)
    result = CliRunner().invoke(diff_command, [old, new, "--by-class", "--format", "json",
                                               "--mode", "forward", "--fail-on", "none"])
    data = json.loads(result.output)
    jsonschema.validate(data, REPORT_SCHEMA)
    ids = [c["id"] for c in data["changes"]]
    assert data["by_class"]["Paket007"] == ids
    assert set(data["by_class"]) == {"Probe", *(f"Paket{i:03d}" for i in range(CLASSES))}
    text = CliRunner().invoke(diff_command, [old, new, "--by-class"]).output
    assert "  Paket149:\n" in text and text.count(f"[{ids[0]}]") == CLASSES + 1
    md = CliRunner().invoke(diff_command, [old, new, "--by-class", "--format", "markdown"])
    assert "#### Paket000" in md.output
    junit = CliRunner().invoke(diff_command, [old, new, "--by-class", "--format", "junit"])
    assert junit.exit_code == 2 and "--by-class" in junit.output
