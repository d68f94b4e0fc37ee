"""Issue 13: the published JSON Schema says the contract by itself, from the LinkML source.

Each test names a defect of 1.0.0's schema: a root that referenced no entity, timestamps
checked only by ``format`` (which validators skip by default), optional lists nullable in
the schema but refused by the models, ``Event.payload`` read as an id by LinkML and not tied
to ``payload_type``, enum value descriptions dropped.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
import yaml

from canonical import validate
from canonical.models import ENTITIES, SCHEMA_VERSION
from canonical.resources import data_file

from .mutants import examples
from .validators import entry_point, linkml, published


def _plain(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    """A default-configured consumer: no format checking."""
    return jsonschema.Draft201909Validator(schema)


def _first(entity: str) -> dict[str, Any]:
    return copy.deepcopy(next(r for e, _, r in examples() if e == entity))


def test_root_offers_every_entity_and_checks_a_record() -> None:
    schema = published()
    assert schema["anyOf"] == [{"$ref": f"#/$defs/{name}"} for name in sorted(ENTITIES)]
    for entity, _, record in examples():
        assert _plain(schema).is_valid(record), entity
    bad = _first("Lot")
    bad["quantity"] = {"value": 12.5, "unit": "KGM"}
    assert not _plain(schema).is_valid(bad)
    assert not _plain(schema).is_valid({"anything": "at all"})


def test_id_carries_the_schema_version() -> None:
    source = yaml.safe_load(data_file("schemas", "canonical.yaml").read_text(encoding="utf-8"))
    assert published()["$id"] == f"{source['id']}/{SCHEMA_VERSION}"


@pytest.mark.parametrize("stamp", ["2026-03-02T06:00:00", "2026-03-02", "2026-03-02T06:00:00.1234567Z",
                                   "2026-02-30T06:00:00Z", "2026-03-02t06:00:00z"])
def test_timestamps_are_checked_without_format_checking(stamp: str) -> None:
    record = _first("InventoryTransaction")
    record["posted_at"] = stamp
    assert not _plain(entry_point("InventoryTransaction")).is_valid(record)
    assert "SCH-005" in validate(record, "InventoryTransaction").rule_ids()


def test_dates_are_checked_without_format_checking() -> None:
    record = _first("Lot")
    record["expires_on"] = "2027-02-29"
    assert not _plain(entry_point("Lot")).is_valid(record)
    assert "SCH-005" in validate(record, "Lot").rule_ids()


@pytest.mark.parametrize("entity,field", [("ProductionOrder", "operations"),
                                          ("Lot", "genealogy"), ("Lot", "serial_numbers"),
                                          ("Material", "alternative_units")])
def test_null_for_an_optional_list_means_absent_in_models_and_schema(entity: str,
                                                                     field: str) -> None:
    record = _first(entity)
    record[field] = None
    assert _plain(entry_point(entity)).is_valid(record)
    assert ENTITIES[entity].model_validate(record).to_json_dict().get(field) is None
    assert not validate(record, entity).errors


def test_event_payload_is_inlined_for_linkml_and_tied_to_payload_type() -> None:
    event = _first("Event")
    assert linkml("Event", event)  # 1.0.0: LinkML read the payload as an id reference
    other = _first("Material")
    mismatch = {**event, "payload": other}
    assert event["payload_type"] != "Material"
    assert not _plain(entry_point("Event")).is_valid(mismatch)
    assert not linkml("Event", mismatch)
    found = validate(mismatch, "Event")
    assert [(f.rule_id, f.path) for f in found] == [("EVT-001", "$.payload_type")]
    assert _plain(entry_point("Event")).is_valid({**mismatch, "payload_type": "Material"})


def test_every_entity_type_has_a_payload_rule() -> None:
    """A new entity in EntityType needs its payload rule too (else payload_type ties nothing)."""
    rules = published()["$defs"]["Event"]["allOf"]
    tied = {r["if"]["properties"]["payload_type"]["const"] for r in rules}
    assert tied == set(published()["$defs"]["EntityType"]["enum"])


def test_enums_keep_their_value_descriptions() -> None:
    source = yaml.safe_load(data_file("schemas", "canonical.yaml").read_text(encoding="utf-8"))
    for name, enum in source["enums"].items():
        published_enum = published()["$defs"][name]
        values = enum["permissible_values"]
        assert published_enum["enum"] == list(values)
        assert published_enum["enumDescriptions"] == [
            " ".join((v or {}).get("description", "").split()) for v in values.values()]


def test_published_schema_is_linkmls_own_output_plus_documented_additions() -> None:
    """No post-processing override: dropping the documented additions leaves exactly what
    LinkML's stock generator writes from the source."""
    from linkml.generators.jsonschemagen import JsonSchemaGenerator

    stock = json.loads(JsonSchemaGenerator(str(data_file("schemas", "canonical.yaml")),
                                           not_closed=False, mergeimports=True).serialize())
    ours = copy.deepcopy(published())
    for key in ("$comment", "anyOf", "description"):
        ours.pop(key, None)
    ours["$id"] = stock["$id"]
    for definition in ours["$defs"].values():
        definition.pop("enumDescriptions", None)
    assert ours == stock
