"""Benchmark of the integration service: the mapping endpoint against a bare FastAPI endpoint.

For every message kind of every shipped plant's flows (``examples/flows/*/flows.yaml``), on
one server (uvicorn, loopback only, the default log level):

- ``POST /v1/plants/{plant}/messages/{entity}?source=..`` with the native payload: bearer
  token, correlation id, access log line and metrics; map, validate (types and business rules),
  wrap in an Event, commit it durably to the SQLite outbox (synced to disk, group commit) and
  answer the canonical object and the event (target <= 2x);
- the same with ``&target=..``: also the target system's native payload (reported, no target:
  it is a second mapping the baseline does not do);
- the baseline: ``POST /v1/baseline/{entity}``, a plain FastAPI app beside the service on the
  same server (``canonical.service.routes.baseline``) reading the canonical JSON of the same
  message into the same pydantic model (the quick path) and nothing else: no token, log,
  metrics or storage.

All run at the same fixed concurrency with a bounded number of requests, five interleaved
runs each, the least disturbed counting; then again at a few clients (reference). The
per-message cost is the server process's CPU time per message (Linux /proc: immune to what
else the shared machine runs, unlike wall-clock throughput); the report also gives messages/s
and p99 latency of each, and a table of all kinds at the end.

Run: .venv/bin/python benchmarks/bench_service.py [--quick] [TEXT]   (only kinds whose label
contains TEXT, e.g. "PL03"; ``--quick``: one round, no reference at a few clients, while
iterating; exit 1 when a target is missed)
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
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
FLOWS = ROOT / "examples" / "flows"
BASELINE = "/v1/baseline/"  # canonical.service.routes.baseline.PREFIX
TARGET = 2.0
#: clients posting at once. Every acknowledged message waits for its durable commit (an fsync);
#: concurrent messages share one (group commit), so the target is taken where an integration
#: service lives, many connectors at once; FEW clients are reported beside it (each of them
#: waits for a sync of its own more often, and the ratio shows it)
CONCURRENCY = 16
FEW = 4
REQUESTS = 256  # per run, message kind and endpoint: bounded
#: interleaved runs of each endpoint; the least disturbed counts (with three, a ratio moved by
#: +-0.3 between full runs on a shared machine)
ROUNDS = 5
ROUNDS_FEW = 1
TOKEN = "bench-token-7f3a"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    tokens = folder / "tokens.yaml"
    tokens.write_text(yaml.safe_dump({"tokens": [{"name": "bench", "sha256": token_hash(TOKEN),
                                                  "plants": ["*"]}]}), encoding="utf-8")
    port = _free_port()
    database = f"sqlite:///{folder / 'bench.sqlite3'}{os.environ.get('BENCH_SQLITE_OPTIONS', '')}"
    env = {**os.environ, "CANON_SERVICE_TOKENS": str(tokens), "CANON_SERVICE_DATABASE": database,
           "CANON_SERVICE_BASELINE": "1"}  # the default log level (info), as in production
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


def _cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time of a process, all its threads, and of its main thread (the event loop; the
    rest is the commit thread's: SQLite and the sync to disk). Linux /proc, nanoseconds from
    each thread's schedstat; clock ticks from stat where schedstat is missing (then all of it
    counts as the main thread's): what serving cost, whatever else the shared machine is doing
    meanwhile."""
    total = main = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            spent = int((task / "schedstat").read_text().split()[0])
        except (OSError, IndexError, ValueError):  # a thread that just ended, or no schedstat
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            return seconds, seconds
        total += spent
        if task.name == str(pid):
            main = spent
    return total / 1e9, main / 1e9


@dataclass
class Run:
    """Messages/s and latencies (wall clock), and the server's CPU seconds per message."""

    per_second: float
    latencies: list[float]
    cpu_per_message: float
    loop_per_message: float  # of it, the main thread's (the event loop)
    group: float  # mean writes per durable commit (0: nothing committed)

    @property
    def p99_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


def _run(pid: int, port: int, path: str, body: bytes, concurrency: int) -> Run:
    """REQUESTS posts from ``concurrency`` clients."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    per_client = REQUESTS // concurrency
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
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    groups, writes = _commits(port)
    (cpu, loop), start = _cpu_seconds(pid), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, (cpu_after, loop_after) = time.perf_counter() - start, _cpu_seconds(pid)
    cpu, loop = cpu_after - cpu, loop_after - loop
    if failures:
        raise RuntimeError(f"requests failed: {failures[:3]}")
    groups_after, writes_after = _commits(port)
    return Run(len(latencies) / elapsed, latencies, cpu / len(latencies), loop / len(latencies),
               (writes_after - writes) / max(1.0, groups_after - groups))


def _commits(port: int) -> tuple[float, float]:
    """The service's durable commits and the writes they carried so far (``/metrics``)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    text = conn.getresponse().read().decode()
    conn.close()
    found = dict(line.split() for line in text.splitlines()
                 if line.startswith(("canon_commit_groups_total ", "canon_commit_writes_total ")))
    return float(found["canon_commit_groups_total"]), float(found["canon_commit_writes_total"])


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
    return (f"{run.per_second:.0f} msg/s p99 {run.p99_ms:.1f} ms, {run.cpu_per_message * 1e6:.0f} us CPU/msg "
            f"(event loop {run.loop_per_message * 1e6:.0f}, other threads "
            f"{(run.cpu_per_message - run.loop_per_message) * 1e6:.0f})"
            + (f", {run.group:.1f} messages per commit" if run.group else ""))


