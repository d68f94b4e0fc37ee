"""The process API over HTTP: both plants' order-release and completion flows end to end."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from .conftest import FLOWS, raw, steps
from .server import Server

STEPS = [(plant, step) for plant in ("DE01", "US02") for step in steps(plant)]


def _json(text: str | bytes) -> Any:
    return json.loads(text, parse_float=Decimal)


def _post(server: Server, plant: str, step: dict[str, str], **headers: str) -> Any:
    with server.client(**headers) as http:
        return http.post(f"/v1/plants/{plant}/messages/{step['entity']}",
                         params={"source": step["source"], "target": step["target"]},
                         content=raw(plant, step["native"]),
                         headers={"Content-Type": "application/json"})


@pytest.mark.parametrize(("plant", "step"), STEPS, ids=[f"{p}-{s['name']}" for p, s in STEPS])
def test_flow_step_maps_to_canonical_event_and_target(server: Server, plant: str,
                                                      step: dict[str, str]) -> None:
    response = _post(server, plant, step, **{"X-Correlation-ID": f"flow-{plant}-{step['name']}"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = _json(response.content)
    expected = _json((FLOWS / plant / step["canonical"]).read_bytes())
    assert body["canonical"] == expected
    assert body["targets"] == {step["target"]: _json((FLOWS / plant / step["outbound"]).read_bytes())}
    event = body["event"]
    assert event["plant"] == plant and event["source_system"] == step["source"]
    assert event["payload_type"] == step["entity"] and event["payload"] == expected
    assert event["correlation_id"] == f"flow-{plant}-{step['name']}"
    assert body["cursor"] > 0


def test_release_event_is_named_after_the_order_status(server: Server) -> None:
    body = _post(server, "DE01", steps("DE01")[0]).json()
    assert body["event"]["type"] == "production_order.released"


def test_same_message_twice_has_the_same_event_id(server: Server) -> None:
    step = steps("US02")[1]
    first, second = _post(server, "US02", step).json(), _post(server, "US02", step).json()
    assert first["event"]["id"] == second["event"]["id"]
    assert second["cursor"] > first["cursor"]


def test_business_rules_run_not_only_types(server: Server) -> None:
    """The quick path (a typed body) accepts an order that ends before it starts; the service does not."""
    payload = _json(raw("DE01", "order-release.sap.json"))
    payload["GLTRP"] = "20260301"  # scheduled end before the scheduled start (2026-03-02)
    with server.client() as http:
        response = http.post("/v1/plants/DE01/messages/ProductionOrder", params={"source": "SAP_ECC"},
                             content=json.dumps(payload, default=str),
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    (finding,) = response.json()["findings"]
    assert finding["cause_rule_id"] == "ORD-001"
    assert finding["native_path"] == "$.GLTRP"
    assert finding["canonical_path"] == "$.scheduled_end"


def test_without_targets_only_canonical_and_event(server: Server) -> None:
    step = steps("DE01")[1]
    with server.client() as http:
        response = http.post(f"/v1/plants/DE01/messages/{step['entity']}",
                             params={"source": step["source"]}, content=raw("DE01", step["native"]),
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert response.json()["targets"] == {}


def test_unknown_source_system_is_a_bad_parameter(server: Server) -> None:
    with server.client() as http:
        response = http.post("/v1/plants/DE01/messages/ProductionOrder", params={"source": "SAP_S4"},
                             content=raw("DE01", "order-release.sap.json"),
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["rule_id"] == "SVC-007"
    assert "SAP_S4" in response.json()["detail"]


def test_causation_id_links_the_event_and_is_checked(server: Server) -> None:
    step = steps("DE01")[1]
    with server.client() as http:
        release = _post(server, "DE01", steps("DE01")[0]).json()["event"]["id"]
        linked = http.post(f"/v1/plants/DE01/messages/{step['entity']}", params={"source": step["source"]},
                           content=raw("DE01", step["native"]),
                           headers={"Content-Type": "application/json", "X-Causation-ID": release})
        bad = http.post(f"/v1/plants/DE01/messages/{step['entity']}", params={"source": step["source"]},
                        content=raw("DE01", step["native"]),
                        headers={"Content-Type": "application/json", "X-Causation-ID": "a\tb"})
    assert linked.json()["event"]["causation_id"] == release
    assert bad.status_code == 400 and bad.json()["rule_id"] == "SVC-007"
