"""Generated suites: all seven entities, drift-tested, rule ids from the catalogue, GE-loadable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from canonical.rules import catalogue
from canonical.validation.batch import generate, load_suite, suite_names
from canonical.validation.batch.engine import import_gx

from .conftest import ROOT

SEVEN = ("ProductionOrder", "Operation", "Material", "Lot", "Resource", "QualityResult",
         "InventoryTransaction", "LaborReport", "EquipmentStateChange", "Nonconformance")


def test_committed_suites_match_the_schema() -> None:
    assert generate.check() == []


def test_a_hand_edit_is_caught(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "validators", tmp_path / "validators")
    target = tmp_path / "validators" / "canonical" / "Lot.json"
    data = json.loads(target.read_text(encoding="utf-8"))
    data["expectations"].pop()
    target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    problems = generate.check(root=tmp_path)
    assert len(problems) == 1 and "Lot.json" in problems[0]


def test_a_stale_suite_is_caught(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "validators", tmp_path / "validators")
    (tmp_path / "validators" / "canonical" / "Gone.json").write_text("{}", encoding="utf-8")
    assert any("Gone.json" in p for p in generate.check(root=tmp_path))


def test_generation_is_deterministic() -> None:
    first = [s.to_json() for s in generate.suites()]
    assert first == [s.to_json() for s in generate.suites()]


def test_every_entity_has_a_suite() -> None:
    assert set(SEVEN) <= set(suite_names())
    assert "LotGenealogy" in suite_names()


@pytest.mark.parametrize("extract", (*SEVEN, "LotGenealogy"))
def test_rule_ids_are_declared(extract: str) -> None:
    suite = load_suite(extract)
    known = catalogue()
    ids = {e.rule_id for e in suite.expectations} | {c.rule_id for c in suite.checks}
    assert ids and ids <= set(known)
    assert suite.header["source_sha256"] and suite.header["generated"].startswith("DO NOT EDIT")


@pytest.mark.parametrize("extract", SEVEN)
def test_suite_files_are_great_expectations_suites(extract: str) -> None:
    gx = import_gx()
    data = json.loads((ROOT / "validators" / "canonical" / f"{extract}.json").read_text())
    suite = gx.ExpectationSuite(**data)
    assert len(suite.expectations) == len(data["expectations"])
    assert all(e.meta["rule_id"] for e in suite.expectations)


def test_layout_flattens_quantities_and_makes_children_extracts() -> None:
    tx = load_suite("InventoryTransaction")
    assert {"quantity_value", "quantity_unit"} <= set(tx.column_names)
    assert "quantity" not in tx.column_names
    lot = load_suite("Lot")
    assert "genealogy" not in lot.column_names and "serial_numbers" not in lot.column_names
    genealogy = load_suite("LotGenealogy")
    assert genealogy.column_names[:2] == ("lot", "parent_lot")
    confirmations = load_suite("OperationConfirmations")
    assert confirmations.column_names[:2] == ("order", "sequence")
