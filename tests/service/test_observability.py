"""Correlation ids (header, event, every log line), Prometheus metrics, health."""

from __future__ import annotations

import json
import re
import time

from .conftest import raw
from .server import Server

JSON = {"Content-Type": "application/json"}


def _log_lines(server: Server, *, waiting_for: str = "") -> list[dict[str, object]]:
    """The JSON lines of the server's log (the access line is written just after the response)."""
    deadline = time.monotonic() + 10
    while waiting_for and waiting_for not in server.log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, f"no log line with {waiting_for}"
        time.sleep(0.05)
    lines = []
    for line in server.log.read_text(encoding="utf-8").splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_correlation_id_is_read_returned_and_in_the_event_and_logs(server: Server) -> None:
    with server.client(**{"X-Correlation-ID": "ord-1000123-conv"}) as http:
        response = http.post("/v1/plants/DE01/messages/ProductionOrder", params={"source": "SAP_ECC"},
                             content=raw("DE01", "order-release.sap.json"), headers=JSON)
    assert response.headers["x-correlation-id"] == "ord-1000123-conv"
    assert response.json()["event"]["correlation_id"] == "ord-1000123-conv"
    lines = _log_lines(server, waiting_for='"ord-1000123-conv", "method"')
    mine = [entry for entry in lines if entry["correlation_id"] == "ord-1000123-conv"]
    assert mine and mine[-1]["path"] == "/v1/plants/DE01/messages/ProductionOrder"
    assert mine[-1]["status"] == 200 and mine[-1]["outcome"] == "accepted"
    assert mine[-1]["plant"] == "DE01" and mine[-1]["client"] == "hub"


def test_correlation_id_is_created_when_missing_and_refused_when_malformed(server: Server) -> None:
    with server.client() as http:
        created = http.get("/v1/plants").headers["x-correlation-id"]
        bad = http.get("/v1/plants", headers={"X-Correlation-ID": "x" * 65})
    assert re.fullmatch(r"[0-9a-f-]{36}", created)
    assert bad.status_code == 400 and bad.json()["rule_id"] == "SVC-007"
    assert every_line_has_a_correlation_id(server)


def every_line_has_a_correlation_id(server: Server) -> bool:
    requests = [e for e in _log_lines(server) if e["message"] == "request"]
    return bool(requests) and all(e["correlation_id"] for e in requests)


def test_metrics_by_plant_entity_source_outcome_with_latency(server: Server) -> None:
    with server.client() as http:
        http.post("/v1/plants/DE01/messages/Operation", params={"source": "MES_DE"},
                  content=raw("DE01", "confirmation.mes.json"), headers=JSON)
        http.post("/v1/plants/DE01/messages/Operation", params={"source": "MES_DE"},
                  content=b'{"rueckmeldung": "RM-1"}', headers=JSON)
        text = http.get("/metrics").text
    labels = 'entity="Operation",outcome="{}",plant="DE01",source="MES_DE"'
    accepted = re.search(r"canon_messages_total\{" + re.escape(labels.format("accepted")) + r"\} (\d+)", text)
    rejected = re.search(r"canon_messages_total\{" + re.escape(labels.format("rejected")) + r"\} (\d+)", text)
    assert accepted and float(accepted.group(1)) >= 1
    assert rejected and float(rejected.group(1)) >= 1
    assert re.search(r'canon_message_duration_seconds_bucket\{entity="Operation",le="0\.005"', text)
    assert "canon_message_duration_seconds_count" in text
    groups = re.search(r"^canon_commit_groups_total (\S+)$", text, re.MULTILINE)
    writes = re.search(r"^canon_commit_writes_total (\S+)$", text, re.MULTILINE)
    assert groups and writes and float(writes.group(1)) >= float(groups.group(1)) >= 1


def test_metric_labels_are_bounded_to_what_is_served(server: Server) -> None:
    made_up = ("Invoice-7f3a", "ZZ99-made-up", "NOPE_SYS", "BREW")
    with server.client(token=None) as anonymous:
        anonymous.post(f"/v1/plants/{made_up[1]}/messages/{made_up[0]}", params={"source": made_up[2]},
                       content=b"{}", headers=JSON)
    with server.client() as http:
        unknown_entity = http.post(f"/v1/plants/DE01/messages/{made_up[0]}", params={"source": "SAP_ECC"},
                                   content=b"{}", headers=JSON)
        http.post(f"/v1/plants/{made_up[1]}/messages/Operation", params={"source": "MES_DE"},
                  content=b"{}", headers=JSON)
        brewed = http.request(made_up[3], "/v1/plants")
        text = http.get("/metrics").text
    assert unknown_entity.status_code == 422 and brewed.status_code == 405
    assert not [name for name in made_up if name in text]
    assert re.search(r'canon_messages_total\{entity="other",outcome="rejected",plant="DE01",'
                     r'source="SAP_ECC"\} [1-9]', text)
    assert re.search(r'canon_http_requests_total\{method="other",status="405"\} [1-9]', text)
