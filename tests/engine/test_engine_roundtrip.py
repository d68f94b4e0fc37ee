"""Property tests: for every spec, canonical -> native -> canonical is identity and the
native payload (in the system's normal form) survives native -> canonical -> native.

Objects are generated from the workflow fixtures with values drawn by hypothesis, at every
level of the object: amounts, timestamps, identifiers, and codes taken from the plant's
tables (those with an approved outbound row whose inbound lookup maps back to the same
canonical code), in the top-level fields and in every item of nested lists (operations,
components, lot genealogy) and nested objects. Materials are drawn too, among those with the
same base unit, so quantities converted to the material's base unit stay exact.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from canonical.engine import plans_for
from canonical.engine.lists import ListNode
from canonical.engine.objects import NestedNode, ObjectNode
from canonical.engine.plan import Plan
from canonical.engine.quantity import QuantityNode
from canonical.engine.scalar import ScalarNode
from canonical.engine.shape import Kind
from canonical.engine.spec import NOTHING, Direction
from canonical.errors import UnmappedCodeError
from canonical.mapping import Plant
from canonical.mapping.rows import RowStatus
from canonical.models import ENTITIES, CanonicalModel

from .conftest import FLOWS, STEP_IDS, STEPS, exact, without_dropped, without_generated

AMOUNTS = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False,
                      allow_infinity=False)
STAMPS = st.integers(min_value=0, max_value=3 * 365 * 24 * 3600)
TEXT = st.from_regex(r"[A-Z][A-Z0-9-]{0,15}", fullmatch=True)
T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[T]], T]

_CODES: dict[tuple[str, str, str, date], tuple[str, ...]] = {}


def _codes(plant: Plant, table: str, system: str, day: date) -> tuple[str, ...]:
    """Canonical codes that survive a round trip through ``system`` on ``day``: an approved
    outbound row exists and the code it sends maps back, approved, to the same value."""
    key = (plant.id, table, system, day)
    if key not in _CODES:
        found = []
        for canonical in sorted(plant.table(table).outbound.get(system, {})):
            try:
                code = plant.reverse(table, system, canonical, on=day)
                row = plant.lookup_row(table, system, code, on=day)
            except UnmappedCodeError:
                continue
            if row.canonical_code == canonical and row.status is RowStatus.APPROVED:
                found.append(canonical)
        _CODES[key] = tuple(found)
    return _CODES[key]


def _base_units(plant: Plant) -> dict[str, str]:
    """Canonical material id -> its base unit, from the plant's materials table."""
    return {r.canonical_code: r.extra.get("base_unit", "") for r in
            plant.table("materials").rows}


class _Varier:
    """Redraws the fields a plan carries, at every level of a canonical object."""

    def __init__(self, plant: Plant, plan: Plan, draw: Draw[Any]) -> None:
        self.plant, self.plan, self.draw = plant, plan, draw
        self.day = date.min  # set by vary() once the as_of field is drawn
        self.base_units = _base_units(plant)

    def vary(self, obj: CanonicalModel) -> CanonicalModel:
        """``obj`` with every field the plan carries redrawn: the as_of field first (it
        fixes the day the codes are drawn for), then the rest, nested items included."""
        found = self.plan.as_of
        as_of = found.node if found is not None and not found.nested else None
        keep: frozenset[str] = frozenset()
        if as_of is not None:
            value = getattr(obj, as_of.field, None)
            drawn = self.scalar(as_of, value) if value is not None else NOTHING
            if drawn is not NOTHING:
                obj = obj.model_copy(update={as_of.field: drawn})
            keep = frozenset({as_of.field})
        self.day = self.plan.day_of(obj)
        return self.vary_object(self.plan.root, obj, keep=keep)

    def vary_object(self, node: ObjectNode, obj: CanonicalModel, *,
               keep: frozenset[str] = frozenset()) -> CanonicalModel:
        """``obj`` with its fields redrawn (``keep``: fields that must not change)."""
        update: dict[str, Any] = {}
        for child in node.nodes:
            value = getattr(obj, child.field, None)
            if value is None or child.field in keep:
                continue
            if isinstance(child, QuantityNode):
                update[child.field] = value.model_copy(update={"value": self.draw(AMOUNTS)})
            elif isinstance(child, ScalarNode):
                drawn = self.scalar(child, value)
                if drawn is not NOTHING:
                    update[child.field] = drawn
            elif isinstance(child, ListNode) and child.child is not None:
                unique = frozenset({child.unique}) if child.unique else frozenset()
                update[child.field] = [self.vary_object(child.child, item, keep=unique)
                                       for item in value]
            elif isinstance(child, NestedNode):
                update[child.field] = self.vary_object(child.child, value)
        return obj.model_copy(update=update)

    def scalar(self, node: ScalarNode, value: object) -> object:
        """A new value for a scalar field, or NOTHING to keep it."""
        if node.const is not NOTHING or not node.path:
            return NOTHING
        if node.kind is Kind.TIMESTAMP and node.time is not None:
            stamp = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=self.draw(STAMPS))
            local = stamp.astimezone(node.time.zone)
            if local.dst() != (local + timedelta(hours=1)).dst() or local.dst() != (
                    local - timedelta(hours=1)).dst():
                return NOTHING  # wall-clock times around a DST switch are ambiguous natively
            return stamp
        if node.lookup is not None and node.kind is Kind.TEXT:
            codes = _codes(self.plant, node.lookup.table, node.lookup.system, self.day)
            if node.lookup.table == "materials":  # quantities may convert to the base unit
                base = self.base_units.get(str(value), "")
                codes = tuple(c for c in codes if self.base_units.get(c, "") == base)
            return self.draw(st.sampled_from(codes)) if codes else NOTHING
        if node.kind is Kind.TEXT and node.plain:
            return self.draw(TEXT)
        return NOTHING


