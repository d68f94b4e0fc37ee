"""Specs that produce patches: a native status change maps to an order patch (both plants),
its transition is checked, a removal (null) is never written silently, and an event
carrying a patch is named after the patched entity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import canonical
from canonical.engine import from_canonical, to_canonical
from canonical.engine.events import wrap
from canonical.errors import MappingError
from canonical.mapping import Plant
from canonical.models import LotPatch, ProductionOrderPatch

from .conftest import native

STATUS_STEPS = [("DE01", "MES_DE", "SAP_ECC"), ("US02", "MES_US", "ORACLE_EBS")]


@pytest.mark.parametrize(("plant", "source", "target"), STATUS_STEPS)
def test_status_change_maps_to_an_order_patch_with_only_what_changes(
        plants: dict[str, Plant], plant: str, source: str, target: str) -> None:
    obj = to_canonical(plants[plant], "ProductionOrderPatch",
                       native(plant, "order-status.mes.json"), source=source)
    assert isinstance(obj, ProductionOrderPatch)
    assert obj.previous_status is not None and obj.status is not None
    assert set(obj.to_json_dict()) <= {"id", "status", "previous_status", "actual_start",
                                       "actual_end"}
    assert "plant" not in obj.model_fields_set  # not sent, so not changed


def test_forbidden_transition_in_a_native_status_change_is_reported(
        plants: dict[str, Plant]) -> None:
    message = dict(native("DE01", "order-status.mes.json"), status_alt="ABGESCHLOSSEN")
    with pytest.raises(MappingError) as caught:
        to_canonical(plants["DE01"], "ProductionOrderPatch", message, source="MES_DE")
    causes = [(f.rule_id, f.cause_rule_id) for f in caught.value.findings]
    assert ("ENG-120", "ORD-004") in causes


def test_status_message_that_changes_nothing_is_reported(plants: dict[str, Plant]) -> None:
    with pytest.raises(MappingError) as caught:
        to_canonical(plants["US02"], "ProductionOrderPatch", {"jobId": "J-1"}, source="MES_US")
    assert ("ENG-120", "PAT-001") in [(f.rule_id, f.cause_rule_id) for f in caught.value.findings]


@pytest.mark.parametrize(("plant", "target"), [("DE01", "SAP_ECC"), ("US02", "ORACLE_EBS")])
def test_a_removal_is_reported_not_dropped(plants: dict[str, Plant], plant: str,
                                           target: str) -> None:
    patch = ProductionOrderPatch.model_validate(
        {"id": f"{plant}-1000123", "status": "completed", "actual_end": None})
    with pytest.raises(MappingError) as caught:
        from_canonical(plants[plant], patch, target=target)
    assert [(f.rule_id, f.path) for f in caught.value.findings] == [("PAT-005", "$.actual_end")]


def test_event_of_a_patch_is_named_after_the_entity_and_keeps_the_patch() -> None:
    patch = LotPatch.model_validate({"id": "C260302A", "status": "released",
                                     "disposition": None})
    event = wrap(patch, plant="DE01", source_system="MES_DE", verb="status_changed",
                 occurred_at=datetime(2026, 3, 2, 11, 5, tzinfo=UTC), source_id="LS-1")
    assert event.type == "lot.status_changed"
    assert event.payload_type.value == "LotPatch" and type(event.payload) is LotPatch
    assert event.to_json_dict()["payload"] == {"id": "C260302A", "status": "released",
                                               "disposition": None}
    assert canonical.validate(event).ok


@pytest.mark.parametrize("carried", [
    {"id": "DE01-1000123", "status": "completed", "actual_end": None},
    {"id": "DE01-1000123", "actual_start": None, "actual_end": None, "priority": None},
    {"id": "DE01-1000123", "previous_status": None, "status": None, "external_references": []},
    {"id": "DE01-1000123", "status": "released"},
])
def test_removals_are_exactly_the_nulls_of_the_merge_patch(carried: dict[str, object]) -> None:
    """The engine reads the removals off the patch without rendering it; they are exactly
    the ``None`` values of :meth:`changes` (the merge-patch document)."""
    from canonical.engine.patches import removals

    patch = ProductionOrderPatch.model_validate(carried)
    expected = {f"$.{name}" for name, value in patch.changes().items() if value is None}
    found = [f.path for f in removals(patch)]
    assert sorted(found) == sorted(expected) and {f.rule_id for f in removals(patch)} <= {"PAT-005"}
