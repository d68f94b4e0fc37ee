"""Reference APIs over HTTP: plants, lookups, conversion, record validation, the JSON Schema."""

from __future__ import annotations

import json

from canonical.mapping import shipped_plants

from .conftest import ROOT
from .server import Server

JSON = {"Content-Type": "application/json"}


def test_plants_lists_what_the_token_may_use(server: Server) -> None:
    with server.client() as http:
        plants = http.get("/v1/plants").json()
    assert [p["id"] for p in plants] == sorted(shipped_plants())
    assert plants[0]["time_zone"] == "Europe/Berlin" and "SAP_ECC" in plants[0]["source_systems"]


def test_lookup_is_effective_dated(server: Server) -> None:
    with server.client() as http:
        found = http.get("/v1/plants/DE01/lookup/materials/000000000000100100",
                         params={"source": "SAP_ECC", "as_of": "2026-03-02"})
        before = http.get("/v1/plants/DE01/lookup/materials/000000000000100100",
                          params={"source": "SAP_ECC", "as_of": "2022-12-31"})
        unknown_table = http.get("/v1/plants/DE01/lookup/colours/RED", params={"source": "SAP_ECC"})
        unknown_system = http.get("/v1/plants/DE01/lookup/materials/1", params={"source": "SAP_S4"})
    assert found.status_code == 200
    assert found.json()["canonical_code"] == "100100" and found.json()["valid_from"] == "2023-01-01"
    assert before.status_code == 404 and before.json()["rule_id"].startswith("MAP-")
    assert unknown_table.status_code == 404 and unknown_system.status_code == 400


def test_convert_is_exact_and_names_the_unit_rule(server: Server) -> None:
    with server.client() as http:
        done = http.post("/v1/convert", content=b'{"value": "2.5", "from": "LBR", "to": "KGM"}', headers=JSON)
        unknown = http.post("/v1/convert", content=b'{"value": "1", "from": "QQX", "to": "KGM"}',
                            headers=JSON)
        apart = http.post("/v1/convert", content=b'{"value": "1", "from": "KGM", "to": "MTR"}', headers=JSON)
        shape = http.post("/v1/convert", content=b'{"value": "1"}', headers=JSON)
    assert done.json() == {"value": "1.133980925", "unit": "KGM"}
    assert unknown.status_code == 422 and unknown.json()["rule_id"] == "UOM-001"
    assert apart.status_code == 422 and apart.json()["rule_id"] == "UOM-003"
    assert shape.status_code == 400 and shape.json()["rule_id"] == "SVC-008"


def test_validate_runs_business_rules_with_canonical_paths(server: Server) -> None:
    order = json.loads((ROOT / "examples" / "flows" / "DE01" / "order-release.canonical.json").read_text())
    with server.client() as http:
        assert http.post("/v1/validate/ProductionOrder", content=json.dumps(order), headers=JSON).json()["ok"]
        order["scheduled_end"] = "2026-03-01T13:00:00Z"
        refused = http.post("/v1/validate/ProductionOrder", content=json.dumps(order), headers=JSON)
    assert refused.status_code == 422
    (finding,) = refused.json()["findings"]
    assert finding["rule_id"] == "ORD-001" and finding["canonical_path"] == "$.scheduled_end"
    assert "native_path" not in finding


def test_schema_is_the_published_json_schema(server: Server) -> None:
    with server.client() as http:
        response = http.get("/v1/schema")
    assert response.headers["content-type"] == "application/schema+json"
    assert response.json() == json.loads((ROOT / "schemas" / "canonical.schema.json").read_text())


def test_rule_pages_are_open_and_cover_the_service_rules(server: Server) -> None:
    with server.client(token=None) as http:
        page = http.get("/v1/rules/SVC-006").json()
        missing = http.get("/v1/rules/SVC-999")
    assert page["scope"] == "integration service" and "Idempotency-Key" in page["summary"]
    assert missing.status_code == 404


def test_openapi_uses_the_canonical_models_as_components(server: Server) -> None:
    with server.client() as http:
        document = http.get("/openapi.json").json()
    components = document["components"]["schemas"]
    for entity in ("ProductionOrder", "Operation", "Lot", "InventoryTransaction", "QualityResult", "Event",
                   "Problem"):
        assert entity in components
    accepted = document["paths"]["/v1/plants/{plant}/messages/{entity}"]["post"]["responses"]
    assert accepted["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/MessageAccepted"}
    assert "application/problem+json" in accepted["422"]["content"]


def test_a_mapped_message_may_be_any_entity_or_patch(server: Server) -> None:
    """The response's ``canonical`` member lists every entity and patch of the model (the
    1.1.0 entities included), so a client generated from the document can read each one."""
    from canonical.models import ENTITIES

    with server.client() as http:
        document = http.get("/openapi.json").json()
    member = document["components"]["schemas"]["MessageAccepted"]["properties"]["canonical"]
    refs = {choice["$ref"].rsplit("/", 1)[1] for choice in member["anyOf"]}
    assert refs == set(ENTITIES) - {"Event"}
