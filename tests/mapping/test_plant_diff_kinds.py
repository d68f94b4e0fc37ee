"""plant.yaml and table-row changes: every kind, with its rule id, verdicts and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from canonical.changes import Bump, Verdict
from canonical.mapping.diff import diff_plants
from canonical.mapping.plant_rules import KINDS

from .builders import PLANT_YAML, make_plant, table

#: (old text -> new text in plant.yaml, kind, path, the key's line in the new file: a number
#: or the text that starts it; for a nested key the line of its rule key)
PLANT_EDITS = [
    ("name: Test plant", "name: Werk Test", "plant_changed", "plant.yaml/name", 2),
    ("id: P1", "id: P2", "plant_changed", "plant.yaml/id", 1),
    ("time_zone: Europe/Berlin", "time_zone: America/Chicago", "time_zone_changed",
     "plant.yaml/time_zone", 3),
    ('version: "1.0.0"\n', 'version: "1.0.0"\nrounding:\n  mode: half_up\n', "rounding_changed",
     "plant.yaml/rounding", 5),
    ("        inbound: [trim, upper]\n", "        inbound: [trim, upper]\n  LIMS:\n"
     "    kind: lims\n", "system_added", "plant.yaml/source_systems/LIMS", "  LIMS:"),
    ("    kind: mes\n", "    kind: wms\n", "system_changed",
     "plant.yaml/source_systems/MES/kind", "    kind: wms"),
    ('    status_separator: " "\n', '    status_separator: "|"\n', "system_changed",
     "plant.yaml/source_systems/ERP/status_separator", "    status_separator"),
    ("    kind: mes\n", "    kind: mes\n    outbound: false\n", "system_changed",
     "plant.yaml/source_systems/MES/outbound", "    outbound: false"),
    ("outbound: [{pad_left: 6}]", "outbound: [{pad_left: 18}]", "normalisation_changed",
     "plant.yaml/source_systems/ERP/normalisation/materials", "      materials:"),
    ("        inbound: [trim, upper]\n", "        inbound: [trim]\n", "normalisation_changed",
     "plant.yaml/source_systems/MES/normalisation/default", 18),
]


@pytest.mark.parametrize(("old", "new", "kind", "path", "line"), PLANT_EDITS,
                         ids=[e[3] for e in PLANT_EDITS])
def test_every_plant_yaml_change_kind(tmp_path: Path, old: str, new: str, kind: str, path: str,
                                      line: int | str) -> None:
    assert old in PLANT_YAML
    a = make_plant(tmp_path / "old", {})
    text = PLANT_YAML.replace(old, new, 1)
    b = make_plant(tmp_path / "new", {}, plant_yaml=text)
    if isinstance(line, str):  # the line where that text is
        line = 1 + text[: text.index(line)].count("\n")
    changes = diff_plants(a, b).changes
    assert [(c.kind, c.path) for c in changes] == [(kind, path)]
    change, spec = changes[0], KINDS[kind]
    assert change.rule_id == spec.id
    assert (change.file, change.line) == (f"{b}/plant.yaml", line)
    if path != "plant.yaml/id":
        assert (change.consumer, change.producer) == (spec.consumer, spec.producer)


def test_removing_a_system_breaks_its_producers(tmp_path: Path) -> None:
    a = make_plant(tmp_path / "old", {})
    b = make_plant(tmp_path / "new", {}, plant_yaml=PLANT_YAML.split("  MES:\n")[0])
    [change] = diff_plants(a, b).changes
    assert (change.kind, change.rule_id, change.producer, change.bump) == (
        "system_removed", "MAP-314", Verdict.BREAKING, Bump.MAJOR)


def test_the_plant_id_needs_review_and_the_version_is_no_change(tmp_path: Path) -> None:
    a = make_plant(tmp_path / "old", {})
    b = make_plant(tmp_path / "new", {}, plant_yaml=PLANT_YAML.replace("id: P1", "id: P2")
                   .replace('"1.0.0"', '"2.0.0"'))
    [change] = diff_plants(a, b).changes  # the version is what the bump moves, not a change
    assert (change.path, change.consumer, change.bump) == ("plant.yaml/id", Verdict.REVIEW,
                                                           Bump.MAJOR)


ROWS = table("", "ERP,000042,42,2024-01-01,,approved,ann,bob,",
             "ERP,000043,43,2024-01-01,,approved,ann,bob,")


@pytest.mark.parametrize(("new", "kind", "rule_id", "line"), [
    (ROWS + "ERP,000044,44,2024-01-01,,approved,ann,bob,\n", "row_added", "MAP-300", 4),
    (table("", "ERP,000042,42,2024-01-01,,approved,ann,bob,"), "row_removed", "MAP-301", None),
    (ROWS.replace("43,2024", "43-B,2024"), "row_changed", "MAP-302", 3),
])
def test_row_kinds_carry_rule_id_and_line(tmp_path: Path, new: str, kind: str, rule_id: str,
                                          line: int | None) -> None:
    a = make_plant(tmp_path / "old", {"materials": ROWS})
    b = make_plant(tmp_path / "new", {"materials": new})
    [change] = diff_plants(a, b).changes
    assert (change.kind, change.rule_id, change.line) == (kind, rule_id, line)
    assert change.file == f"{b}/materials.csv"
