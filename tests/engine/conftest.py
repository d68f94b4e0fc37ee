"""Shared fixtures of the mapping-engine tests: the example plants and their flow steps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from canonical.mapping import Plant, load_plant
from canonical.reading import parse_records, read_text

ROOT = Path(__file__).resolve().parents[2]
FLOWS = ROOT / "examples" / "flows"
PLANTS = tuple(sorted(p.name for p in FLOWS.iterdir() if (p / "flows.yaml").is_file()))


def flow_steps() -> Iterator[tuple[str, dict[str, Any]]]:
    for plant in PLANTS:
        manifest = yaml.safe_load((FLOWS / plant / "flows.yaml").read_text(encoding="utf-8"))
        for step in manifest["steps"]:
            yield plant, step


STEPS = list(flow_steps())
STEP_IDS = [f"{plant}-{step['name']}" for plant, step in STEPS]


def native(plant: str, name: str) -> Any:
    return parse_records(read_text(FLOWS / plant / name), decimals=True)[0].data


@pytest.fixture(scope="session")
def plants() -> dict[str, Plant]:
    return {p: load_plant(p) for p in PLANTS}


def exact(data: Any) -> Any:
    """``data`` (canonical JSON) with every quantity as its exact amount in the coherent unit
    of its dimension: a spec that converts (``convert: true``) keeps the quantity, not its
    unit, so 0.5 HUR and 30 MIN compare equal."""
    from decimal import Decimal
    from fractions import Fraction

    from canonical.units import lookup

    if isinstance(data, dict):
        if set(data) == {"value", "unit"}:
            unit = lookup(data["unit"])
            if unit.factor is not None:
                return (unit.dimension, Fraction(Decimal(str(data["value"]))) * unit.factor)
        return {k: exact(v) for k, v in data.items()}
    if isinstance(data, list):
        return [exact(v) for v in data]
    return data


def without_generated(payload: Any, spec: Any) -> Any:
    """A native payload without the fields a spec generates from the message (message ids):
    another canonical object (a dropped field, another unit) gets another id."""
    import copy

    data = copy.deepcopy(payload)
    for path, _kind in spec.generated:
        holder = data
        for key in path[:-1]:
            holder = holder.get(key, {}) if isinstance(holder, dict) else {}
        if isinstance(holder, dict):
            holder.pop(path[-1], None)
    return data


def without_dropped(data: Any, drop: frozenset[str]) -> Any:
    """``data`` without the fields a spec declares it does not carry (``drop``)."""
    for path in drop:
        _remove(data, path.split("."))
    return data


def _remove(data: Any, parts: list[str]) -> None:
    if isinstance(data, list):
        for item in data:
            _remove(item, parts)
    elif isinstance(data, dict):
        if len(parts) == 1:
            data.pop(parts[0], None)
        elif parts[0] in data:
            _remove(data[parts[0]], parts[1:])
