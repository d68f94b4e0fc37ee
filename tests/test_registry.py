"""Registries fail loudly: an entry that does not import raises RegistryError (ENG-201)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import canonical.cli as cli_module
import canonical.cli.demo as demo_module
import canonical.rules as rules_module
from canonical.errors import RegistryError
from canonical.registry import load, load_module


def test_an_own_module_that_does_not_exist_is_a_registry_error() -> None:
    with pytest.raises(RegistryError) as caught:
        load_module("rule catalogue", "canonical.no_such_rules")
    assert (caught.value.rule_id, caught.value.entry) == ("ENG-201", "canonical.no_such_rules")


def test_a_missing_attribute_is_a_registry_error() -> None:
    with pytest.raises(RegistryError) as caught:
        load("canon command", "canonical.cli.map:no_such_command")
    assert caught.value.registry == "canon command"


def test_a_missing_third_party_module_stays_module_not_found() -> None:
    """The CLI turns that one into "install the [extra]"."""
    with pytest.raises(ModuleNotFoundError) as caught:
        load_module("canon command", "no_such_third_party_package_xyz")
    assert not isinstance(caught.value, RegistryError)


def test_the_catalogue_does_not_skip_a_rule_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules_module, "RULE_MODULES",
                        (*rules_module.RULE_MODULES, "canonical.gone.rules"))
    with pytest.raises(RegistryError, match=r"canonical\.gone\.rules"):
        rules_module.catalogue()


def test_every_declared_rule_module_is_distinct_and_imports() -> None:
    assert len(set(rules_module.RULE_MODULES)) == len(rules_module.RULE_MODULES)
    for name in rules_module.RULE_MODULES:
        load_module("rule catalogue", name)


def test_a_command_that_does_not_import_is_an_error_not_a_gap(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(cli_module.COMMANDS, "ghost", "canonical.cli.ghost:ghost")
    with pytest.raises(SystemExit) as exited:
        cli_module.main(["--help"])
    assert exited.value.code == 2
    assert "[ENG-201]" in capsys.readouterr().err


def test_a_demo_section_that_does_not_import_stops_the_demo(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_module, "SECTIONS", ("canonical.cli.ghost:run",))
    monkeypatch.setattr(demo_module, "validate_examples", lambda echo: True)
    result = CliRunner().invoke(demo_module.demo, [])
    assert isinstance(result.exception, RegistryError)
