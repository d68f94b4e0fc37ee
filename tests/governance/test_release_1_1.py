"""Release 1.1.0 through the project's own governance: a minor bump the diff agrees with,
a check that fails when a copy makes a new field required in an existing entity, and a
1.0.0 consumer (JSON Schema and models generated from the 1.0.0 snapshot) that still
validates every record of a 1.0.0 entity the 1.1.0 code writes."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import validators  # type: ignore[import-untyped]

from canonical.changes import Bump
from canonical.cli.governance import check_release_command
from canonical.governance.check import check_release
from canonical.governance.release import release_file
from canonical.models import ENTITIES
from canonical.resources import EXAMPLE_RECORDS, data_dir
from canonical.schema.build import artifacts

ROOT = data_dir("schemas").parent
SCHEMA = data_dir("schemas") / "canonical.yaml"
CHANGELOG = ROOT / "CHANGELOG.md"
V1_0_ENTITIES = ("ProductionOrder", "Operation", "Material", "Lot", "Resource", "QualityResult",
                 "InventoryTransaction", "Event")


def test_schema_1_1_is_a_minor_release_of_1_0() -> None:
    """1.0.0 -> the current schema: a minor bump once the approved waivers (schemas/waivers.yaml,
    the contract fixes of 1.1.0) are applied, and nothing breaking left unwaived."""
    from datetime import date

    from canonical.changes.waivers import apply_waivers, load_waivers
    from canonical.governance.diff import diff

    log = apply_waivers(diff(release_file("1.0.0"), SCHEMA),
                        load_waivers(SCHEMA.parent / "waivers.yaml"), today=date(2026, 12, 6))
    assert log.new_version == "1.1.0" and log.bump is Bump.MINOR
    assert not [c for c in log.changes if c.breaking and c.waiver is None]
    kinds = {c.kind for c in log.changes}
    assert {"class.added", "enum.added", "enum.value_added"} <= kinds


def _required_field_copy(tmp_path: Path) -> Path:
    """The schema with a new required field in an existing entity (ProductionOrder)."""
    doc = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    doc["classes"]["ProductionOrder"]["attributes"]["shift"] = {
        "range": "Identifier", "required": True, "description": "Shift that runs the order."}
    copy = tmp_path / "canonical.yaml"
    copy.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return copy


def test_check_release_fails_when_a_new_field_is_required_in_an_existing_entity(
        tmp_path: Path) -> None:
    copy = _required_field_copy(tmp_path)
    result = check_release(copy, CHANGELOG)
    assert not result.ok
    assert result.required is Bump.MAJOR
    assert "GOV-090" in result.log.findings.rule_ids()
    added = [c for c in result.log.changes if c.path == "ProductionOrder.shift"]
    assert [c.kind for c in added] == ["slot.added.required"] and added[0].breaking
    cli = CliRunner().invoke(check_release_command,
                             ["--schema", str(copy), "--changelog", str(CHANGELOG)])
    assert cli.exit_code == 1 and "[GOV-090]" in cli.output


# ----------------------------------------------------------------------- the 1.0.0 consumer
@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], ModuleType]:
    """The JSON Schema published with 1.0.0 and pydantic models generated from its snapshot."""
    root = tmp_path_factory.mktemp("consumer-1.0.0")
    built = {a.path.name: a.content for a in artifacts(release_file("1.0.0"), root=root)}
    # the JSON Schema a 1.0.0 consumer holds is the one published with 1.0.0 (its build
    # inlined Event.payload by an override that today's generator no longer applies)
    schema = json.loads((ROOT / "tests" / "fixtures" / "schemas" / "published-1.0.0.schema.json")
                        .read_text(encoding="utf-8"))
    module_path = root / "models_1_0_0.py"
    module_path.write_text(built["v1.py"], encoding="utf-8")
    spec = importlib.util.spec_from_file_location("models_1_0_0", module_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["models_1_0_0"] = module
    spec.loader.exec_module(module)
    assert module.SCHEMA_VERSION == "1.0.0"
    return schema, module


def _records_1_0() -> list[tuple[str, str, dict[str, Any]]]:
    """Every shipped record of a 1.0.0 entity: examples and workflow fixtures."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    for entity in V1_0_ENTITIES:
        path = ROOT / "examples" / "records" / f"{EXAMPLE_RECORDS[entity]}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        found += [(entity, f"{path.name}[{i}]", r)
                  for i, r in enumerate(data if isinstance(data, list) else [data])]
    for plant in ("DE01", "US02"):
        flows = yaml.safe_load((ROOT / "examples" / "flows" / plant / "flows.yaml").read_text())
        for step in flows["steps"]:
            if step["entity"] in V1_0_ENTITIES:
                path = ROOT / "examples" / "flows" / plant / step["canonical"]
                found.append((step["entity"], f"{plant}/{path.name}",
                              json.loads(path.read_text(encoding="utf-8"))))
    return found


RECORDS = _records_1_0()


def _validator(schema: dict[str, Any], entity: str) -> Any:
    cls = validators.validator_for(schema)
    return cls({"$schema": schema["$schema"], "$ref": f"#/$defs/{entity}",
                "$defs": schema["$defs"]}, format_checker=cls.FORMAT_CHECKER)


def test_every_1_0_entity_and_record_kind_is_covered() -> None:
    assert {entity for entity, _, _ in RECORDS} == set(V1_0_ENTITIES)
    assert len(RECORDS) > len(V1_0_ENTITIES)


@pytest.mark.parametrize(("entity", "where", "record"), RECORDS, ids=[w for _, w, _ in RECORDS])
def test_1_0_consumer_validates_what_1_1_writes(
        consumer: tuple[dict[str, Any], ModuleType], entity: str, where: str,
        record: dict[str, Any]) -> None:
    schema, models = consumer
    written = ENTITIES[entity].model_validate(record).to_json_dict()  # as 1.1.0 writes it
    for data in (record, written):
        errors = [f"{e.json_path}: {e.message}" for e in _validator(schema, entity).iter_errors(data)]
        assert errors == [], where
        old = getattr(models, entity).model_validate(data)
        assert old.to_json_dict() == written  # the 1.0.0 reading is the same record


def test_1_0_consumer_rejects_a_new_entity_in_an_event(
        consumer: tuple[dict[str, Any], ModuleType]) -> None:
    """The documented consumer side of a minor release: old readers refuse new payloads
    (closed model), so producers send them only once consumers run 1.1.0."""
    schema, models = consumer
    event = json.loads((ROOT / "examples" / "records" / "event.json").read_text("utf-8"))
    event.update(payload_type="LaborReport", type="labor_report.reported", payload=json.loads(
        (ROOT / "examples" / "records" / "labor_report.json").read_text("utf-8"))[0])
    assert not _validator(schema, "Event").is_valid(event)
    with pytest.raises(ValueError):
        models.Event.model_validate(event)
