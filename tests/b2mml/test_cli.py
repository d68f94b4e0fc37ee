"""``canon b2mml import`` / ``export``: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from xsd import FIXTURES

from canonical.cli import cli

RUN = CliRunner()


def test_import_prints_canonical_json() -> None:
    result = RUN.invoke(cli, ["b2mml", "import", str(FIXTURES / "v7" / "operations_schedule.xml")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["b2mml_version"] == "v7"
    assert data["records"]["ProductionOrder"][0]["id"] == "DE01-1000125"


def test_import_jsonl() -> None:
    result = RUN.invoke(cli, ["b2mml", "import", "--format", "jsonl",
                              str(FIXTURES / "V0401" / "production_performance.xml")])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["entity"] for line in lines] == ["Operation", "InventoryTransaction",
                                                 "InventoryTransaction"]


def test_import_with_unmapped_unit_exits_1(tmp_path: Path) -> None:
    doc = (FIXTURES / "V0600" / "operations_schedule.xml").read_text(encoding="utf-8")
    path = tmp_path / "kg.xml"
    path.write_text(doc.replace("<UnitOfMeasure>KGM</UnitOfMeasure>",
                                "<UnitOfMeasure>KG</UnitOfMeasure>"), encoding="utf-8")
    result = RUN.invoke(cli, ["b2mml", "import", str(path)])
    assert result.exit_code == 1
    assert "B2M-105" in result.stderr


def test_import_unreadable_or_foreign_input_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text("<html/>", encoding="utf-8")
    result = RUN.invoke(cli, ["b2mml", "import", str(path)])
    assert result.exit_code == 2
    assert "B2M-004" in result.stderr
    assert "Traceback" not in result.output
    assert RUN.invoke(cli, ["b2mml", "import", str(tmp_path / "missing.xml")]).exit_code == 2


def test_import_with_plant_without_that_source_system_exits_2() -> None:
    result = RUN.invoke(cli, ["b2mml", "import", "--plant", "DE01", "--source", "MES_XX",
                              str(FIXTURES / "v7" / "test_result.xml")])
    assert result.exit_code == 2
    assert "MAP-003" in result.stderr


def test_import_with_shipped_plant_translates_plain_unit_codes(tmp_path: Path) -> None:
    """Files in the wild say KG: a finding without a plant, KGM through US02's B2MML rows
    (the document is US02's: its Site)."""
    text = (FIXTURES / "V0401" / "production_schedule.xml").read_text(encoding="utf-8")
    assert "<UnitOfMeasure>KGM</UnitOfMeasure>" in text
    path = tmp_path / "schedule.xml"
    path.write_text(text.replace("<UnitOfMeasure>KGM</UnitOfMeasure>",
                                 "<UnitOfMeasure>KG</UnitOfMeasure>"), encoding="utf-8")
    bare = RUN.invoke(cli, ["b2mml", "import", str(path)])
    assert bare.exit_code == 1
    mapped = RUN.invoke(cli, ["b2mml", "import", "--plant", "US02", "--format", "jsonl", str(path)])
    assert mapped.exit_code == 0, mapped.stderr
    assert '"unit": "KGM"' in mapped.stdout and '"unit": "KG"' not in mapped.stdout


def test_export_round_trip_through_the_cli(tmp_path: Path) -> None:
    imported = RUN.invoke(cli, ["b2mml", "import", str(FIXTURES / "v7" / "material_information.xml")])
    lots = json.loads(imported.stdout)["records"]["Lot"]
    path = tmp_path / "lots.json"
    path.write_text(json.dumps(lots), encoding="utf-8")
    exported = RUN.invoke(cli, ["b2mml", "export", str(path), "--entity", "Lot"])
    assert exported.exit_code == 0, exported.stderr
    xml = tmp_path / "lots.xml"
    xml.write_text(exported.stdout, encoding="utf-8")
    again = RUN.invoke(cli, ["b2mml", "import", str(xml)])
    assert again.exit_code == 0
    assert json.loads(again.stdout)["records"]["Lot"] == lots


def test_export_refuses_unknown_entity_and_bad_records(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"id": "L1"}', encoding="utf-8")
    assert RUN.invoke(cli, ["b2mml", "export", str(path), "--entity", "Material"]).exit_code == 2
    bad = RUN.invoke(cli, ["b2mml", "export", str(path), "--entity", "Lot"])
    assert bad.exit_code == 1
    assert "SCH-" in bad.stderr


def test_reference_page_examples_run() -> None:
    import re

    page = FIXTURES.parents[2] / "docs" / "reference" / "b2mml.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(page), "exec"), {})


def test_rule_catalogue_lists_b2mml_rules_without_lxml() -> None:
    import subprocess
    import sys

    code = ("import sys; from canonical.rules import catalogue; ids = catalogue(); "
            "assert 'B2M-002' in ids and 'B2M-203' in ids; assert 'lxml' not in sys.modules")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_export_refuses_records_that_break_business_rules(tmp_path: Path) -> None:
    order = json.loads((Path(__file__).resolve().parents[2] / "examples" / "records"
                        / "production_order.json").read_text(encoding="utf-8"))
    order["scheduled_end"] = "2026-03-01T00:00:00+01:00"  # before scheduled_start: ORD-001
    path = tmp_path / "order.json"
    path.write_text(json.dumps(order), encoding="utf-8")
    result = RUN.invoke(cli, ["b2mml", "export", str(path), "--entity", "ProductionOrder"])
    assert result.exit_code == 1
    assert "[ORD-001]" in result.stderr and "nothing written" in result.stderr
    assert result.stdout == ""
