"""Errors over HTTP are RFC 9457 problem details: rule id, type URL to the rule, no stack trace."""

from __future__ import annotations

import json

import pytest

from .conftest import native, raw
from .server import Server

PROBLEM = "application/problem+json"
ORDER = "/v1/plants/DE01/messages/ProductionOrder?source=SAP_ECC&target=MES_DE"


def _problem(response: object, status: int, rule_id: str) -> dict[str, object]:
    assert getattr(response, "status_code") == status, getattr(response, "text")  # noqa: B009
    assert getattr(response, "headers")["content-type"] == PROBLEM  # noqa: B009
    body: dict[str, object] = getattr(response, "json")()  # noqa: B009
    assert body["status"] == status and body["rule_id"] == rule_id
    assert str(body["type"]).endswith(f"/v1/rules/{rule_id}")
    assert "Traceback" not in getattr(response, "text")  # noqa: B009
    return body


def test_unmapped_code_is_422_with_every_finding_located_twice(server: Server) -> None:
    payload = native("DE01", "order-release.sap.json")
    payload["MATNR"] = "000000000000999999"  # no such material in DE01's table
    payload["OPERATIONS"][1]["ARBPL"] = "FRAES99"  # no such work center
    with server.client() as http:
        response = http.post(ORDER, content=json.dumps(payload, default=str),
                             headers={"Content-Type": "application/json"})
        body = _problem(response, 422, "SVC-001")
        findings = body["findings"]
        assert isinstance(findings, list) and len(findings) >= 2
        paths = {f["native_path"] for f in findings}
        assert {"$.MATNR", "$.OPERATIONS[1].ARBPL"} <= paths
        for finding in findings:
            assert finding["severity"] in ("error", "warning", "info") and finding["message"]
            rule_page = http.get(finding["type"])  # the type URL is the rule's page
            assert rule_page.status_code == 200 and rule_page.json()["id"] == finding["rule_id"]
        assert body["dead_letter"]


@pytest.mark.parametrize(("content", "ctype", "status", "rule_id"), [
    (b'{"AUFNR": ', "application/json", 400, "IO-003"),
    (b"[{}]", "application/json", 400, "SVC-008"),
    (b'"just a string"', "application/json", 400, "SVC-008"),
    (b'{"a": 1, "a": 2}', "application/json", 400, "IO-008"),
    (b'{"a": NaN}', "application/json", 400, "IO-004"),
    (b"\xff\xfe{}", "application/json", 400, "IO-002"),
    (b'{"a": ' * 40 + b"1" + b"}" * 40, "application/json", 400, "IO-005"),
    (b"<order/>", "application/xml", 415, "SVC-002"),
    (b"{}", "text/plain", 415, "SVC-002"),
], ids=["broken-json", "array", "string", "duplicate-key", "nan", "not-utf8", "too-deep", "xml",
        "text"])
def test_unreadable_bodies(server: Server, content: bytes, ctype: str, status: int, rule_id: str) -> None:
    with server.client() as http:
        _problem(http.post(ORDER, content=content, headers={"Content-Type": ctype}), status, rule_id)


def test_oversize_body_is_413(server: Server) -> None:
    big = b'{"pad": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    with server.client() as http:
        _problem(http.post(ORDER, content=big, headers={"Content-Type": "application/json"}),
                 413, "IO-006")


def test_oversize_chunked_body_is_413(server: Server) -> None:
    def chunks() -> object:
        yield b'{"pad": "'
        for _ in range(80):
            yield b"x" * 16384
        yield b'"}'

    with server.client() as http:
        _problem(http.post(ORDER, content=chunks(), headers={"Content-Type": "application/json"}),
                 413, "IO-006")


def test_routes_methods_plants_entities(server: Server) -> None:
    with server.client() as http:
        _problem(http.get("/v1/nowhere"), 404, "SVC-005")
        _problem(http.delete("/v1/events"), 405, "SVC-010")
        _problem(http.post("/v1/plants/XX99/messages/ProductionOrder?source=SAP_ECC", content=b"{}",
                           headers={"Content-Type": "application/json"}), 404, "SVC-005")
        _problem(http.post("/v1/validate/Invoice", content=b"{}",
                           headers={"Content-Type": "application/json"}), 404, "SVC-005")
        _problem(http.get("/v1/events", params={"after": "yesterday"}), 400, "SVC-007")
        _problem(http.post("/v1/plants/DE01/messages/ProductionOrder",
                           content=raw("DE01", "order-release.sap.json"),
                           headers={"Content-Type": "application/json"}), 400, "SVC-007")


def test_no_spec_for_the_pair_is_422(server: Server) -> None:
    with server.client() as http:
        body = _problem(http.post("/v1/plants/DE01/messages/Material?source=SAP_ECC", content=b"{}",
                                  headers={"Content-Type": "application/json"}), 422, "SVC-001")
    assert [f["rule_id"] for f in body["findings"]] == ["ENG-140"]  # type: ignore[union-attr]


def test_docs_url_setting_points_types_at_the_published_rule_catalogue(tmp_path: object) -> None:
    from pathlib import Path

    running = Server(Path(str(tmp_path)), extra=("--docs-url", "https://docs.example.org/canonical/")).start()
    try:
        with running.client() as http:
            body = http.get("/v1/nowhere").json()
    finally:
        running.stop()
    assert body["type"] == "https://docs.example.org/canonical/reference/rules/svc/#svc-005"
