"""Shared fixtures: repository paths and the example records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def load_example(name: str) -> Any:
    return json.loads((ROOT / "examples" / "records" / f"{name}.json").read_text(encoding="utf-8"))
