"""Patches: apply_patch (RFC 7396 merge, PAT-004, transitions from the record's status),
the wire form that keeps explicit nulls, and patches as Event payloads."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import canonical
from canonical.models import ENTITIES, LotPatch
from canonical.models.patch import PatchOps
from canonical.validation.patch import apply_patch, merge_patch, patch_model

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "records"


def _load(stem: str) -> Any:
    return json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))


ORDER: dict[str, Any] = _load("production_order")  # status in_progress
LOT: dict[str, Any] = _load("lot")[2]  # quarantine
NCR: dict[str, Any] = _load("nonconformance")[0]  # under_review


@pytest.mark.parametrize(("target", "patch", "expected"), [
    # the examples of RFC 7396, appendix A
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
])
def test_merge_patch_follows_rfc_7396(target: Any, patch: Any, expected: Any) -> None:
    before = copy.deepcopy(target)
    assert merge_patch(target, patch) == expected
    assert target == before


def test_every_entity_has_a_patch_class_keyed_like_the_entity() -> None:
    entities = [n for n in ENTITIES if not n.endswith("Patch") and n != "Event"]
    for name in entities:
        model = patch_model(name)
        assert model is not None and issubclass(model, PatchOps), name
        assert model.patched_entity() == name
        required = {n for n, f in model.model_fields.items() if f.is_required()}
        assert required == ({"order", "sequence"} if name == "Operation" else {"id"}), name
        # the patch has every field of its entity, with the same type
        entity_fields = ENTITIES[name].model_fields
        assert set(entity_fields) <= set(model.model_fields)


def test_status_patch_applies_and_the_result_validates() -> None:
    patch = {"id": ORDER["id"], "status": "completed", "previous_status": "in_progress",
             "actual_end": "2026-03-03T14:02:00+01:00"}
    merged, report = apply_patch(ORDER, patch, "ProductionOrder")
    assert report.ok, [f.render() for f in report]
    assert merged is not None and merged["status"] == "completed"
    assert "previous_status" not in merged
    assert ORDER["status"] == "in_progress"  # the input is not changed


def test_patch_for_another_record_reports_pat_004_and_merges_nothing() -> None:
    merged, report = apply_patch(ORDER, {"id": "DE01-1000124", "priority": 1}, "ProductionOrder")
    assert merged is None
    assert [(f.rule_id, f.path) for f in report] == [("PAT-004", "$.id")]


def test_operation_patch_is_keyed_by_order_and_sequence() -> None:
    op = _load("operation")
    merged, report = apply_patch(op, {"order": op["order"], "sequence": op["sequence"] + 10,
                                      "status": "interrupted"}, "Operation")
    assert merged is None and report.rule_ids() == ["PAT-004"]


def test_stale_previous_status_reports_pat_004() -> None:
    patch = {"id": ORDER["id"], "status": "completed", "previous_status": "released"}
    _, report = apply_patch(ORDER, patch, "ProductionOrder")
    assert ("PAT-004", "$.previous_status") in {(f.rule_id, f.path) for f in report}


def test_transition_is_checked_from_the_record_status_without_previous_status() -> None:
    _, report = apply_patch(ORDER, {"id": ORDER["id"], "status": "released"}, "ProductionOrder")
    assert "ORD-004" in report.rule_ids()
    _, report = apply_patch(NCR, {"id": NCR["id"], "status": "closed"}, "Nonconformance")
    assert "NCR-001" in report.rule_ids()


def test_patch_that_leaves_the_record_invalid_reports_pat_004_and_the_rule() -> None:
    # dispositioned without a disposition breaks NCR-002 on the merged record
    patch = {"id": NCR["id"], "status": "dispositioned", "previous_status": "under_review"}
    merged, report = apply_patch(NCR, patch, "Nonconformance")
    assert merged is not None and merged["status"] == "dispositioned"
    assert {"NCR-002", "PAT-004"} <= set(report.rule_ids())


def test_null_removes_an_optional_field() -> None:
    record = dict(LOT, disposition="rework")
    merged, report = apply_patch(record, {"id": LOT["id"], "disposition": None}, "Lot")
    assert report.ok and merged is not None and "disposition" not in merged


def test_malformed_patch_is_reported_field_by_field() -> None:
    patch = {"id": LOT["id"], "status": "frozen", "quantity": {"value": 12.5, "unit": "KGM"},
             "colour": "red"}
    merged, report = apply_patch(LOT, patch, "Lot")
    assert merged is None
    assert {("SCH-006", "$.status"), ("SCH-007", "$.quantity.value"),
            ("SCH-003", "$.colour")} <= {(f.rule_id, f.path) for f in report}


def test_patch_of_an_entity_without_patch_class_is_refused() -> None:
    _, report = apply_patch({}, {"id": "x"}, "Event")
    assert report.rule_ids() == ["SCH-010"]


def test_wire_form_keeps_explicit_nulls_and_empty_lists() -> None:
    patch = LotPatch.model_validate({"id": "L1", "disposition": None, "serial_numbers": []})
    assert patch.to_json_dict() == {"id": "L1", "disposition": None, "serial_numbers": []}
    assert patch.changes() == {"disposition": None, "serial_numbers": []}
    assert LotPatch.model_validate_json(patch.to_json()) == patch


def test_patch_event_keeps_the_named_payload_class_and_its_nulls() -> None:
    event = _load("event")
    event.update(type="lot.status_changed", payload_type="LotPatch",
                 payload={"id": LOT["id"], "status": "released", "disposition": None})
    report = canonical.validate(event, entity="Event")
    assert report.ok, [f.render() for f in report]  # "released" also fits an order patch
    named = ENTITIES["Event"].model_validate(event)  # the model reads it as payload_type names
    assert type(named.payload).__name__ == "LotPatch"  # type: ignore[attr-defined]
    assert json.loads(named.to_json())["payload"] == event["payload"]


def test_patch_event_status_transition_is_checked() -> None:
    event = _load("event")
    event.update(type="production_order.status_changed", payload_type="ProductionOrderPatch",
                 payload={"id": ORDER["id"], "status": "closed", "previous_status": "released"})
    report = canonical.validate(event, entity="Event")
    assert ("ORD-004", "$.payload.status") in {(f.rule_id, f.path) for f in report}
