"""Independent validators of the published contract, each as a team elsewhere would run it.

Each takes ``(entity, record)`` and says whether the record is valid *at the schema level*
(structure, types, patterns, formats, class rules), not whether business rules hold:

- ``models`` / ``models_json``: the generated pydantic models (Python and JSON input);
- ``validate``: ``canonical.validate`` without structural findings (SCH-xxx, and EVT-001,
  which the Event model enforces as a class rule);
- ``jsonschema`` / ``jsonschema_no_format``: the ``jsonschema`` library, draft 2019-09, with
  and without its format checker, against the ``$defs/<Entity>`` entry point;
- ``fastjsonschema``: compiled from the same entry point (its default format checks on);
- ``linkml``: LinkML's own validator on the LinkML source (closed classes).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import fastjsonschema
import jsonschema

from canonical import validate
from canonical.models import ENTITIES
from canonical.resources import data_file

Verdict = Callable[[str, Any], bool]


@cache
def published() -> dict[str, Any]:
    """The JSON Schema as shipped."""
    document: dict[str, Any] = json.loads(data_file("schemas", "canonical.schema.json").read_text("utf-8"))
    return document


def entry_point(entity: str) -> dict[str, Any]:
    """The documented entry point of one entity: ``$defs/<Entity>`` of the shipped file."""
    schema = published()
    return {"$schema": schema["$schema"], "$id": schema["$id"], "$defs": schema["$defs"],
            "$ref": f"#/$defs/{entity}"}


def models(entity: str, record: Any) -> bool:
    from pydantic import ValidationError

    try:
        ENTITIES[entity].model_validate(record)
    except ValidationError:
        return False
    return True


def models_json(entity: str, record: Any) -> bool:
    from pydantic import ValidationError

    try:
        ENTITIES[entity].model_validate_json(json.dumps(record, ensure_ascii=False))
    except ValidationError:
        return False
    return True


def canonical_validate(entity: str, record: Any) -> bool:
    report = validate(record, entity)
    return not any(f.rule_id.startswith("SCH-") or f.rule_id == "EVT-001" for f in report)


@cache
def _jsonschema(entity: str, formats: bool) -> jsonschema.protocols.Validator:
    checker = jsonschema.Draft201909Validator.FORMAT_CHECKER if formats else None
    return jsonschema.Draft201909Validator(entry_point(entity), format_checker=checker)


def jsonschema_formats(entity: str, record: Any) -> bool:
    return bool(_jsonschema(entity, True).is_valid(record))


def jsonschema_no_format(entity: str, record: Any) -> bool:
    return bool(_jsonschema(entity, False).is_valid(record))


@cache
def _fast(entity: str) -> Callable[[Any], Any]:
    return fastjsonschema.compile(entry_point(entity))  # type: ignore[no-any-return]


def fast(entity: str, record: Any) -> bool:
    try:
        _fast(entity)(record)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def _linkml() -> Any:
    from linkml.validator import Validator
    from linkml.validator.plugins import JsonschemaValidationPlugin

    return Validator(str(data_file("schemas", "canonical.yaml")),
                     validation_plugins=[JsonschemaValidationPlugin(closed=True)])


def linkml(entity: str, record: Any) -> bool:
    return not _linkml().validate(record, entity).results


VALIDATORS: dict[str, Verdict] = {
    "models": models,
    "models_json": models_json,
    "validate": canonical_validate,
    "jsonschema": jsonschema_formats,
    "jsonschema_no_format": jsonschema_no_format,
    "fastjsonschema": fast,
    "linkml": linkml,
}


def verdicts(entity: str, record: Any) -> dict[str, bool]:
    """Every validator's verdict on one record."""
    return {name: check(entity, record) for name, check in VALIDATORS.items()}
