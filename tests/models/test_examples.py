"""Every shipped example record parses, round-trips, validates and matches the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import protocols, validators  # type: ignore[import-untyped]

import canonical
from canonical.models import ENTITIES, CanonicalModel
from canonical.resources import EXAMPLE_RECORDS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "records"
SCHEMA = ROOT / "schemas" / "canonical.schema.json"

FILE_ENTITY: dict[str, str] = {stem: entity for entity, stem in EXAMPLE_RECORDS.items()}


def _records(stem: str) -> list[Any]:
    data = json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


CASES = [
    pytest.param(stem, entity, index, record, id=f"{stem}[{index}]")
    for stem, entity in FILE_ENTITY.items()
    for index, record in enumerate(_records(stem))
]


def _quantity_values(node: object, path: str = "$") -> dict[str, object]:
    """JSON path -> value of every {"value", "unit"} object (a Quantity) in a JSON tree."""
    found: dict[str, object] = {}
    if isinstance(node, dict):
        if set(node) == {"value", "unit"}:
            found[path] = node["value"]
        for key, child in node.items():
            found.update(_quantity_values(child, f"{path}.{key}"))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found.update(_quantity_values(child, f"{path}[{i}]"))
    return found


def _schema_validator(entity: str) -> protocols.Validator:
    published = json.loads(SCHEMA.read_text(encoding="utf-8"))
    schema = {
        "$schema": published["$schema"],
        "$ref": f"#/$defs/{entity}",
        "$defs": published["$defs"],
    }
    cls = validators.validator_for(published)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_every_example_file_is_mapped_to_an_entity() -> None:
    stems = {p.stem for p in EXAMPLES.glob("*.json")}
    assert stems == set(FILE_ENTITY)


def test_every_entity_has_an_example() -> None:
    assert set(FILE_ENTITY.values()) == set(ENTITIES)


@pytest.mark.parametrize(("stem", "entity", "index", "record"), CASES)
def test_example_round_trips(stem: str, entity: str, index: int, record: Any) -> None:
    model: type[CanonicalModel] = ENTITIES[entity]
    parsed = model.model_validate(record)
    text = parsed.to_json()
    again = model.model_validate_json(text)
    assert again == parsed
    assert model.model_validate(json.loads(text)) == parsed
    assert again.to_json() == text  # dumping is stable


@pytest.mark.parametrize(("stem", "entity", "index", "record"), CASES)
def test_example_quantities_keep_their_exact_wire_strings(
    stem: str, entity: str, index: int, record: Any
) -> None:
    dumped = json.loads(ENTITIES[entity].model_validate(record).to_json())
    before = _quantity_values(record)
    assert before == _quantity_values(dumped)
    assert all(isinstance(v, str) for v in before.values())


@pytest.mark.parametrize(("stem", "entity", "index", "record"), CASES)
def test_example_validates_without_errors(stem: str, entity: str, index: int, record: Any) -> None:
    report = canonical.validate(record, entity=entity)
    assert report.errors == (), [f.render() for f in report.errors]


@pytest.mark.parametrize("stem", sorted(FILE_ENTITY))
def test_example_file_validates_as_one_extract(stem: str) -> None:
    report = canonical.validate_many(_records(stem), entity=FILE_ENTITY[stem])
    assert report.errors == (), [f.render() for f in report.errors]


@pytest.mark.parametrize(("stem", "entity", "index", "record"), CASES)
def test_example_matches_published_json_schema(
    stem: str, entity: str, index: int, record: Any
) -> None:
    validator = _schema_validator(entity)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(record)]
    assert errors == []


@pytest.mark.parametrize(("stem", "entity", "index", "record"), CASES)
def test_dumped_example_matches_published_json_schema(
    stem: str, entity: str, index: int, record: Any
) -> None:
    dumped = json.loads(ENTITIES[entity].model_validate(record).to_json())
    validator = _schema_validator(entity)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(dumped)]
    assert errors == []


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_json_schema_is_closed_like_the_models(entity: str) -> None:
    stem = next(s for s, e in FILE_ENTITY.items() if e == entity)
    record = dict(_records(stem)[0])
    record["not_in_the_model"] = "x"
    assert not _schema_validator(entity).is_valid(record)
    assert "SCH-003" in canonical.validate(record, entity=entity).rule_ids()