def _vary(plant: Plant, plan: Plan, obj: CanonicalModel, draw: Draw[Any]) -> CanonicalModel:
    """``obj`` with every field the plan carries redrawn, nested list items included."""
    return _Varier(plant, plan, draw).vary(obj)


def varied(plant: Plant, plan: Plan, obj: CanonicalModel) -> st.SearchStrategy[CanonicalModel]:
    """The objects :func:`_vary` draws from ``obj`` (arguments closed over: cheap reprs)."""

    @st.composite
    def strategy(draw: Draw[Any]) -> CanonicalModel:
        return _vary(plant, plan, obj, draw)

    return strategy()


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
        obj = plan.model.model_validate(_vary(plants[plant], plan, base, data.draw).model_dump())
        native, ctx = plan.encode(obj)
        assert ctx.findings == []
        back, ctx = plan.decode(native)
        assert ctx.findings == []
        again = plan.model.model_validate(back)
        drop = plan.spec.drop
        assert exact(without_dropped(again.to_json_dict(), drop)) == exact(
            without_dropped(obj.to_json_dict(), drop))
        native_again, ctx = plan.encode(again)
        assert without_generated(native_again, plan.spec) == without_generated(native, plan.spec)
        assert not any(isinstance(v, float) for v in native.values())


def _values(obj: object, path: str) -> list[object]:
    """The values at a dotted path, through lists (``components.material``)."""
    found = [obj]
    for name in path.split("."):
        nxt: list[object] = []
        for value in found:
            got = getattr(value, name, None)
            nxt.extend(got if isinstance(got, list) else [got])
        found = nxt
    return found


NESTED = {  # flow step -> fields the strategy must be able to redraw, nested ones included
    "order-release": ("material", "operations.resource", "operations.description",
                      "operations.planned_quantity.value", "components.material",
                      "components.quantity.value"),
    "lot": ("material", "genealogy.material",
            "genealogy.quantity.value"),  # parent_lot is normalised (lot): not redrawn
}
NESTED_STEPS = [(plant, step) for plant, step in STEPS if step["name"] in NESTED]


@pytest.mark.parametrize("direction", [Direction.INBOUND, Direction.OUTBOUND])
@pytest.mark.parametrize(("plant", "step"), NESTED_STEPS,
                         ids=[f"{p}-{s['name']}" for p, s in NESTED_STEPS])
def test_strategy_varies_nested_items_and_materials(
        plants: dict[str, Plant], plant: str, step: dict[str, Any], direction: Direction) -> None:
    base = ENTITIES[step["entity"]].model_validate(
        json.loads((FLOWS / plant / step["canonical"]).read_text("utf-8")))
    system = step["source"] if direction is Direction.INBOUND else step["target"]
    plan = plans_for(plants[plant]).plan(system, step["entity"], direction)
    assert plan is not None
    strategy = varied(plants[plant], plan, base)
    quiet = settings(max_examples=100, database=None, deadline=None, phases=[Phase.generate],
                     suppress_health_check=[HealthCheck.too_slow])  # the first one found
    for path in NESTED[step["name"]]:
        if any(path.startswith(f"{name}.") for name in plan.spec.drop):
            continue  # the spec does not carry it: nothing to redraw
        before = _values(base, path)
        assert before and None not in before, path
        changed = find(strategy, lambda obj, path=path, before=before:  # type: ignore[misc]
                       _values(obj, path) != before, settings=quiet)
        assert len(_values(changed, path)) == len(before)  # items redrawn, none lost
    units = _base_units(plants[plant])
    materials = [p for p in NESTED[step["name"]] if p.endswith("material")]

    def base_unit_changed(obj: CanonicalModel) -> bool:
        return any([units.get(str(m)) for m in _values(obj, path)]
                   != [units.get(str(m)) for m in _values(base, path)] for path in materials)

    with pytest.raises(NoSuchExample):  # a drawn material keeps the original's base unit
        find(strategy, base_unit_changed, settings=quiet)
