"""Shared fixtures: repository paths and the example records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from reference import shared_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def shared() -> Path:
    """The reference-data folder (``$CANON_SHARED_DIR`` or ../shared); skip/fail when absent."""
    return shared_path()


def load_example(name: str) -> Any:
    return json.loads((ROOT / "examples" / "records" / f"{name}.json").read_text(encoding="utf-8"))
