"""Idempotency-Key: a repeated request gets the stored response; another body under the key, 409."""

from __future__ import annotations

import json

from .conftest import native, raw
from .server import Server

PATH = "/v1/plants/DE01/messages/Operation"
JSON = {"Content-Type": "application/json"}


def _events(server: Server) -> list[str]:
    with server.client() as http:
        return [e["event"]["id"] for e in http.get("/v1/events", params={"limit": 1000}).json()["events"]]


def test_repeat_returns_the_stored_response_and_writes_nothing(server: Server) -> None:
    before = len(_events(server))
    with server.client() as http:
        headers = {**JSON, "Idempotency-Key": "rm-815-try"}
        first = http.post(PATH, params={"source": "MES_DE"}, content=raw("DE01", "confirmation.mes.json"),
                          headers=headers)
        again = http.post(PATH, params={"source": "MES_DE"}, content=raw("DE01", "confirmation.mes.json"),
                          headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert len(_events(server)) == before + 1


def test_same_key_other_body_is_409(server: Server) -> None:
    other = native("DE01", "confirmation.mes.json")
    other["gutmenge"] = 47
    with server.client() as http:
        headers = {**JSON, "Idempotency-Key": "rm-816"}
        assert http.post(PATH, params={"source": "MES_DE"}, content=raw("DE01", "confirmation.mes.json"),
                         headers=headers).status_code == 200
        conflict = http.post(PATH, params={"source": "MES_DE"}, content=json.dumps(other, default=str),
                             headers=headers)
        other_query = http.post(PATH, params={"source": "MES_DE", "target": "SAP_ECC"},
                                content=raw("DE01", "confirmation.mes.json"), headers=headers)
    assert conflict.status_code == 409 and conflict.json()["rule_id"] == "SVC-006"
    assert other_query.status_code == 409


def test_a_rejection_is_stored_too_one_dead_letter(server: Server) -> None:
    broken = native("DE01", "confirmation.mes.json")
    broken["arbeitsplatz"] = "NIRGENDS-7"
    body = json.dumps(broken, default=str)
    with server.client() as http:
        headers = {**JSON, "Idempotency-Key": "rm-broken-1"}
        first = http.post(PATH, params={"source": "MES_DE"}, content=body, headers=headers)
        again = http.post(PATH, params={"source": "MES_DE"}, content=body, headers=headers)
        letters = [d for d in http.get("/v1/dead-letters").json()["dead_letters"]
                   if d["payload"]["arbeitsplatz"] == "NIRGENDS-7"]
    assert first.status_code == again.status_code == 422
    assert first.json()["dead_letter"] == again.json()["dead_letter"]
    assert [d["id"] for d in letters] == [first.json()["dead_letter"]]


def test_keys_are_scoped_to_the_client(server: Server) -> None:
    headers = {**JSON, "Idempotency-Key": "shared-key-1"}
    with server.client("mes-de01") as http:
        assert http.post(PATH, params={"source": "MES_DE"}, content=raw("DE01", "confirmation.mes.json"),
                         headers=headers).status_code == 200
    with server.client("mes-us02") as http:
        response = http.post("/v1/plants/US02/messages/Operation", params={"source": "MES_US"},
                             content=raw("US02", "confirmation.mes.json"), headers=headers)
    assert response.status_code == 200 and "idempotent-replayed" not in response.headers
