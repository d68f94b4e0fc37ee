"""Property tests: for every spec, canonical -> native -> canonical is identity and the
native payload (in the system's normal form) survives native -> canonical -> native.

Objects are generated from the workflow fixtures with values drawn by hypothesis: amounts,
timestamps, identifiers, and codes taken from the plant's tables (those with an approved
outbound row whose inbound lookup maps back to the same canonical code).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canonical.mapping import Plant
from canonical.mapping.engine import plans_for
from canonical.mapping.engine.plan import Plan
from canonical.mapping.engine.quantity import QuantityNode
from canonical.mapping.engine.scalar import ScalarNode
from canonical.mapping.engine.shape import Kind
from canonical.mapping.engine.spec import NOTHING, Direction
from canonical.models import ENTITIES, CanonicalModel

from .conftest import FLOWS, STEP_IDS, STEPS

AMOUNTS = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False,
                      allow_infinity=False)
STAMPS = st.integers(min_value=0, max_value=3 * 365 * 24 * 3600)
TEXT = st.from_regex(r"[A-Z][A-Z0-9-]{0,15}", fullmatch=True)


def _codes(node: ScalarNode, day: Any) -> list[str]:
    lookup = node.lookup
    assert lookup is not None
    found = []
    for canonical in sorted(lookup._outbound):
        code = lookup.reverse(canonical, day)
        row = lookup.row(code, day) if code is not None else None
        if row is not None and row.canonical_code == canonical:
            found.append(canonical)
    return found


def _vary(plan: Plan, obj: CanonicalModel, data: st.DataObject) -> CanonicalModel:
    """``obj`` with its top-level scalar fields redrawn (within what the plan can carry)."""
    update: dict[str, Any] = {}
    for node in plan.root.nodes:
        value = getattr(obj, node.field, None)
        if value is None:
            continue
        if isinstance(node, QuantityNode):
            update[node.field] = value.model_copy(update={"value": data.draw(AMOUNTS)})
        elif isinstance(node, ScalarNode) and node.const is NOTHING and node.path:
            if node.kind is Kind.TIMESTAMP and node.time is not None:
                stamp = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=data.draw(STAMPS))
                local = stamp.astimezone(node.time.zone)
                if local.dst() != (local + timedelta(hours=1)).dst() or local.dst() != (
                        local - timedelta(hours=1)).dst():
                    continue  # wall-clock times around a DST switch are ambiguous natively
                update[node.field] = stamp
            elif node.lookup is not None and node.kind is Kind.TEXT and node.field != "material":
                codes = _codes(node, plan.day_of(obj))
                if codes:
                    update[node.field] = data.draw(st.sampled_from(codes))
            elif node.kind is Kind.TEXT and node.plain and node.field != plan.spec.as_of:
                update[node.field] = data.draw(TEXT)
    return obj.model_copy(update=update)


@pytest.mark.parametrize(("plant", "step"), STEPS, ids=STEP_IDS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_round_trip(plants: dict[str, Plant], plant: str, step: dict[str, Any],
                    data: st.DataObject) -> None:
    base = ENTITIES[step["entity"]].model_validate(
        json.loads((FLOWS / plant / step["canonical"]).read_text("utf-8")))
    found = plans_for(plants[plant])
    for system, direction in ((step["source"], Direction.INBOUND),
                              (step["target"], Direction.OUTBOUND)):
        plan = found.plan(system, step["entity"], direction)
        assert plan is not None
        obj = plan.model.model_validate(_vary(plan, base, data).model_dump())
        native, ctx = plan.encode(obj)
        assert ctx.findings == []
        back, ctx = plan.decode(native)
        assert ctx.findings == []
        again = plan.model.model_validate(back)
        dropped = {name for name in plan.spec.drop if "." not in name}
        assert again.model_dump(exclude=dropped) == obj.model_dump(exclude=dropped)
        native_again, ctx = plan.encode(again)
        assert native_again == native
        assert not any(isinstance(v, float) for v in native.values())
