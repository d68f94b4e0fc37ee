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
PLANTS = ("DE01", "US02")


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
