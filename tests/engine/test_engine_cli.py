"""``canon map``: exit codes 0 (mapped), 1 (findings / no spec), 2 (usage, unreadable input)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from canonical.cli.map import map_command

from .conftest import FLOWS


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(map_command, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_inbound_prints_canonical_json() -> None:
    code, out, _ = _run(str(FLOWS / "DE01" / "lot.mes.json"), "--plant", "DE01",
                        "--source", "MES_DE", "--entity", "Lot")
    assert code == 0
    assert json.loads(out) == json.loads((FLOWS / "DE01" / "lot.canonical.json").read_text())


def test_outbound_prints_native_jsonl() -> None:
    code, out, _ = _run(str(FLOWS / "US02" / "scrap.canonical.json"), "--plant", "US02",
                        "--source", "ORACLE_EBS", "--entity", "InventoryTransaction",
                        "--direction", "outbound", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 1
    assert json.loads(out)["transaction_type_name"] == "WIP Scrap"


def test_outbound_takes_target_and_the_old_spelling_warns() -> None:
    args = [str(FLOWS / "US02" / "scrap.canonical.json"), "-p", "US02", "-e",
            "InventoryTransaction", "-f", "jsonl"]
    code, out, err = _run(*args, "--target", "ORACLE_EBS")
    assert code == 0 and json.loads(out)["transaction_type_name"] == "WIP Scrap" and err == ""
    code, old, err = _run(*args, "--source", "ORACLE_EBS", "--direction", "outbound")
    assert code == 0 and old == out and "--source for the target" in err and "--target" in err
    assert _run(*args, "--target", "ORACLE_EBS", "--direction", "inbound")[0] == 2
    assert _run(*args, "--target", "ORACLE_EBS", "--source", "MES_DE")[0] == 2
    assert _run(*args)[0] == 2


def test_findings_exit_1_with_located_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    good = (FLOWS / "DE01" / "consumption.mes.json").read_text().replace("\n", " ")
    bad.write_text(good + "\n" + good.replace('"300200"', '"999"') + "\n")
    code, out, err = _run(str(bad), "--plant", "DE01", "--source", "MES_DE",
                          "--entity", "InventoryTransaction", "--format", "jsonl")
    assert code == 1 and out == ""
    assert f"{bad}:2 record 1 $.material [ENG-104]" in err
    code, out, _ = _run(str(bad), "--plant", "DE01", "--source", "MES_DE",
                        "--entity", "InventoryTransaction", "--format", "jsonl", "--lenient")
    assert code == 1 and len(out.splitlines()) == 1


def test_no_spec_exits_1() -> None:
    code, _, _ = _run(str(FLOWS / "DE01" / "lot.mes.json"), "--plant", "DE01",
                      "--source", "SAP_ECC", "--entity", "Lot")
    assert code == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    lot = str(FLOWS / "DE01" / "lot.mes.json")
    assert _run(lot, "--plant", "XX99", "--source", "MES_DE", "--entity", "Lot")[0] == 2
    assert _run(lot, "--plant", "DE01", "--source", "NOPE", "--entity", "Lot")[0] == 2
    assert _run(lot, "--plant", "DE01", "--source", "MES_DE", "--entity", "Invoice")[0] == 2
    assert _run(str(tmp_path / "missing.json"), "--plant", "DE01", "--source", "MES_DE",
                "--entity", "Lot")[0] == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert _run(str(broken), "--plant", "DE01", "--source", "MES_DE", "--entity", "Lot")[0] == 2


def test_missing_spec_names_its_rule() -> None:
    code, _out, err = _run(str(FLOWS / "DE01" / "order-release.sap.json"), "--plant", "DE01",
                           "--source", "SAP_ECC", "--entity", "Material")
    assert code == 1
    assert "[ENG-140]" in err and "Traceback" not in err
