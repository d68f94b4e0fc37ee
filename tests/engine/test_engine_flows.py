"""Every example plant maps every workflow fixture inbound and outbound, exactly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from canonical.engine import from_canonical, plans_for, to_canonical
from canonical.engine.spec import Direction
from canonical.mapping import Plant
from canonical.models import ENTITIES

from .conftest import (
    FLOWS,
    STEP_IDS,
    STEPS,
    exact,
    native,
    without_dropped,
    without_generated,
)


@pytest.mark.parametrize(("plant", "step"), STEPS, ids=STEP_IDS)
def test_inbound_matches_expected_canonical(plants: dict[str, Plant], plant: str,
                                            step: dict[str, Any]) -> None:
    obj = to_canonical(plants[plant], step["entity"], native(plant, step["native"]),
                       source=step["source"])
    expected = json.loads((FLOWS / plant / step["canonical"]).read_text(encoding="utf-8"))
    assert obj.to_json_dict() == expected


@pytest.mark.parametrize(("plant", "step"), STEPS, ids=STEP_IDS)
def test_outbound_matches_expected_native(plants: dict[str, Plant], plant: str,
                                          step: dict[str, Any]) -> None:
    expected_canonical = json.loads((FLOWS / plant / step["canonical"]).read_text("utf-8"))
    obj = ENTITIES[step["entity"]].model_validate(expected_canonical)
    out = from_canonical(plants[plant], obj, target=step["target"])
    assert out == native(plant, step["outbound"])


@pytest.mark.parametrize(("plant", "step"), STEPS, ids=STEP_IDS)
def test_every_spec_of_a_step_round_trips_the_canonical_object(
        plants: dict[str, Plant], plant: str, step: dict[str, Any]) -> None:
    """canonical -> native -> canonical is identity, for the inbound and the outbound spec."""
    found = plans_for(plants[plant])
    obj = ENTITIES[step["entity"]].model_validate(
        json.loads((FLOWS / plant / step["canonical"]).read_text("utf-8")))
    for system, direction in ((step["source"], Direction.INBOUND),
                              (step["target"], Direction.OUTBOUND)):
        plan = found.plan(system, step["entity"], direction)
        assert plan is not None
        data, ctx = plan.encode(obj)
        assert ctx.findings == []
        back, ctx = plan.decode(data)
        assert ctx.findings == []
        expected = without_dropped(obj.to_json_dict(), plan.spec.drop)
        assert exact(plan.model.model_validate(back).to_json_dict()) == exact(expected)


@pytest.mark.parametrize(("plant", "step"), STEPS, ids=STEP_IDS)
def test_outbound_native_round_trips(plants: dict[str, Plant], plant: str,
                                     step: dict[str, Any]) -> None:
    """native (in the target's normal form) -> canonical -> native reproduces it exactly."""
    plan = plans_for(plants[plant]).plan(step["target"], step["entity"], Direction.OUTBOUND)
    assert plan is not None
    payload = native(plant, step["outbound"])
    data, ctx = plan.decode(payload)
    assert ctx.findings == []
    again, ctx = plan.encode(plan.model.model_validate(data))
    assert ctx.findings == []
    assert without_generated(again, plan.spec) == without_generated(payload, plan.spec)


def test_every_plant_has_the_specs_of_its_flows_without_findings(
        plants: dict[str, Plant]) -> None:
    for plant_id, plant in plants.items():
        found = plans_for(plant)
        assert found.report.findings == ()
        needed = {key for p, step in STEPS if p == plant_id for key in (
            (step["source"], step["entity"], Direction.INBOUND),
            (step["target"], step["entity"], Direction.OUTBOUND))}
        assert needed <= set(found.plans)


def test_plans_are_compiled_once_per_plant(plants: dict[str, Plant]) -> None:
    assert plans_for(plants["DE01"]) is plans_for(plants["DE01"])
