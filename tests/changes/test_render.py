"""Every output format of a change report; JSON against the published report schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from canonical.changes import Approval, Bump, Change, Changelog, FailOn, Mode, Verdict
from canonical.changes.render import FORMATS, render
from canonical.report import Finding, Report, Severity

REPORT_SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "changelog-report.schema.json"

REMOVED = Change(
    "slot.removed", "Order.priority", "slot priority removed, a|pipe, 100% sure",
    consumer=Verdict.COMPATIBLE, producer=Verdict.BREAKING, breaking=True, bump=Bump.MAJOR,
    rule_id="GOV-022", before="priority",
)
ADDED = Change("slot.added.optional", "Order.note", "optional slot note added",
               consumer=Verdict.BREAKING, bump=Bump.MINOR, rule_id="GOV-020", after="note")
WAIVED = Change("enum.value_removed", "Status.old", "value old removed", breaking=True,
                producer=Verdict.BREAKING, bump=Bump.MAJOR).waived(
    Approval("x", "never used", "jane", date(2026, 1, 1), "2.0.0"))


def _log() -> Changelog:
    return Changelog(
        "schema", (REMOVED, ADDED, WAIVED), "1.0.0", "1.1.0", "a.yaml", "b.yaml", Mode.BACKWARD,
        Report.of([Finding("GOV-063", "waiver y unused", Severity.WARNING, "$.waivers[1]")]),
    )


def test_json_report_validates_against_published_schema() -> None:
    data = json.loads(render(_log(), "json"))
    jsonschema.Draft202012Validator.check_schema(json.loads(REPORT_SCHEMA.read_text()))
    jsonschema.validate(data, json.loads(REPORT_SCHEMA.read_text()))
    assert data["bump"] == "major"
    assert data["failing"] == [REMOVED.id]
    assert [c["waiver"] is not None for c in data["changes"]] == [False, False, True]


def test_empty_report_validates_and_bumps_nothing() -> None:
    data = json.loads(render(Changelog("mappings"), "json"))
    jsonschema.validate(data, json.loads(REPORT_SCHEMA.read_text()))
    assert data["bump"] == "none" and data["changes"] == []


def test_waiver_lowers_the_effective_bump() -> None:
    log = Changelog("schema", (WAIVED,))
    assert log.bump is Bump.MINOR
    assert log.failing(FailOn.BREAKING) == ()


def test_text_lists_each_change_with_status() -> None:
    out = render(_log(), "text")
    assert "bump major" in out
    assert f"FAIL     major slot.removed Order.priority [{REMOVED.id}]" in out
    assert "WAIVED" in out and "GOV-063" in out


def test_markdown_table_escapes_pipes() -> None:
    out = render(_log(), "markdown")
    assert "| :x: |" in out and "a\\|pipe" in out
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 3  # header + one row per change
    assert "waived by jane" in out


def test_junit_counts_failures_and_skips() -> None:
    root = ElementTree.fromstring(render(_log(), "junit"))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "1" and suite.get("skipped") == "1"
    assert len(suite.findall("testcase")) == 4
    assert len(suite.findall("testcase/failure")) == 1


def test_junit_fail_on_any_fails_every_unwaived_change() -> None:
    root = ElementTree.fromstring(render(_log(), "junit", FailOn.ANY))
    assert len(root.findall("testsuite/testcase/failure")) == 2


def test_github_annotations_escape_data() -> None:
    lines = render(_log(), "github").splitlines()
    assert lines[0].startswith("::error file=b.yaml,title=slot.removed Order.priority (major)::")
    assert "100%25 sure" in lines[0]
    assert lines[1].startswith("::notice ")
    assert lines[2].startswith("::warning ")  # waived breaking change: visible, not failing
    assert any(line.startswith("::warning title=GOV-063::") for line in lines)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_nonempty(fmt: str) -> None:
    assert render(_log(), fmt).endswith("\n")


def test_affected_classes_and_per_class_view() -> None:
    shared = Change("pattern.loosened", "lot_code", "lot_code: pattern loosened",
                    consumer=Verdict.BREAKING, bump=Bump.MINOR,
                    affects=tuple(f"Paket{i:02d}" for i in range(12)))
    log = Changelog("schema", (shared, ADDED), "1.0.0", "1.1.0")
    text = render(log, "text")
    assert "(affects 12: Paket00, " in text and "... 4 more)" in text
    by_class = render(log, "text", by_class=True)
    assert "  Paket11:\n" in by_class and "  Order:\n" in by_class
    data = json.loads(render(log, "json", by_class=True))
    jsonschema.validate(data, json.loads(REPORT_SCHEMA.read_text()))
    assert data["by_class"]["Order"] == [ADDED.id]
    assert data["changes"][0]["affects"][0] == "Paket00"
    lines = render(log, "json").splitlines()
    change_lines = [line for line in lines if '"kind": ' in line]  # one line a change
    assert len(change_lines) == 2 and all(line.startswith('    {"id": ') for line in change_lines)
    with pytest.raises(ValueError, match="per-class view"):
        render(log, "junit", by_class=True)
