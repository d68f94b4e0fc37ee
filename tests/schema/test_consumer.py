"""A consumer's view: models generated from the published JSON Schema by another team.

datamodel-code-generator runs on schemas/canonical.schema.json exactly as
docs/guides/consumers.md says (strict types; timestamps and dates kept as the pattern-checked
strings they are on the wire). Every shipped example goes through the generated models,
back to JSON, and into ``canonical.validate``: nothing may be lost or changed on the way.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from canonical import validate
from canonical.resources import data_file

from .mutants import examples

#: the generator options the consumers' guide documents (a test keeps them equal)
OPTIONS = [
    "--input-file-type", "jsonschema", "--output-model-type", "pydantic_v2.BaseModel",
    "--target-python-version", "3.11", "--use-standard-collections", "--disable-timestamp",
    "--field-constraints", "--strict-types", "str", "int", "bool",
    "--type-mappings", "date-time=string", "date=string", "--formatters", "builtin",
]


@cache
def generated(folder: Path) -> ModuleType:
    target = folder / "canonical_models.py"
    subprocess.run(
        [sys.executable, "-m", "datamodel_code_generator", "--input",
         str(data_file("schemas", "canonical.schema.json")), "--output", str(target), *OPTIONS],
        check=True, capture_output=True, text=True, timeout=300,
    )
    spec = importlib.util.spec_from_file_location("canonical_models_generated", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the generated annotations through it
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generated(tmp_path_factory.mktemp("consumer"))


def _round_trip(model: Any, record: Any) -> Any:
    return model.model_validate(record).model_dump(mode="json", exclude_unset=True, by_alias=True)


@pytest.mark.parametrize("entity,index,record", examples(), ids=lambda v: str(v)[:30])
def test_every_example_round_trips_through_generated_models(
        consumer: ModuleType, entity: str, index: int, record: Any) -> None:
    back = _round_trip(getattr(consumer, entity), record)
    assert back == record
    assert not validate(back, entity).errors
    assert _round_trip(consumer.Canonical, record) == record  # the root: any entity


@pytest.mark.parametrize("path,value", [
    ("posted_at", "2026-03-02T07:15:00.123456789+01:00"), ("posted_at", "2026-03-02"),
    ("posted_at", "2026-03-02T07:15:00"), ("id", "BU\x1c1"), ("quantity.value", "21.250\n"),
    ("quantity.value", "\u0662\u0661.\u0662\u0665"), ("operation", 10.0),
])
def test_generated_models_refuse_what_canonical_refuses(consumer: ModuleType, path: str,
                                                        value: Any) -> None:
    from pydantic import ValidationError

    record = dict(next(r for e, _, r in examples() if e == "InventoryTransaction"))
    head, _, tail = path.partition(".")
    record[head] = {**record[head], tail: value} if tail else value
    assert validate(record, "InventoryTransaction").errors
    with pytest.raises(ValidationError):
        consumer.InventoryTransaction.model_validate(record)


def test_the_guide_documents_these_options() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "guides" / "consumers.md").read_text(
        encoding="utf-8")
    for option in OPTIONS:
        if option.startswith("--"):
            assert option in guide, option
