"""Plant segmentation: bearer tokens scoped to plants, hashed at rest; health is open."""

from __future__ import annotations

import pytest

from canonical.mapping import shipped_plants

from .conftest import raw
from .server import TOKENS, Server

CLOSED = [("GET", "/v1/plants"), ("GET", "/v1/events"), ("GET", "/v1/dead-letters"),
          ("GET", "/v1/schema"), ("GET", "/metrics"), ("POST", "/v1/convert"),
          ("GET", "/v1/plants/DE01/lookup/materials/100100?source=MES_DE"),
          ("POST", "/v1/plants/DE01/messages/ProductionOrder?source=SAP_ECC"),
          ("POST", "/v1/validate/Lot"), ("GET", "/v1/dead-letters/x"),
          ("POST", "/v1/dead-letters/x/replay")]


@pytest.mark.parametrize(("method", "path"), CLOSED)
def test_no_token_no_access(server: Server, method: str, path: str) -> None:
    with server.client(token=None) as http:
        response = http.request(method, path, content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 401
    assert response.json()["rule_id"] == "SVC-003"
    assert response.headers["www-authenticate"] == "Bearer"


def test_unknown_token_is_refused(server: Server) -> None:
    with server.client(token=None, Authorization="Bearer not-a-known-token") as http:
        assert http.get("/v1/plants").status_code == 401
    with server.client(token=None, Authorization=f"Basic {TOKENS['hub'][0]}") as http:
        assert http.get("/v1/plants").status_code == 401


def test_health_is_open(server: Server) -> None:
    with server.client(token=None) as http:
        assert http.get("/livez").json() == {"status": "ok", "plants": []}
        ready = http.get("/readyz")
        assert ready.status_code == 200 and ready.json()["plants"] == sorted(shipped_plants())


def test_a_de01_token_cannot_read_or_map_us02(server: Server) -> None:
    with server.client("mes-de01") as http:
        mapped = http.post("/v1/plants/US02/messages/ProductionOrder?source=ORACLE_EBS",
                           content=raw("US02", "order-release.oracle.json"),
                           headers={"Content-Type": "application/json"})
        assert mapped.status_code == 403 and mapped.json()["rule_id"] == "SVC-004"
        looked = http.get("/v1/plants/US02/lookup/materials/100100", params={"source": "MES_US"})
        assert looked.status_code == 403
        assert [p["id"] for p in http.get("/v1/plants").json()] == ["DE01"]
        ok = http.get("/v1/plants/DE01/lookup/materials/000000000000100100", params={"source": "SAP_ECC"})
        assert ok.status_code == 200 and ok.json()["canonical_code"] == "100100"


def test_a_de01_token_sees_only_de01_events(server: Server) -> None:
    with server.client("hub") as http:
        for plant, name, entity, source in (("DE01", "confirmation.mes.json", "Operation", "MES_DE"),
                                            ("US02", "confirmation.mes.json", "Operation", "MES_US")):
            assert http.post(f"/v1/plants/{plant}/messages/{entity}", params={"source": source},
                             content=raw(plant, name),
                             headers={"Content-Type": "application/json"}).status_code == 200
        every = {e["event"]["plant"] for e in http.get("/v1/events").json()["events"]}
    with server.client("mes-de01") as http:
        mine = {e["event"]["plant"] for e in http.get("/v1/events").json()["events"]}
    assert every == {"DE01", "US02"} and mine == {"DE01"}


def test_token_file_keeps_hashes_only(server: Server) -> None:
    stored = server.tokens.read_text(encoding="utf-8")
    assert all(secret not in stored for secret, _ in TOKENS.values())
