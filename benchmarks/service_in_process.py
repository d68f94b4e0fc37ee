"""Where the mapping endpoint's time goes, in process: a profiling aid beside bench_service.py.

The app (service and bare baseline, as ``bench_service.py`` serves them) is driven by a
minimal fake ASGI server on one event loop: CONCURRENCY clients post the same message kind,
each request a scope, one ``http.request`` message and a ``send`` that keeps the response.
No sockets and no HTTP parsing (h11 costs both endpoints about the same), so what is left is
what the envelope, the route, the engine and the store's event-loop side cost per message.
The figure is the event loop thread's CPU time per message (``time.thread_time``; the commit
thread's SQLite work and syncs are not in it), the best of interleaved rounds.

Run: .venv/bin/python benchmarks/service_in_process.py [--profile mapped|bare] [TEXT]
(TEXT: the kinds whose label contains it, as in bench_service.py; ``--profile``: cProfile of
one endpoint instead, by own time and by cumulative time)
"""

from __future__ import annotations

import asyncio
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import yaml
from bench_service import BASELINE, CONCURRENCY, TOKEN, Kind, kinds

from canonical.service.tokens import token_hash

Message = MutableMapping[str, Any]
App = Callable[[MutableMapping[str, Any], Callable[[], Awaitable[Message]],
                Callable[[Message], Awaitable[None]]], Awaitable[None]]
REQUESTS = 400  # per round and endpoint
ROUNDS = 7


def _app(folder: Path) -> App:
    """The served app, as uvicorn's factory builds it for the benchmark (its log to /dev/null)."""
    tokens = folder / "tokens.yaml"
    tokens.write_text(yaml.safe_dump({"tokens": [{"name": "bench", "sha256": token_hash(TOKEN),
                                                  "plants": ["*"]}]}), encoding="utf-8")
    os.environ.update(CANON_SERVICE_TOKENS=str(tokens), CANON_SERVICE_BASELINE="1",
                      CANON_SERVICE_DATABASE=f"sqlite:///{folder / 'bench.sqlite3'}")
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # the log's stream, for good
    from canonical.service.app import from_environment

    app: App = from_environment()
    return app


async def _post(app: App, path: str, body: bytes) -> int:
    route, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": route, "raw_path": route.encode(), "root_path": "",
             "query_string": query.encode(), "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 8000),
             "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"),
                         (b"authorization", f"Bearer {TOKEN}".encode()),
                         (b"content-length", str(len(body)).encode())]}
    sent = False
    status = 0

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client stays connected
        raise AssertionError("unreachable")

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _round(app: App, path: str, body: bytes, requests: int) -> float:
    """Event-loop CPU seconds per message of ``requests`` posts from CONCURRENCY clients."""
    left = [requests]
    statuses: list[int] = []

    async def client() -> None:
        while left[0] > 0:
            left[0] -= 1
            statuses.append(await _post(app, path, body))

    started = time.thread_time()
    await asyncio.gather(*(client() for _ in range(CONCURRENCY)))
    spent = time.thread_time() - started
    if any(s != 200 for s in statuses):
        raise RuntimeError(f"{path}: status {sorted(set(statuses))}")
    return spent / requests


async def _measure(app: App, kind: Kind, profile: str | None) -> None:
    endpoints = {"bare": (f"{BASELINE}{kind.entity}", kind.canonical), "mapped": (kind.mapped, kind.native)}
    for path, body in endpoints.values():
        await _round(app, path, body, 50)  # warm-up
    if profile is not None:
        profiler = cProfile.Profile()
        profiler.enable()
        await _round(app, *endpoints[profile], REQUESTS * 2)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(60)
        return
    best = dict.fromkeys(endpoints, float("inf"))
    for _ in range(ROUNDS):  # interleaved, so both meet the same disturbance
        for name, (path, body) in endpoints.items():
            best[name] = min(best[name], await _round(app, path, body, REQUESTS))
    print(f"{kind.label:44} bare {best['bare'] * 1e6:6.1f} us  mapped {best['mapped'] * 1e6:6.1f} us  "
          f"mapped - bare {(best['mapped'] - best['bare']) * 1e6:6.1f} us (event loop CPU per message, "
          f"best of {ROUNDS})", flush=True)


def main(argv: list[str]) -> int:
    profile = None
    if "--profile" in argv:
        at = argv.index("--profile")
        profile, argv = argv[at + 1], argv[:at] + argv[at + 2:]
    with tempfile.TemporaryDirectory() as folder:
        app = _app(Path(folder))

        async def run() -> None:
            for kind in kinds(argv[0] if argv else ""):
                await _measure(app, kind, profile)

        asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
