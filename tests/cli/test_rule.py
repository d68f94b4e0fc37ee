"""``canon rule``: a rule's page in the terminal; unknown ids exit 2 with a suggestion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.cli.rule import normalise
from canonical.docs.site import all_rules
from canonical.docsite import DOCS_URL_ENV, rule_url
from canonical.ruledocs import rule_doc


def test_rule_prints_the_page_text() -> None:
    result = CliRunner().invoke(cli, ["rule", "MAP-045"])
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("# MAP-045: ")
    for part in ("Why it matters", "**Fails**", "**Passes**", "How to fix", "Guide",
                 "approved_by", rule_url("MAP-045")):
        assert part in out, part


@pytest.mark.parametrize(("typed", "rule_id"), [("map45", "MAP-045"), ("Map-045", "MAP-045"),
                                                 ("b2m1", "B2M-001"), ("qty-3", "QTY-003")])
def test_loose_ids_are_normalised(typed: str, rule_id: str) -> None:
    assert normalise(typed) == rule_id
    assert CliRunner().invoke(cli, ["rule", typed]).output.startswith(f"# {rule_id}: ")


def test_unknown_rule_exits_2_with_a_suggestion() -> None:
    result = CliRunner().invoke(cli, ["rule", "MAP-99"])
    assert result.exit_code == 2
    assert "unknown rule id 'MAP-99'" in result.output and "did you mean MAP-" in result.output


def test_json_carries_url_and_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DOCS_URL_ENV, "https://docs.example.com/canon")
    data = json.loads(CliRunner().invoke(cli, ["rule", "QTY-001", "--format", "json"]).output)
    assert data["docs_url"] == "https://docs.example.com/canon/reference/rules/qty/#qty-001"
    assert data["failing"]["command"].startswith("canon validate")
    assert data["guide"].startswith("https://docs.example.com/canon/guides/")


def test_guide_anchor_and_python_example_in_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DOCS_URL_ENV, "https://docs.example.com/canon")
    data = json.loads(CliRunner().invoke(cli, ["rule", "UOM-011", "--format", "json"]).output)
    assert data["guide"] == "https://docs.example.com/canon/guides/units/#exactness"
    assert data["failing"]["command"] is None and "Quantity" in data["failing"]["python"]
    text = CliRunner().invoke(cli, ["rule", "UOM-011"]).output
    assert "in Python" in text and "```python" in text


def test_passing_example_names_the_files_shown_above_instead_of_repeating_them() -> None:
    text = CliRunner().invoke(cli, ["rule", "MAP-330"]).output
    passes = text[text.index("**Passes**"):]
    assert "`was/PL07/specs/SAP_S4.ProductionOrder.inbound.yaml` as above" in passes.splitlines()[0]
    assert passes.count("```yaml") == 1  # only the spec that differs from the failing example
    assert "TECO: closed" in passes


def test_missing_lists_incomplete_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import canonical.ruledocs as ruledocs

    # every shipped page may be complete: take two fields out of one page
    pages = dict(ruledocs.documented())
    pages["QTY-001"] = dataclasses.replace(pages["QTY-001"], failing=None, fix=None)
    monkeypatch.setattr(ruledocs, "_load", lambda: pages)
    result = CliRunner().invoke(cli, ["rule", "--missing"])
    assert result.exit_code == 0
    assert "MAP-045" not in result.output  # complete
    assert "QTY-001  lacks failing, fix\n" in result.output
    # whichever rules are incomplete, each is listed with exactly the fields it lacks
    incomplete = {rid: rule_doc(rid).missing() for rid in all_rules() if rule_doc(rid).missing()}
    for rid, fields in incomplete.items():
        assert f"{rid:<8} lacks {', '.join(fields)}\n" in result.output
    assert f"{len(incomplete)} of {len(all_rules())} rule pages incomplete" in result.output


def test_every_json_finding_carries_its_docs_url(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "order.json").write_text(
        '{"id": "1", "plant": "PL07", "material": "M", "status": "released",'
        ' "ordered_quantity": {"value": "-1", "unit": "H87"}}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "-e", "ProductionOrder",
                                      str(folder / "order.json"), "--format", "json"])
    findings = json.loads(result.output)["findings"]
    assert [f["docs_url"] for f in findings] == [rule_url("QTY-001")]
