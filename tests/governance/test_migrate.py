"""Migrations across major versions of fixture schemas: renamed, split and unit-changed fields."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from canonical.cli.migrate import migrate as migrate_command
from canonical.errors import MigrationError
from canonical.governance import migrate
from canonical.governance.diff import diff
from canonical.governance.migration import migrate as migrate_module_fn

from . import fixture_migrations
from .builders import FIXTURES

SCHEMAS = FIXTURES / "migration"
V1_ORDER: dict[str, object] = {
    "id": "WO-1", "priority": 3, "operator_name": "Jane van Dijk", "run_time": "90",
}


@cache
def _json_schema(version: str) -> dict[str, Any]:
    from linkml.generators.jsonschemagen import JsonSchemaGenerator

    text = JsonSchemaGenerator(str(SCHEMAS / f"v{version}.yaml")).serialize()
    data: dict[str, Any] = json.loads(text)
    return data


def _valid(payload: dict[str, object], major: str) -> bool:
    return jsonschema.Draft201909Validator(_json_schema(major)).is_valid(payload)


def test_fixture_versions_differ_in_shape() -> None:
    """The diff sees what the migrations have to repair."""
    kinds12 = {(c.kind, c.path) for c in diff(SCHEMAS / "v1.yaml", SCHEMAS / "v2.yaml").changes}
    assert ("slot.renamed", "WorkOrder.urgency") in kinds12
    assert ("slot.removed.optional", "WorkOrder.operator_name") in kinds12
    kinds23 = {(c.kind, c.path) for c in diff(SCHEMAS / "v2.yaml", SCHEMAS / "v3.yaml").changes}
    assert kinds23 == {("unit.changed", "WorkOrder.run_time")}
    assert _valid(V1_ORDER, "1") and not _valid(V1_ORDER, "2")


def test_one_major_step() -> None:
    out = migrate(V1_ORDER, "1.0.0", "2.0.0", entity="WorkOrder",
                  registry=fixture_migrations.REGISTRY)
    assert out == {"id": "WO-1", "urgency": 3, "operator_first_name": "Jane",
                   "operator_last_name": "van Dijk", "run_time": "90"}
    assert _valid(out, "2")
    assert V1_ORDER["priority"] == 3  # the input is never changed


def test_chained_steps_convert_units_exactly() -> None:
    out = migrate(V1_ORDER, "1.2.0", "3.0.0", registry=fixture_migrations.REGISTRY)
    assert out["run_time"] == "1.5"
    assert _valid(out, "3")


def test_inexact_unit_conversion_is_refused() -> None:
    payload = {**V1_ORDER, "run_time": "100"}  # 5/3 h has no exact decimal
    with pytest.raises(MigrationError) as info:
        migrate(payload, "1.0.0", "3.0.0", registry=fixture_migrations.REGISTRY)
    assert info.value.rule_id == "GOV-050" and "run_time" in str(info.value)


def test_same_major_needs_no_step() -> None:
    out = migrate(V1_ORDER, "1.0.0", "1.4.0", registry=fixture_migrations.REGISTRY)
    assert out == V1_ORDER and out is not V1_ORDER


@pytest.mark.parametrize(("a", "b", "match"), [
    ("2.0.0", "1.0.0", "downgrades"),
    ("3.0.0", "4.0.0", "no migration registered from major version 3"),
    ("1.0", "2.0.0", "not a semantic version"),
])
def test_no_path(a: str, b: str, match: str) -> None:
    with pytest.raises(MigrationError, match=match):
        migrate(V1_ORDER, a, b, registry=fixture_migrations.REGISTRY)


def test_bad_step_payload_is_a_migration_error() -> None:
    with pytest.raises(MigrationError, match="operator_name"):
        migrate({**V1_ORDER, "operator_name": 7}, "1.0.0", "2.0.0",
                registry=fixture_migrations.REGISTRY)


def test_step_must_upgrade_one_major() -> None:
    with pytest.raises(ValueError, match="one major"):
        fixture_migrations.REGISTRY.step("1.0.0", "3.0.0")


def test_builtin_registry_has_no_step_before_2_0() -> None:
    assert migrate_module_fn({"id": "x"}, "1.0.0", "1.0.0") == {"id": "x"}
    with pytest.raises(MigrationError):
        migrate_module_fn({"id": "x"}, "1.0.0", "2.0.0")


def test_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import canonical.governance.migration as module

    monkeypatch.setattr(module, "builtin_registry", lambda: fixture_migrations.REGISTRY)
    source = tmp_path / "orders.json"
    source.write_text(json.dumps([V1_ORDER, {**V1_ORDER, "id": "WO-2", "run_time": "30"}]))
    result = CliRunner().invoke(migrate_command, [str(source), "--from", "1.0.0", "--to", "3.0.0"])
    assert result.exit_code == 0, result.output
    assert [o["run_time"] for o in json.loads(result.output)] == ["1.5", "0.5"]
    out = tmp_path / "out.json"
    result = CliRunner().invoke(migrate_command, [str(source), "--from", "1.0.0", "--to", "2.0.0",
                                                  "-o", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text())[0]["urgency"] == 3
    result = CliRunner().invoke(migrate_command, [str(source), "--from", "3.0.0", "--to", "4.0.0"])
    assert result.exit_code == 1 and "[GOV-050]" in result.output
    source.write_text("{not json")
    result = CliRunner().invoke(migrate_command, [str(source), "--from", "1.0.0"])
    assert result.exit_code == 2 and "[IO-003]" in result.output
