"""Benchmark of the integration service: the mapping endpoint against a bare FastAPI endpoint.

For every message kind of the example flows (order release, confirmation, consumption, scrap,
goods receipt, lot, quality result), on one server (uvicorn, loopback only):

- ``POST /v1/plants/DE01/messages/{entity}?source=..`` with the native payload: map, validate
  (types and business rules), wrap in an Event, commit it to the SQLite outbox (WAL; safe
  against a killed process) and answer the canonical object and the event (target <= 2x);
- the same with ``&target=..``: also the target system's native payload (reported, no target:
  it is a second mapping the baseline does not do);
- the baseline: ``POST /v1/baseline/{entity}``, FastAPI parsing the canonical JSON of the same
  message into the same pydantic model (the quick path), behind the same middleware.

All run at the same fixed concurrency with a bounded number of requests, three interleaved
runs each, the least disturbed counting. The per-message cost is the server process's CPU time
per message (Linux /proc: immune to what else the shared machine runs, unlike wall-clock
throughput); the report also gives messages/s and p99 latency of each.

Run: .venv/bin/python benchmarks/bench_service.py   (exit 1 when a target is missed)
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from _harness import exit_code, report

from canonical.service.tokens import token_hash

ROOT = Path(__file__).resolve().parents[1]
FLOWS = ROOT / "examples" / "flows" / "DE01"
CONCURRENCY = 4
REQUESTS = 400  # per run, message kind and endpoint: bounded
ROUNDS = 3
TOKEN = "bench-token-7f3a"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    tokens = folder / "tokens.yaml"
    tokens.write_text(yaml.safe_dump({"tokens": [{"name": "bench", "sha256": token_hash(TOKEN),
                                                  "plants": ["DE01"]}]}), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "CANON_SERVICE_TOKENS": str(tokens), "CANON_SERVICE_PLANTS": "DE01",
           "CANON_SERVICE_DATABASE": f"sqlite:///{folder / 'bench.sqlite3'}",
           "CANON_SERVICE_BASELINE": "1", "CANON_SERVICE_LOG_LEVEL": "warning"}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "--host", "127.0.0.1",
                                "--port", str(port), "--no-access-log",
                                "canonical.service.app:from_environment"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/livez")
            if conn.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the service did not start")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc): what serving cost, whatever else
    the shared machine is doing meanwhile."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    """Messages/s and latencies (wall clock), and the server's CPU seconds per message."""

    per_second: float
    latencies: list[float]
    cpu_per_message: float

    @property
    def p99_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


def _run(pid: int, port: int, path: str, body: bytes) -> Run:
    """REQUESTS posts at CONCURRENCY."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    per_client = REQUESTS // CONCURRENCY
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(per_client):
            start = time.perf_counter()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                failures.append(f"{path}: {response.status}")
        conn.close()
        with lock:
            latencies.extend(mine)

    _post_once(port, path, body, headers)  # warm-up (plans compiled, models built)
    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    cpu, start = _cpu_seconds(pid), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - start, _cpu_seconds(pid) - cpu
    if failures:
        raise RuntimeError(f"requests failed: {failures[:3]}")
    return Run(len(latencies) / elapsed, latencies, cpu / len(latencies))


def _post_once(port: int, path: str, body: bytes, headers: dict[str, str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")


def _best(runs: list[Run]) -> Run:
    """The least disturbed of several runs (the machine is shared)."""
    return min(runs, key=lambda run: run.cpu_per_message)


def _detail(run: Run) -> str:
    return f"{run.per_second:.0f} msg/s p99 {run.p99_ms:.1f} ms, {run.cpu_per_message * 1e6:.0f} us CPU/msg"


def main() -> int:
    steps = yaml.safe_load((FLOWS / "flows.yaml").read_text(encoding="utf-8"))["steps"]
    with tempfile.TemporaryDirectory() as folder:
        process, port = _start(Path(folder))
        try:
            for step in steps:
                native = (FLOWS / step["native"]).read_bytes()
                canonical = json.dumps(json.loads((FLOWS / step["canonical"]).read_text())).encode()
                path = f"/v1/plants/DE01/messages/{step['entity']}?source={step['source']}"
                kinds = {"bare": (f"/v1/baseline/{step['entity']}", canonical), "mapped": (path, native),
                         "onward": (f"{path}&target={step['target']}", native)}
                runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
                for _ in range(ROUNDS):  # interleaved, so each kind meets the same disturbance
                    for kind, (url, body) in kinds.items():
                        runs[kind].append(_run(process.pid, port, url, body))
                bare, mapped, onward = (_best(runs[k]) for k in ("bare", "mapped", "onward"))
                name = f"service {step['name']} ({step['entity']})"
                report(f"{name} per-message cost vs bare FastAPI",
                       mapped.cpu_per_message / bare.cpu_per_message, at_most=2.0,
                       detail=f"concurrency {CONCURRENCY}: {_detail(mapped)} vs {_detail(bare)}")
                report(f"{name} + mapping to {step['target']} vs bare FastAPI",
                       onward.cpu_per_message / bare.cpu_per_message, detail=_detail(onward))
        finally:
            process.kill()
            process.wait()
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
