"""Progress on stderr: shown in a terminal (or with --progress), silent otherwise."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.cli.progress import enabled

ORDER = {"id": "1", "plant": "PL07", "material": "M", "status": "released",
         "ordered_quantity": {"value": "1", "unit": "H87"}}


def _orders(tmp_path: Path, n: int = 30) -> Path:
    path = tmp_path / "orders.jsonl"
    path.write_text("".join(json.dumps({**ORDER, "id": str(i)}) + "\n" for i in range(n)),
                    encoding="utf-8")
    return path


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_default_follows_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert enabled(None) is False
    monkeypatch.setattr("sys.stderr", _Tty())
    assert enabled(None) is True
    assert enabled(False) is False


def test_validate_is_silent_when_not_a_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "-e", "ProductionOrder", str(_orders(tmp_path))])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == "30 records checked: 0 errors, 0 warnings\n"


def test_validate_progress_goes_to_stderr_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "-e", "ProductionOrder", str(_orders(tmp_path)),
                                      "--progress", "--format", "json"])
    assert result.exit_code == 0
    # records are streamed: the bar counts them (no total is known before the end)
    assert "validating ProductionOrder" in result.stderr and " records" in result.stderr
    assert json.loads(result.stdout)["ok"] is True


def test_mappings_check_and_coverage_progress(tmp_path: Path) -> None:
    check = CliRunner().invoke(cli, ["mappings", "check", "DE01", "--progress"])
    assert check.exit_code == 0 and "checking DE01: done in" in check.stderr
    quiet = CliRunner().invoke(cli, ["mappings", "check", "DE01"])
    assert quiet.stderr == ""
    extract = tmp_path / "orders.csv"
    extract.write_text("id,status,source_system\n1,REL,SAP_ECC\n", encoding="utf-8")
    coverage = CliRunner().invoke(cli, ["mappings", "coverage", "DE01", "--data", str(extract),
                                        "--entity", "ProductionOrder", "--progress"])
    assert "measuring coverage of" in coverage.stderr, coverage.output
