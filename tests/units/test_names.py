"""Units by name and synonym; plant codes whose meaning differs from Rec 20 are explained."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.units.names import by_name, plant_note, search
from canonical.units.table import units


@pytest.mark.parametrize(("text", "code"), [("pound", "LBR"), ("pounds", "LBR"), ("Meters", "MTR"),
                                            ("pcs", "H87"), ("inches", "INH"), ("kilos", "KGM")])
def test_by_name_finds_the_unit(text: str, code: str) -> None:
    unit = by_name(text)
    assert unit is not None and unit.code == code


@pytest.mark.parametrize("text", ["gallon", "ton", "ST", "xyzzy"])
def test_ambiguous_or_unknown_names_are_not_guessed(text: str) -> None:
    assert by_name(text) is None


def test_search_ranks_exact_names_first() -> None:
    assert search("pound")[0].code == "LBR"
    assert {"GLL", "GLI"} <= {u.code for u in search("gallon")}
    assert search("   ") == []


def test_every_names_row_is_a_known_code_or_a_plant_note() -> None:
    from canonical.units.names import names

    for code, entry in names().items():
        assert code in units() or entry.plant_note, code


def test_cli_search_and_show_by_synonym() -> None:
    runner = CliRunner()
    found = runner.invoke(cli, ["units", "search", "pound"])
    assert found.exit_code == 0 and found.output.splitlines()[0].startswith("LBR ")
    assert runner.invoke(cli, ["units", "search", "xyzzy"]).exit_code == 1
    shown = runner.invoke(cli, ["units", "show", "pounds", "--format", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["code"] == "LBR"


def test_show_st_explains_the_sap_meaning() -> None:
    result = CliRunner().invoke(cli, ["units", "show", "ST"])
    assert result.exit_code == 1
    assert "UOM-002" in result.output
    assert "SAP plants mean piece" in result.output and "H87" in result.output
    assert "stere" not in result.output.split("note:")[1]
    assert "SAP" in plant_note("ST")


def test_show_h87_carries_the_plant_note() -> None:
    result = CliRunner().invoke(cli, ["units", "show", "H87"])
    assert result.exit_code == 0 and "plant note:" in result.output
