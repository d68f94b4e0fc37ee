"""Fixtures of the service tests: a running server per test module, native example payloads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from canonical.reading import read_records

from .server import Server

ROOT = Path(__file__).resolve().parents[2]
FLOWS = ROOT / "examples" / "flows"


def native(plant: str, name: str) -> Any:
    """A native example payload, numbers as exact decimals."""
    (record,) = read_records(FLOWS / plant / name, decimals=True)
    return record.data


def raw(plant: str, name: str) -> bytes:
    return (FLOWS / plant / name).read_bytes()


def steps(plant: str) -> list[dict[str, str]]:
    manifest = yaml.safe_load((FLOWS / plant / "flows.yaml").read_text(encoding="utf-8"))
    steps: list[dict[str, str]] = manifest["steps"]
    return steps


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("service")).start()
    yield running
    running.stop()
