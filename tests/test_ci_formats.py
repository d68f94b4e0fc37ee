"""JUnit and GitHub renderings of findings, shared by every checking command."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from click.testing import CliRunner

from canonical.ci_formats import github_line, render_github, render_junit
from canonical.cli import cli
from canonical.docsite import rule_url
from canonical.report import Finding, Report, Severity

ROW = Finding("MAP-045", "approved row has no approved_by", file="PL07/units.csv", line=3)


def test_github_annotation_carries_file_line_rule_and_url() -> None:
    assert github_line(ROW) == (
        "::error file=PL07/units.csv,line=3,title=MAP-045::approved row has no approved_by "
        f"({rule_url('MAP-045')})")


def test_github_escapes_properties_and_data() -> None:
    odd = Finding("UOM-001", "100% wrong\nsecond line", severity=Severity.WARNING,
                  file="C:\\Werk,Nord\\a.csv", path="$.unit")
    line = github_line(odd)
    assert line.startswith("::warning file=C%3A\\Werk%2CNord\\a.csv,title=UOM-001::$.unit: ")
    assert "100%25 wrong%0Asecond line" in line and "\n" not in line


def test_junit_lists_every_finding_and_counts_failures() -> None:
    info = Finding("MAP-021", "no units.csv", severity=Severity.INFO, file="PL07")
    suites = ElementTree.fromstring(render_junit(Report((ROW, info)), suite="canon x"))
    suite = suites.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = list(suite.iter("testcase"))
    assert cases[0].get("line") == "3" and cases[0].find("failure") is not None
    assert cases[1].find("failure") is None


def test_empty_report_is_one_passing_case() -> None:
    suite = ElementTree.fromstring(render_junit(Report(), suite="canon x", summary="ok")).find(
        "testsuite")
    assert suite is not None and suite.get("tests") == "1" and suite.get("failures") == "0"
    assert render_github(Report()) == ""


def test_validate_github_annotations_point_at_the_record_line(tmp_path: Path) -> None:
    data = tmp_path / "orders.jsonl"
    good = {"id": "1", "plant": "PL07", "material": "M", "status": "released",
            "ordered_quantity": {"value": "1", "unit": "H87"}}
    bad = {**good, "id": "2", "ordered_quantity": {"value": "-1", "unit": "H87"}}
    data.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "-e", "ProductionOrder", str(data),
                                      "--format", "github"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"::error file={data},line=2,title=QTY-001::")


def test_mappings_check_junit(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["mappings", "check", "DE01", "--format", "junit"])
    suite = ElementTree.fromstring(result.output).find("testsuite")
    assert suite is not None and suite.get("name") == "canon mappings check"
    assert suite.get("failures") == "0" and result.exit_code == 0