@dataclass(frozen=True)
class Kind:
    """One message kind of a plant's flows: its native and canonical bodies and paths."""

    plant: str
    name: str
    entity: str
    native: bytes
    canonical: bytes
    mapped: str
    onward: str

    @property
    def label(self) -> str:
        return f"{self.plant} {self.name} ({self.entity})"


def kinds(only: str = "") -> list[Kind]:
    """Every step of every shipped plant's flows (``only``: those whose label contains it)."""
    found = []
    for flows in sorted(FLOWS.glob("*/flows.yaml")):
        doc = yaml.safe_load(flows.read_text(encoding="utf-8"))
        for step in doc["steps"]:
            canonical = json.loads((flows.parent / step["canonical"]).read_text(encoding="utf-8"))
            path = f"/v1/plants/{doc['plant']}/messages/{step['entity']}?source={step['source']}"
            kind = Kind(doc["plant"], step["name"], step["entity"],
                        (flows.parent / step["native"]).read_bytes(), json.dumps(canonical).encode(),
                        path, f"{path}&target={step['target']}")
            if only in kind.label:
                found.append(kind)
    return found


@dataclass(frozen=True)
class Measured:
    """One kind at one concurrency: the best of the bare, mapped and onward runs, and the
    median of each round's mapped / bare (runs a second apart meet much the same load; shown
    beside the ratio, which takes the best run of each endpoint)."""

    bare: Run
    mapped: Run
    onward: Run
    paired: float

    @property
    def ratio(self) -> float:
        return self.mapped.cpu_per_message / self.bare.cpu_per_message


def _measure(pid: int, port: int, kind: Kind, concurrency: int, rounds: int) -> Measured:
    endpoints = {"bare": (f"{BASELINE}{kind.entity}", kind.canonical),
                 "mapped": (kind.mapped, kind.native), "onward": (kind.onward, kind.native)}
    runs: dict[str, list[Run]] = {name: [] for name in endpoints}
    for _ in range(rounds):  # interleaved, so each endpoint meets the same disturbance
        for name, (url, body) in endpoints.items():
            runs[name].append(_run(pid, port, url, body, concurrency))
    paired = statistics.median(m.cpu_per_message / b.cpu_per_message
                               for b, m in zip(runs["bare"], runs["mapped"], strict=True))
    return Measured(_best(runs["bare"]), _best(runs["mapped"]), _best(runs["onward"]), paired)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    texts = [a for a in argv if a != "--quick"]
    selected = kinds(texts[0] if texts else "")
    rounds, few_rounds = (1, 0) if quick else (ROUNDS, ROUNDS_FEW)
    table: list[tuple[str, Measured, Measured | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        process, port = _start(Path(folder))
        try:
            for kind in selected:
                target = _measure(process.pid, port, kind, CONCURRENCY, rounds)
                few = _measure(process.pid, port, kind, FEW, few_rounds) if few_rounds else None
                table.append((kind.label, target, few))
                report(f"service {kind.label} per-message cost vs bare FastAPI", target.ratio,
                       at_most=TARGET, detail=f"concurrency {CONCURRENCY}: {_detail(target.mapped)} "
                       f"vs {_detail(target.bare)}")
                report(f"service {kind.label} per-message cost vs bare FastAPI, median of the rounds",
                       target.paired, detail=f"each round's mapped / bare, {rounds} round(s)")
                report(f"service {kind.label} + mapping to the target vs bare FastAPI",
                       target.onward.cpu_per_message / target.bare.cpu_per_message,
                       detail=_detail(target.onward))
                if few is not None:
                    report(f"service {kind.label} per-message cost vs bare FastAPI at concurrency {FEW}",
                           few.ratio, detail=f"{_detail(few.mapped)} vs {_detail(few.bare)}")
        finally:
            process.kill()
            process.wait()
    _table(table, rounds)
    return exit_code()


def _table(rows: list[tuple[str, Measured, Measured | None]], rounds: int) -> None:
    """The summary: messages/s and p99 of the mapping endpoint and the bare one, and the ratios."""
    print(f"\nconcurrency {CONCURRENCY} (target <= {TARGET}; best of {rounds} runs of {REQUESTS} requests)"
          f" and {FEW} (reference); ratio: server CPU time per message, mapped / bare; paired: the "
          f"median of each round's mapped / bare")
    print(f"{'kind':44} {'mapped msg/s':>12} {'p99 ms':>7} {'bare msg/s':>10} {'p99 ms':>7} "
          f"{'ratio':>6} {'paired':>6} {'+target':>7} {f'ratio@{FEW}':>8}")
    for label, m, few in rows:
        print(f"{label:44} {m.mapped.per_second:12.0f} {m.mapped.p99_ms:7.1f} {m.bare.per_second:10.0f} "
              f"{m.bare.p99_ms:7.1f} {m.ratio:6.2f} {m.paired:6.2f} "
              f"{m.onward.cpu_per_message / m.bare.cpu_per_message:7.2f} "
              f"{f'{few.ratio:8.2f}' if few is not None else '       -'}"
              f"{'' if m.ratio <= TARGET else '  FAIL'}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
