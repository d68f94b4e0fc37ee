"""Differential test: the generated straight-line functions (canonical.engine.codegen) give
exactly what the reference path (the generic per-field loop) gives: the same canonical value
or native payload, and the same findings (rule id, path, severity, message, value), for every
shipped plant, workflow step and direction, on the shipped payload and on odd ones (a field
missing, empty, of the wrong JSON type, a locale number, a local time on the autumn DST
change, a field nobody declared)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest

from canonical.engine import from_canonical, plans_for, to_canonical
from canonical.engine.objects import reference_path
from canonical.engine.spec import Direction
from canonical.mapping import Plant
from canonical.models import CanonicalModel, Quantity

from .conftest import STEP_IDS, STEPS, native

#: what odd payloads put in place of a value
ODD: tuple[object, ...] = (
    "", 17, Decimal("1.5"), True, [], {}, "1.234,5", "1 234,50", "  12 ", "٣",
    "2026-10-25T02:30:00", "20261025", "023000", "REL PCNF", "zz-unknown",
    # words as operators type them: accents precomposed and decomposed (NFC, accent folding)
    "ZUŻYCIE", " zuz\u0307ycie ", "Zgodny z odste\u0328pstwem", "złom",
)
#: at most this many leaves of a payload are varied (the large orders have hundreds)
LEAVES = 60


def _leaves(data: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data[:2]):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _objects_in(data: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Paths of the nested objects and lists (the way down to a nested field)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict | list):
                yield (*path, key)
                yield from _objects_in(value, (*path, key))


def _set(data: Any, path: tuple[str | int, ...], value: object) -> Any:
    changed = copy.deepcopy(data)
    target = changed
    for part in path[:-1]:
        target = target[part]
    if value is _DROP:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


_DROP = object()


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _variants(payload: Any) -> Iterator[Any]:
    yield payload
    yield {**payload, "UNDECLARED_FIELD": "x"} if isinstance(payload, dict) else payload
    for path in list(_objects_in(payload))[:LEAVES]:  # a nested object with a key nobody
        nested = _get(payload, path)                   # declared, two levels down too
        if isinstance(nested, dict):
            yield _set(payload, path, {**nested, "UNDECLARED_FIELD": "x"})
            yield _set(payload, path, {"UNDECLARED_FIELD": {"x": 1}, **nested})
    for path in list(_objects_in(payload))[:LEAVES]:  # an object on the way is not one
        for odd in ("x", 17, [], None):
            yield _set(payload, path, odd)
    for path in list(_leaves(payload))[:LEAVES]:
        if isinstance(path[-1], str):
            yield _set(payload, path, _DROP)
        for odd in ODD:
            yield _set(payload, path, odd)


def _inbound(plant: Plant, step: dict[str, Any], payload: Any) -> tuple[object, object]:
    result = to_canonical(plant, step["entity"], payload, source=step["source"], lenient=True)
    value = result.value.model_dump(mode="json") if result.value is not None else None
    return value, result.report.findings


def _outbound(plant: Plant, obj: CanonicalModel, target: str,
              on: date = date(2026, 6, 1)) -> tuple[object, object]:
    result = from_canonical(plant, obj, target=target, lenient=True, on=on)
    return result.value, result.report.findings


@pytest.mark.parametrize(("plant_id", "step"), STEPS, ids=STEP_IDS)
def test_generated_inbound_equals_the_reference(plants: dict[str, Plant], plant_id: str,
                                                step: dict[str, Any]) -> None:
    plant = plants[plant_id]
    findings = 0
    for payload in _variants(native(plant_id, step["native"])):
        generated = _inbound(plant, step, payload)
        with reference_path():
            reference = _inbound(plant, step, payload)
        assert generated == reference, payload
        findings += len(reference[1])  # type: ignore[arg-type]
        # an internal marker never reaches a finding (ENG-102 says what was not an object)
        assert not [f for f in reference[1] if "WrongAt" in f.message + (f.value or "")]  # type: ignore[attr-defined]
    assert findings > 0  # the odd payloads did reach the findings


#: what a LIMS or a unit column sends in place of an amount or a unit: censored results,
#: ranges in one string (and broken ones), locale numbers, a code of another case, and codes
#: mapped through a deprecated row on the past day below (a unit, a resource, a reason, a
#: material of the shipped tables)
QUANTITY_ODD: tuple[object, ...] = (
    "< 0,5", "> 1 234,5", "\u2264 3", "<", "0,995 - 1,015", "1..2", "5 -", "- 5",
    "1\u00a0234,5", "mil", "MIL", "%", 0, Decimal("-0.000"),
    "LACKIERANLAGE-1", "LACK01", "JAM", "000000000000300095",
    # censored results, ranges and locale numbers at and beyond the digit limits, bad text
    "> 100", "< -0,5", "\u2265 1\u202f000,5", "< 1 234 567 890 123 456 789", "< abc",
    "1 000 - 2 000", "41,4 \u2013 50,6", "0,1 - 0,1234567890123", "123456789012345678,5",
    "0,123456789012", "0,1234567890123", "1.234,5", "1 234.5", "12,5 ", "abc",
)
#: a day the deprecated rows of the shipped tables were still valid
PAST = date(2024, 1, 15)


@pytest.mark.parametrize(("plant_id", "step"), STEPS, ids=STEP_IDS)
def test_generated_quantities_equal_the_reference(plants: dict[str, Plant], plant_id: str,
                                                  step: dict[str, Any]) -> None:
    """Quantities and code rows are read by generated code (amount, unit row, censored text,
    base unit, a table row of the day): the same values and findings as the reference path,
    today and on a past day whose deprecated rows say ENG-141."""
    plant = plants[plant_id]
    payload = native(plant_id, step["native"])
    rule_ids: set[str] = set()
    for path in list(_leaves(payload))[:LEAVES]:
        for odd in QUANTITY_ODD:
            changed = _set(payload, path, odd)
            for on in (None, PAST):
                result = to_canonical(plant, step["entity"], changed, source=step["source"],
                                      lenient=True, on=on)
                with reference_path():
                    reference = to_canonical(plant, step["entity"], changed,
                                             source=step["source"], lenient=True, on=on)
                assert result == reference, (changed, on)
                rule_ids.update(f.rule_id for f in reference.report.findings)
    assert rule_ids  # the odd values did reach the findings
    if (plant_id, step["name"]) == ("US02", "quality"):
        assert "ENG-141" in rule_ids  # a unit through a deprecated row, on the past day
    if (plant_id, step["name"]) == ("DE01", "confirmation"):
        assert "ENG-141" in rule_ids  # a resource code through a deprecated row


def _objects(obj: CanonicalModel) -> Iterator[CanonicalModel]:
    """``obj`` and copies with one field left out or set to an odd value (unvalidated, as a
    caller building objects by hand may send them)."""
    yield obj
    for name, info in type(obj).model_fields.items():
        if info.default is None and not info.is_required():
            yield obj.model_copy(update={name: None})
        value = getattr(obj, name)
        if type(value) is str:  # not an enumeration member
            yield obj.model_copy(update={name: value + "-unknown"})
            yield obj.model_copy(update={name: value[:2]})  # shorter than a prefix
            yield obj.model_copy(update={name: "x" + value})  # without the prefix
        if isinstance(value, Enum):  # every member: some have no word in a values map
            for member in type(value):
                yield obj.model_copy(update={name: member})
        if isinstance(value, list) and value:
            yield obj.model_copy(update={name: value[:1] * 2})
        if isinstance(value, Quantity):  # a unit with no outbound row; another dimension
            for unit in ("ZZZ", "MIN", "KGM"):
                yield obj.model_copy(update={name: value.model_copy(update={"unit": unit})})


@pytest.mark.parametrize(("plant_id", "step"), STEPS, ids=STEP_IDS)
def test_generated_outbound_equals_the_reference(plants: dict[str, Plant], plant_id: str,
                                                 step: dict[str, Any]) -> None:
    plant = plants[plant_id]
    obj = to_canonical(plant, step["entity"], native(plant_id, step["native"]),
                       source=step["source"])
    rule_ids: set[str] = set()
    for variant in _objects(obj):
        for on in (date(2026, 6, 1), PAST):  # the past day: deprecated reverse rows
            generated = _outbound(plant, variant, step["target"], on)
            with reference_path():
                reference = _outbound(plant, variant, step["target"], on)
            assert generated == reference, (variant, on)
            rule_ids.update(f.rule_id for f in reference[1])  # type: ignore[attr-defined]
    assert rule_ids
    if (plant_id, step["name"]) == ("PL03", "consumption"):
        # a canonical code with no reverse row, a value with no word in the spec's values
        # map, an order number without the spec's prefix, a plant other than the constant
        assert {"ENG-131", "ENG-113", "ENG-112"} <= rule_ids, rule_ids


def test_the_generated_source_can_be_read() -> None:
    """Reviewers read what runs: every compiled spec prints its generated functions."""
    plant = next(iter({p for p, _ in STEPS}))
    from canonical.mapping import load_plant

    found = plans_for(load_plant(plant))
    assert found.plans
    for (system, entity, direction), plan in found.plans.items():
        text = plan.source()
        assert text.startswith(f"# {plant} {system} {entity} {direction}")
        verb = "decode" if direction is Direction.INBOUND else "encode"
        assert f"def {verb}_{entity}(" in text
        compile(text, "<generated>", "exec")  # the printed text is the Python that runs


def test_generated_source_of_a_missing_spec_says_which(plants: dict[str, Plant]) -> None:
    from canonical.engine import generated_source

    with pytest.raises(LookupError, match="no compiled outbound spec for SAP_ECC Material"):
        generated_source(plants["DE01"], "SAP_ECC", "Material", "outbound")
