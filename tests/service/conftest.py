"""Fixtures of the service tests: a running server per test module, native example payloads."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from canonical.reading import read_records

from .postgres import cluster
from .server import Server

_databases = itertools.count()

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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster (or ``CANON_TEST_POSTGRES_URL``)."""
    with cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database of each kind: the same tests run against both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    import psycopg

    server: str = request.getfixturevalue("postgres_server")
    name = f"canon_test_{next(_databases)}_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + f"/{name}"
