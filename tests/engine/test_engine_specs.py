"""Spec validation: every problem is a finding with a rule id, file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from canonical.engine import check_specs

from .conftest import ROOT

GOOD = """\
system: MES_DE
entity: InventoryTransaction
direction: inbound
fields:
  id: buchung
  type: {path: art, values: {VERBRAUCH: goods_issue}}
  plant: {value: DE01}
  material: {path: material, table: materials}
  quantity: {quantity: {value: menge, unit: einheit}}
  posted_at: {path: zeitpunkt, format: iso}
"""


@pytest.fixture()
def plant_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "DE01"
    shutil.copytree(ROOT / "mappings" / "DE01", folder, ignore=shutil.ignore_patterns("specs"))
    (folder / "specs").mkdir()
    return folder


def _check(folder: Path, text: str) -> list[tuple[str, int | None]]:
    (folder / "specs" / "MES_DE.InventoryTransaction.inbound.yaml").write_text(text, "utf-8")
    return [(f.rule_id, f.line) for f in check_specs(folder)]


def test_a_good_spec_has_no_findings(plant_dir: Path) -> None:
    assert _check(plant_dir, GOOD) == []


@pytest.mark.parametrize(("old", "new", "rule", "line"), [
    ("  id: buchung", "  identifier: buchung", "ENG-005", 5),  # unknown field (+ id missing)
    ("table: materials", "table: material", "ENG-006", 8),
    ("  id: buchung", "  id: {path: 'a..b'}", "ENG-007", 5),
    ("  id: buchung\n", "", "ENG-009", 1),
    ("  plant: {value: DE01}", "  plant: {value: DE01, colour: red}", "ENG-015", 7),
    # several words for one value: fine inbound, ambiguous in an outbound spec
    ("direction: inbound\nfields:\n  id: buchung\n  type: {path: art, values: {VERBRAUCH: "
     "goods_issue}}", "direction: outbound\nfields:\n  id: buchung\n  type: {path: art, "
     "values: {VERBRAUCH: goods_issue, V2: goods_issue}}", "ENG-011", 6),
    ("format: iso", "format: '%Q'", "ENG-012", 10),
    ("  id: buchung", "  id: {quantity: {value: a, unit: b}}", "ENG-013", 5),
    ("values: {VERBRAUCH: goods_issue}", "values: {VERBRAUCH: eaten}", "ENG-011", 6),
    ("  plant: {value: DE01}", "  plant: {value: ' DE01'}", "ENG-014", 7),
    ("  id: buchung", "  id: menge", "ENG-016", 9),  # the second writer of menge
    ("system: MES_DE", "system: MES_XX", "ENG-003", 1),
    ("entity: InventoryTransaction", "entity: Invoice", "ENG-004", 1),
    ("direction: inbound", "direction: sideways", "ENG-002", 3),
])
def test_spec_errors_have_rule_ids_and_lines(plant_dir: Path, old: str, new: str, rule: str,
                                             line: int) -> None:
    assert old in GOOD
    found = _check(plant_dir, GOOD.replace(old, new))
    assert (rule, line) in found


def test_a_spec_that_is_not_a_mapping(plant_dir: Path) -> None:
    assert _check(plant_dir, "- just\n- a list\n") == [("ENG-001", 1)]


def test_two_specs_for_the_same_key(plant_dir: Path) -> None:
    (plant_dir / "specs" / "copy.yaml").write_text(GOOD, "utf-8")
    assert ("ENG-010", 1) in _check(plant_dir, GOOD)


def test_shipped_plants_have_clean_specs() -> None:
    assert list(check_specs("DE01")) == [] and list(check_specs("US02")) == []
