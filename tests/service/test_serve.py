"""``canon serve`` with nothing but defaults, and the last line of defence (a 500 problem)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from canonical.mapping import shipped_plants
from canonical.service.app import create_app
from canonical.service.settings import Settings
from canonical.service.tokens import TokenSet, token_hash

from .conftest import raw
from .server import free_port


def test_canon_serve_starts_on_the_shipped_plants_with_defaults(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-c", "from canonical.cli import main; main()",
                                    "serve", "--port", str(port)], cwd=tmp_path, stdout=out, stderr=out)
    try:
        token = None
        deadline = time.monotonic() + 60
        while token is None and time.monotonic() < deadline:
            found = re.search(r"token for every plant: (\S+)", log.read_text(encoding="utf-8"))
            token = found.group(1) if found else None
            time.sleep(0.1)
        assert token, log.read_text(encoding="utf-8")
        while time.monotonic() < deadline:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert ready.json()["plants"] == sorted(shipped_plants())
        mapped = httpx.post(f"http://127.0.0.1:{port}/v1/plants/US02/messages/ProductionOrder",
                            params={"source": "ORACLE_EBS", "target": "MES_US"},
                            content=raw("US02", "order-release.oracle.json"),
                            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        assert mapped.status_code == 200 and mapped.json()["targets"]["MES_US"]
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert (tmp_path / "canon-service.sqlite3").exists()  # the default storage
    assert token not in (tmp_path / "canon-service.sqlite3").read_bytes().decode("latin-1")


def test_new_token_prints_a_token_file_entry(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", "from canonical.cli import main; main()", "serve",
                           "--new-token", "mes-de01:DE01"], capture_output=True, text=True, check=True)
    token = re.search(r"it is not stored\): (\S+)", done.stdout)
    assert token is not None and f"sha256: {token_hash(token.group(1))}" in done.stdout
    assert "plants: [DE01]" in done.stdout
    bad = subprocess.run([sys.executable, "-c", "from canonical.cli import main; main()", "serve",
                          "--tokens", str(tmp_path / "missing.yaml")], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "[IO-001]" in bad.stderr and "missing.yaml" in bad.stderr


def test_an_unexpected_failure_is_a_500_problem_without_a_trace(tmp_path: Path) -> None:
    app = create_app(Settings(plants=("DE01",), database=f"sqlite:///{tmp_path / 's.sqlite3'}",
                              tokens=TokenSet.of([("t", token_hash("secret-1"), ["*"])])))

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("disk on fire at /var/lib/secret")

    app.state.service.store.write = broken  # type: ignore[method-assign]  # inside the group commit
    response = TestClient(app, raise_server_exceptions=False).post(
        "/v1/plants/DE01/messages/Operation?source=MES_DE", content=raw("DE01", "confirmation.mes.json"),
        headers={"Authorization": "Bearer secret-1", "Content-Type": "application/json"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["rule_id"] == "SVC-012" and response.json()["correlation_id"]
    assert "disk on fire" not in response.text and "Traceback" not in response.text
