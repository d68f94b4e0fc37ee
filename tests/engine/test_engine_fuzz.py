"""1,000 random garbage payloads: only MappingError or a valid object, never anything else."""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from typing import Any

from canonical.engine import to_canonical
from canonical.errors import MappingError
from canonical.mapping import Plant
from canonical.models import CanonicalModel
from canonical.validation import validate

from .conftest import STEPS, native

_ATOMS: list[Any] = [None, True, False, 0, -1, 10**30, Decimal("1e999"), Decimal("-0.5"), 1.5,
                     "", " ", "0010", "1,5", "REL PCNF", "2026-02-30", "20260229", "NaN",
                     "x" * 300, "\x00", "ST", "STK", "EA", "2026-03-29T02:30:00", [], {}]


def _garbage(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.5:
        return rng.choice(_ATOMS)
    if roll < 0.75:
        return [_garbage(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["a", "AUFNR", "menge", "qty", "ops"]): _garbage(rng, depth + 1)
            for _ in range(rng.randint(0, 4))}


def _mutate(rng: random.Random, payload: Any) -> Any:
    """A fixture payload with a few keys dropped, retyped or replaced."""
    data = copy.deepcopy(payload)
    targets = [data]
    for value in data.values():
        if isinstance(value, list):
            targets.extend(v for v in value if isinstance(v, dict))
    for _ in range(rng.randint(1, 4)):
        target = rng.choice(targets)
        if not target:
            continue
        key = rng.choice(list(target))
        action = rng.random()
        if action < 0.3:
            del target[key]
        elif action < 0.8:
            target[key] = _garbage(rng)
        else:
            target[key + "_x"] = target.pop(key)
    return data


def test_fuzz_only_mapping_error_or_a_valid_object(plants: dict[str, Plant]) -> None:
    rng = random.Random(20260302)
    outcomes = {"mapped": 0, "refused": 0}
    for _ in range(1000):
        plant, step = rng.choice(STEPS)
        payload = (_mutate(rng, native(plant, step["native"])) if rng.random() < 0.8
                   else _garbage(rng))
        try:
            result = to_canonical(plants[plant], step["entity"], payload, source=step["source"])
        except MappingError as exc:
            assert exc.findings and all(f.path.startswith("$") for f in exc.findings)
            outcomes["refused"] += 1
            continue
        assert isinstance(result, CanonicalModel)
        assert validate(result).ok
        outcomes["mapped"] += 1
    assert outcomes["refused"] > 500 and outcomes["mapped"] > 10
