"""``canon batch``: exit codes, formats, output folder, plant suites."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli.batch import batch

from .conftest import as_text, examples


def _csv(tmp_path: Path, entity: str, change: dict[str, object] | None = None) -> Path:
    rows = examples(entity)
    if change:
        rows[0].update(change)
    path = tmp_path / f"{entity}.csv"
    as_text(rows).to_csv(path, index=False)
    return path


def test_clean_extract_exits_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(batch, [str(_csv(tmp_path, "Lot")), "--entity", "Lot"])
    assert result.exit_code == 0, result.output
    assert "PASSED" in result.stdout


def test_text_report_names_rule_count_percent_and_sample(tmp_path: Path) -> None:
    path = _csv(tmp_path, "InventoryTransaction", {"quantity_unit": "KG"})
    result = CliRunner().invoke(batch, [str(path), "-e", "InventoryTransaction"])
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "QTY-003" in line)
    assert "quantity_unit" in line and "14.29%" in line
    assert "'KG'" in result.stdout


def test_json_report(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Resource", {"kind": "robot"})
    result = CliRunner().invoke(batch, [str(path), "-e", "Resource", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    [failed] = data["failed_rules"]
    assert failed["rule_id"] == "SCH-006" and failed["failing"] == 1
    assert data["report"]["findings"][0]["path"] == "kind"


def test_html_report_into_output_folder(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Material", {"base_unit": "<script>"})
    out = tmp_path / "reports"
    result = CliRunner().invoke(batch, [str(path), "-e", "Material", "--format", "html",
                                        "--output", f"{out}/"])
    assert result.exit_code == 1
    page = (out / "Material.Material.html").read_text(encoding="utf-8")
    assert "QTY-003" in page and "<script>" not in page and "&lt;script&gt;" in page
    result = CliRunner().invoke(batch, [str(path), "-e", "Material", "-f", "html",
                                        "-o", str(out / "page.html")])
    assert result.exit_code == 1
    assert (out / "page.html").read_text(encoding="utf-8") == page


def test_related_extract_and_usage_errors(tmp_path: Path) -> None:
    ops = _csv(tmp_path, "Operation")
    orders = _csv(tmp_path, "ProductionOrder")
    result = CliRunner().invoke(batch, [str(ops), "-e", "Operation", "--format", "json",
                                        "--related", f"ProductionOrder={orders}"])
    assert "BAT-001" in {r["rule_id"] for r in json.loads(result.stdout)["failed_rules"]}
    assert CliRunner().invoke(batch, [str(ops), "-e", "Nope"]).exit_code == 2
    assert CliRunner().invoke(batch, [str(tmp_path / "missing.csv"), "-e", "Lot"]).exit_code == 2
    assert CliRunner().invoke(batch, [str(ops), "-e", "Operation", "-r", "bad"]).exit_code == 2
    too_big = CliRunner().invoke(batch, [str(ops), "-e", "Operation", "--max-size", "1"])
    assert too_big.exit_code == 0  # the file is far below 1 MiB


def test_plant_suite_flags_unmapped_codes(tmp_path: Path) -> None:
    rows = [
        {"id": "T1", "type": "goods_issue", "plant": "DE01", "material": "000000000000100100",
         "quantity_value": "2", "quantity_unit": "ST", "posted_at": "2026-03-02T06:20:00+01:00"},
        {"id": "T2", "type": "goods_issue", "plant": "DE01", "material": "100100",
         "quantity_value": "2", "quantity_unit": "PCS", "posted_at": "2026-03-02T06:20:00+01:00"},
        {"id": "T3", "type": "goods_issue", "plant": "DE01", "material": "NOT-MAPPED",
         "quantity_value": "2", "quantity_unit": "KG", "posted_at": "2026-03-02T06:20:00+01:00"},
    ]
    path = tmp_path / "native.csv"
    as_text(rows).to_csv(path, index=False)
    args = [str(path), "-e", "InventoryTransaction", "--plant", "DE01",
            "--source", "SAP_ECC", "--format", "json"]
    result = CliRunner().invoke(batch, args)
    assert result.exit_code == 1, result.output
    failed = {(r["rule_id"], r["column"]): r["failing"]
              for r in json.loads(result.stdout)["failed_rules"]}
    assert failed == {("MAP-110", "material"): 1, ("MAP-110", "quantity_unit"): 1}
    unknown = CliRunner().invoke(batch, [*args[:3], "--plant", "XX99"])
    assert unknown.exit_code == 2


def test_junit_and_github_formats(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    path = _csv(tmp_path, "Resource", {"kind": "robot"})
    junit = CliRunner().invoke(batch, [str(path), "-e", "Resource", "--format", "junit"])
    assert junit.exit_code == 1
    suite = ElementTree.fromstring(junit.stdout).find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    assert [c.get("classname") for c in suite.iter("testcase")] == ["SCH-006"]
    github = CliRunner().invoke(batch, [str(path), "-e", "Resource", "--format", "github"])
    assert github.stdout.startswith(f"::error file={path},line=2,title=SCH-006::kind: ")


def test_plant_given_as_a_relative_folder_is_the_folder_of_this_cwd(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two folders named PL07 in different working directories are two plants, not one cached."""
    shipped = Path(__file__).resolve().parents[3] / "mappings" / "DE01"
    row = {"id": "T1", "type": "goods_issue", "plant": "DE01", "material": "100100",
           "quantity_value": "2", "quantity_unit": "ST", "posted_at": "2026-03-02T06:20:00+01:00"}
    failing = {}
    for name, drop in (("a", False), ("b", True)):
        folder = tmp_path / name / "DE01"
        shutil.copytree(shipped, folder)
        if drop:  # plant b no longer maps material 100100
            lines = (folder / "materials.csv").read_text(encoding="utf-8").splitlines(True)
            (folder / "materials.csv").write_text(
                "".join(x for x in lines if ",100100," not in x), encoding="utf-8")
        as_text([row]).to_csv(tmp_path / name / "tx.csv", index=False)
        monkeypatch.chdir(tmp_path / name)
        result = CliRunner().invoke(batch, ["tx.csv", "-e", "InventoryTransaction", "--plant",
                                            "DE01", "--source-system", "SAP_ECC", "--format",
                                            "json"])
        failing[name] = {r["column"] for r in json.loads(result.stdout)["failed_rules"]
                         if r["rule_id"] == "MAP-110"}
    assert "material" not in failing["a"] and "material" in failing["b"]
