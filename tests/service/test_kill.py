"""No message acknowledged with 2xx is ever lost: SIGKILL the server mid-load, restart, audit."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx

from .conftest import native
from .server import Server

CLIENTS = 4
PER_CLIENT = 300  # bounded: the server is killed long before the clients finish


def _load(server: Server, client: int, acked: list[str], stop: threading.Event) -> None:
    base = native("DE01", "confirmation.mes.json")
    with server.client() as http:
        for n in range(PER_CLIENT):
            if stop.is_set():
                return
            message = dict(base, rueckmeldung=f"RM-DE01-{client}-{n:05d}")
            try:
                response = http.post("/v1/plants/DE01/messages/Operation", params={"source": "MES_DE"},
                                     content=json.dumps(message, default=str),
                                     headers={"Content-Type": "application/json"})
            except httpx.TransportError:  # the server died: this one was never acknowledged
                return
            if response.status_code == 200:
                acked.append(response.json()["event"]["id"])


def test_kill_mid_load_loses_no_acknowledged_message(tmp_path: Path, database: str) -> None:
    server = Server(tmp_path, database=database).start()
    acked: list[str] = []
    stop = threading.Event()
    clients = [threading.Thread(target=_load, args=(server, i, acked, stop)) for i in range(CLIENTS)]
    try:
        for thread in clients:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acked) < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # SIGKILL while requests are in flight
    finally:
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
        server.kill()
    assert len(acked) >= 40, "the load never got going"
    server.start()  # same database, a new process
    try:
        stored: list[str] = []
        with server.client() as http:
            after = 0
            while True:
                page = http.get("/v1/events", params={"after": after, "limit": 1000}).json()
                if not page["events"]:
                    break
                stored.extend(e["event"]["id"] for e in page["events"])
                after = page["next"]
    finally:
        server.stop()
    lost = set(acked) - set(stored)
    assert lost == set(), f"{len(lost)} of {len(acked)} acknowledged messages lost"
