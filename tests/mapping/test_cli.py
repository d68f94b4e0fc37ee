"""``canon mappings``: exit codes 0 clean, 1 findings, 2 unreadable input or usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli

from .builders import make_plant, table

OK = "ERP,000042,42,2024-01-01,,approved,ann,bob,"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["mappings", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_check_shipped_plants_exit_0() -> None:
    code, out = _run("check")
    assert code == 0, out
    from canonical.mapping import shipped_plants

    assert f"{len(shipped_plants())} plants checked: 0 errors, 0 warnings" in out
    assert _run("check", "--strict")[0] == 0  # fully clean: no warning either


def test_check_json_and_errors(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": table("", OK, "ERP,43,43,2024-13-01,,approved,"
                                                      "ann,bob,")})
    code, out = _run("check", str(folder), "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert {"rule_id": "MAP-042", "line": 3} in [
        {"rule_id": f["rule_id"], "line": f["line"]} for f in findings]


def test_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": table("", OK.replace("bob", "ann"))})
    assert _run("check", str(folder))[0] == 0
    assert _run("check", str(folder), "--strict")[0] == 1


@pytest.mark.parametrize("setup", ["missing", "file", "not-utf8-yaml", "too-large"])
def test_check_unreadable_input_exit_2(tmp_path: Path, setup: str) -> None:
    target = tmp_path / "P1"
    args: list[str] = []
    if setup == "file":
        target = tmp_path / "x.csv"
        target.write_text("a", encoding="utf-8")
    elif setup == "not-utf8-yaml":
        make_plant(tmp_path, {}, plant_yaml=b"id: P\xe91\n")
    elif setup == "too-large":
        make_plant(tmp_path, {"materials": table("", OK)})
        args = ["--max-bytes", "10"]
    code, out = _run("check", str(target), *args)
    assert code == 2, out


def test_diff_cli(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "a", {"materials": table("", OK)})
    new = make_plant(tmp_path / "b", {"materials": table("", OK, OK.replace("42", "43"))})
    code, out = _run("diff", str(old), str(new), "--format", "json")
    assert code == 0
    assert [c["kind"] for c in json.loads(out)["changes"]] == ["row_added"]
    code, out = _run("diff", str(new), str(old), "--fail-on", "breaking")
    assert code == 1 and "row_removed" in out
    assert _run("diff", str(old), str(tmp_path / "nope"))[0] == 2
    assert _run("diff", "git:no-such-rev:mappings/P1", str(old))[0] == 2


@pytest.mark.parametrize("fail_on", ["none", "breaking", "any"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_diff_refuses_a_side_with_read_errors(tmp_path: Path, fail_on: str, fmt: str) -> None:
    old = make_plant(tmp_path / "a", {"materials": table("", OK)})
    ragged = OK.replace("42", "43") + ",extra"  # line 3: one field more than the header
    new = make_plant(tmp_path / "b", {"materials": table("", OK, ragged)})
    for args in ((str(old), str(new)), (str(new), str(old))):
        result = CliRunner().invoke(cli, ["mappings", "diff", *args, "--fail-on", fail_on,
                                          "--format", fmt])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and result.stdout == ""
        assert "materials.csv:3 [MAP-019]" in result.stderr
        assert "[MAP-019]" in result.stderr.splitlines()[-1]  # the one-line error


def test_coverage_cli(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": table("", OK)})
    data = tmp_path / "x.csv"
    data.write_text("material\n000042\n000043\n000043\n", encoding="utf-8")
    code, out = _run("coverage", str(folder), "--data", str(data), "--entity", "Material",
                     "--source", "ERP", "--format", "json")
    assert code == 1
    assert {"code": "000043", "count": 2}.items() <= json.loads(out)["unmapped"][0].items()
    code, out = _run("coverage", str(folder), "--data", str(data), "-e", "Material",
                     "--source", "ERP", "-f", "github")
    assert code == 1 and out.startswith(f"::error file={data},line=3,title=MAP-110::")
    code, out = _run("coverage", str(folder), "--data", str(data), "-e", "Material",
                     "--source", "ERP", "-f", "junit")
    assert code == 1 and 'failures="1"' in out and "MAP-110" in out
    data.write_text("material\n000042\n", encoding="utf-8")
    assert _run("coverage", str(folder), "--data", str(data), "--entity", "Material",
                "--source", "ERP")[0] == 0
    assert _run("coverage", str(folder), "--data", str(data), "--entity", "Nope",
                "--source", "ERP")[0] == 2
    assert _run("coverage", str(folder), "--data", str(data), "--entity", "Material")[0] == 2
    assert _run("coverage", str(folder), "--data", str(data), "--entity", "Material",
                "--column", "bad")[0] == 2


def test_export_cli(tmp_path: Path) -> None:
    code, out = _run("export", "US02", "--table", "units", "--format", "sssom")
    assert code == 0 and "US02_ORACLE_EBS:LB" in out
    target = tmp_path / "units.sssom.tsv"
    assert _run("export", "US02", "--table", "units", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out
    assert _run("export", "US02", "--table", "nope")[0] == 2
    broken = make_plant(tmp_path, {"materials": table("", OK, OK)})
    code, out = _run("export", str(broken), "--table", "materials")
    assert code == 1 and "MAP-050" in out  # readable, but refused: it has error findings
