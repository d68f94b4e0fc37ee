"""The Event payload: a union discriminated by ``payload_type`` (canonical.models.class_rules).

The member ``payload_type`` names is the one read; the records it refuses are refused as
before (the union's findings, or EVT-001 when another member fits).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from canonical.models import ENTITIES, Event

ROOT = Path(__file__).resolve().parents[2]
RECORDS = ROOT / "examples" / "records"
EVENT: dict[str, Any] = json.loads((RECORDS / "event.json").read_text(encoding="utf-8"))


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _record(entity: str) -> dict[str, Any]:
    data = json.loads((RECORDS / f"{_snake(entity)}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(data[0] if isinstance(data, list) else data)


PAYLOADS = sorted(name for name in ENTITIES if name != "Event")


def _event(payload_type: str, payload: object) -> dict[str, Any]:
    return {**EVENT, "payload_type": payload_type, "payload": payload}


def test_every_member_of_the_payload_union_has_an_example() -> None:
    assert len(PAYLOADS) == 20
    assert all((RECORDS / f"{_snake(name)}.json").is_file() for name in PAYLOADS)


@pytest.mark.parametrize("name", PAYLOADS)
def test_an_instance_of_the_named_class_is_the_payload_as_is(name: str) -> None:
    obj = ENTITIES[name].model_validate(_record(name))
    event = Event.model_validate(_event(name, obj))
    assert event.payload is obj  # not validated again, and a patch keeps the fields it sets


@pytest.mark.parametrize("name", PAYLOADS)
def test_a_dict_is_read_as_the_class_payload_type_names(name: str) -> None:
    record = _record(name)
    event = Event.model_validate(_event(name, record))
    assert type(event.payload) is ENTITIES[name]
    assert event.payload.to_json_dict() == ENTITIES[name].model_validate(record).to_json_dict()
    from_json = Event.model_validate_json(json.dumps(_event(name, record)))
    assert from_json == event


def test_a_record_that_also_fits_an_earlier_member_is_the_named_one() -> None:
    # a small patch is valid as several patch classes and an order as its own patch
    patch = {"id": "DE01-Ü-0417"}
    for name in ("ResourcePatch", "MaterialPatch", "LotPatch", "NonconformancePatch"):
        assert type(Event.model_validate(_event(name, patch)).payload).__name__ == name
    order = _record("ProductionOrder")
    as_patch = Event.model_validate(_event("ProductionOrderPatch", order)).payload
    assert type(as_patch).__name__ == "ProductionOrderPatch"


def _errors(data: dict[str, Any]) -> list[tuple[str, tuple[int | str, ...], str | None]]:
    with pytest.raises(ValidationError) as caught:
        Event.model_validate(data)
    return [(e["type"], e["loc"], (e.get("ctx") or {}).get("rule_id")) for e in caught.value.errors()]


def test_a_payload_of_another_class_is_evt_001() -> None:
    assert _errors(_event("Lot", _record("ProductionOrder"))) == [("class_rule", (), "EVT-001")]
    obj = ENTITIES["ProductionOrder"].model_validate(_record("ProductionOrder"))
    assert _errors(_event("Lot", obj)) == [("class_rule", (), "EVT-001")]


def test_a_payload_no_member_reads_is_refused_at_the_payload() -> None:
    broken = {**_record("Lot"), "quantity": {"value": "zwölf", "unit": "KGM"}}
    errors = _errors(_event("Lot", broken))
    assert errors and all(loc[0] == "payload" for _, loc, _ in errors)


def test_an_unknown_payload_type_is_refused_and_the_payload_still_read() -> None:
    errors = _errors(_event("Widget", _record("Lot")))
    assert [(kind, loc) for kind, loc, _ in errors] == [("enum", ("payload_type",))]



def test_json_input_is_refused_as_python_input_is() -> None:
    # JSON goes to the union straight from the JSON (as before); the rule is the same
    with pytest.raises(ValidationError) as caught:
        Event.model_validate_json(json.dumps(_event("Lot", _record("ProductionOrder"))))
    assert [(e["type"], (e.get("ctx") or {}).get("rule_id")) for e in caught.value.errors()] == [
        ("class_rule", "EVT-001")]
