"""`canon mappings check` of a plant folder WITH specs streams its tables (issue 20): the
findings, their files and lines, are those of the whole-table check, and no row is held."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import canonical.engine.check as check
from canonical.engine import check_plant, check_specs
from canonical.mapping.checks import read_and_check
from canonical.mapping.source import PlantSource, resolve_plant, shipped_plants
from canonical.report import Report
from canonical.resources import data_dir


def _whole(folder: Path) -> Report:
    """The check as it was before it streamed: every table loaded, the specs compiled
    against the loaded plant (rows and all)."""
    source, report = read_and_check(folder)
    findings = [*report, *check.check_specs_of(source, report), *check.spec_governance(source)]
    findings.sort(key=lambda f: (f.file or "", f.line or 0))
    return Report.of(findings)


def _same(folder: Path) -> Report:
    streamed, whole = check_plant(folder), _whole(folder)
    assert [f.to_dict() for f in streamed] == [f.to_dict() for f in whole]
    return streamed


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def _broken_specs(folder: Path) -> None:
    """Spec problems the compiler finds (field, table, normalisation, system, duplicate)
    and one the governance check finds (content changed since its approval)."""
    specs = folder / "specs"
    _edit(specs / "SAP_ECC.ProductionOrder.inbound.yaml", "  bom_revision: STLAL\n",
          "  bom_revisoin: STLAL\n")
    _edit(specs / "MES_DE.Lot.inbound.yaml", "  status: {path: status, table: lot_statuses}",
          "  status: {path: status, table: lot_status}")
    _edit(specs / "MES_DE.InventoryTransaction.inbound.yaml",
          "  lot: {path: charge, normalise: lot}", "  lot: {path: charge, normalise: charge}")
    text = (specs / "MES_DE.Operation.inbound.yaml").read_text(encoding="utf-8")
    (specs / "MES_QS.Operation.inbound.yaml").write_text(
        text.replace("system: MES_DE", "system: MES_QS"), encoding="utf-8")
    (specs / "zz.Lot.inbound.yaml").write_text(
        (specs / "MES_DE.Lot.inbound.yaml").read_text(encoding="utf-8"), encoding="utf-8")


def _table_warnings(folder: Path) -> None:
    """Table problems of draft rows and files: warnings, so the specs are still compiled."""
    with (folder / "materials.csv").open("a", encoding="utf-8", newline="") as out:
        out.write("MES_DE,100100,100100,2023-01-01,,draft,t.becker,,Doppelt,H87,finished_good,"
                  "Hydraulikzylinder VB-16\n"  # MAP-050
                  "MES_DE,77,77,2024-01-01,,approved,e.koch,e.koch,,H87,finished_good,Ring\n")
    path = folder / "units.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # MAP-013


def _copy(tmp_path: Path, plant: str = "DE01") -> Path:
    folder = tmp_path / plant
    shutil.copytree(data_dir("mappings") / plant, folder)
    return folder


def test_specs_and_tables_with_problems(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _broken_specs(folder)
    _table_warnings(folder)
    found = _same(folder)
    rules = set(found.rule_ids())
    assert {"MAP-013", "MAP-046", "MAP-050", "MAP-363"} <= rules
    assert {"ENG-003", "ENG-005", "ENG-006", "ENG-008", "ENG-010"} <= rules, sorted(rules)
    spec = str(folder / "specs" / "SAP_ECC.ProductionOrder.inbound.yaml")
    assert any(f.file == spec and f.line and f.rule_id.startswith("ENG-") for f in found)


def test_a_table_error_leaves_the_specs_structure_only(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _broken_specs(folder)
    _table_warnings(folder)
    with (folder / "resources.csv").open("a", encoding="utf-8", newline="") as out:
        out.write("MES_DE,WZ-9,DE01-WZ9,2024-01-01,,approved,j.mueller,a.schmidt,,,machine,"
                  "DE01-NOWHERE,Fraese\n")  # MAP-055: the plant does not load
    found = _same(folder)
    assert "MAP-055" in found.rule_ids() and "ENG-005" not in found.rule_ids()


@pytest.mark.parametrize("plant", shipped_plants())
def test_shipped_plants(plant: str) -> None:
    _same(resolve_plant(plant))


def test_the_spec_check_holds_no_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy(tmp_path)
    _broken_specs(folder)
    seen: list[PlantSource] = []
    real = check.check_specs_of

    def spy(source: PlantSource, report: Report) -> Report:
        seen.append(source)
        return real(source, report)

    monkeypatch.setattr(check, "check_specs_of", spy)
    assert "ENG-005" in check_plant(folder).rule_ids()
    assert "ENG-005" in check_specs(folder).rule_ids()
    assert len(seen) == 2 and all(not t.rows for s in seen for t in s.tables.values())
    assert {"materials", "units", "resources"} <= set(seen[0].tables)
