"""Outbox and dead letters over HTTP: events in order after a cursor; the steward's replay loop."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, raw, steps
from .server import Server

JSON = {"Content-Type": "application/json"}


def test_events_after_a_cursor_in_commit_order(server: Server) -> None:
    with server.client() as http:
        start = http.get("/v1/events", params={"after": 0, "limit": 1000}).json()["next"]
        sent = []
        for step in steps("DE01"):
            body = http.post(f"/v1/plants/DE01/messages/{step['entity']}", params={"source": step["source"]},
                             content=raw("DE01", step["native"]), headers=JSON).json()
            sent.append((body["cursor"], body["event"]["id"]))
        page = http.get("/v1/events", params={"after": start, "limit": 3}).json()
        rest = http.get("/v1/events", params={"after": page["next"], "limit": 1000}).json()
        empty = http.get("/v1/events", params={"after": rest["next"]}).json()
    read = [(e["cursor"], e["event"]["id"]) for e in page["events"] + rest["events"]]
    assert read == sent
    assert [c for c, _ in read] == sorted(c for c, _ in read)
    assert empty == {"events": [], "next": rest["next"]}


@pytest.fixture(scope="module")
def steward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    """A server on a copy of DE01 whose resources table lacks SAP's work center SAEGE01."""
    folder = tmp_path_factory.mktemp("steward")
    plant = folder / "DE01"
    shutil.copytree(ROOT / "mappings" / "DE01", plant)
    table = plant / "resources.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if not line.startswith("SAP_ECC,SAEGE01,")),
                     encoding="utf-8")
    running = Server(folder, plants=(str(plant),)).start()
    yield running, plant
    running.stop()


def test_unmapped_code_row_approved_replay_succeeds(steward: tuple[Server, Path]) -> None:
    server, plant = steward
    path = "/v1/plants/DE01/messages/ProductionOrder"
    with server.client("mes-de01", **{"X-Correlation-ID": "release-1000123"}) as http:
        rejected = http.post(path, params={"source": "SAP_ECC", "target": "MES_DE"},
                             content=raw("DE01", "order-release.sap.json"), headers=JSON)
        assert rejected.status_code == 422
        letter = rejected.json()["dead_letter"]
        assert any(f["native_path"] == "$.OPERATIONS[0].ARBPL" for f in rejected.json()["findings"])
        kept = http.get(f"/v1/dead-letters/{letter}").json()
        assert kept["source"] == "SAP_ECC" and kept["targets"] == ["MES_DE"]
        assert kept["payload"]["OPERATIONS"][0]["ARBPL"] == "SAEGE01"
        assert http.post(f"/v1/dead-letters/{letter}/replay").status_code == 422  # nothing changed yet

        shutil.copy(ROOT / "mappings" / "DE01" / "resources.csv", plant / "resources.csv")  # approved
        replayed = http.post(f"/v1/dead-letters/{letter}/replay", headers={"X-Correlation-ID": "steward-7"})
        assert replayed.status_code == 200, replayed.text
        event = replayed.json()["event"]
        assert event["correlation_id"] == "release-1000123"  # the original conversation
        assert replayed.json()["targets"]["MES_DE"]["auftrag"] == "1000123"
        assert http.post(f"/v1/dead-letters/{letter}/replay").json()["rule_id"] == "SVC-009"
        assert letter not in [d["id"] for d in http.get("/v1/dead-letters").json()["dead_letters"]]
        assert http.get(f"/v1/dead-letters/{letter}").json()["replayed_event"] == event["id"]
        outbox = [e["event"]["id"] for e in http.get("/v1/events").json()["events"]]
    assert outbox == [event["id"]]
    with server.client("mes-us02") as http:
        assert http.get(f"/v1/dead-letters/{letter}").status_code == 403
        assert http.get("/v1/dead-letters/no-such-letter").status_code == 404
