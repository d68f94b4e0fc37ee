"""The mapping route reads its own parameters: refused as FastAPI would, documented in OpenAPI."""

from __future__ import annotations

from pathlib import Path

import pytest

from canonical.errors import ServiceProblem
from canonical.service.app import create_app
from canonical.service.params import Param, Params
from canonical.service.settings import Settings

from .conftest import raw
from .server import Server

JSON = {"Content-Type": "application/json"}
PATH = "/v1/plants/DE01/messages/Operation"
PARAMS = Params(Param("source", "query", required=True), Param("target", "query", many=True),
                Param("Idempotency-Key", "header", max_length=5))


def _scope(query: bytes, *headers: tuple[bytes, bytes]) -> dict[str, object]:
    return {"query_string": query, "headers": list(headers)}


def test_declared_parameters_are_read_by_name() -> None:
    given = PARAMS.read(_scope(b"source=MES_DE&target=SAP_ECC&target=WMS%20DE",
                               (b"idempotency-key", b"k-1"), (b"x-other", b"ignored")))
    assert given.one("source") == "MES_DE"
    assert given.all("target") == ["SAP_ECC", "WMS DE"]
    assert given.one("Idempotency-Key") == "k-1"
    assert given.one("X-Other") is None and given.all("missing") == []


@pytest.mark.parametrize(("query", "headers", "named"), [
    (b"source=MES_DE&sorce=typo", (), "sorce"),                        # not declared
    (b"target=SAP_ECC", (), "query.source"),                            # required, missing
    (b"source=MES_DE", ((b"idempotency-key", b"123456"),), "Idempotency-Key"),  # over its length
])
def test_what_does_not_fit_is_a_400_naming_it(query: bytes, headers: tuple[tuple[bytes, bytes], ...],
                                             named: str) -> None:
    with pytest.raises(ServiceProblem) as refused:
        PARAMS.read(_scope(query, *headers))
    assert refused.value.status == 400 and refused.value.rule_id == "SVC-007"
    assert named in refused.value.message


def test_a_query_read_again_is_read_the_same_and_refused_the_same() -> None:
    """The pairs of a query string are kept by its text; each request gets lists of its own
    and a refusal every time."""
    params = Params(Param("source", "query", required=True), Param("target", "query", many=True))
    first = params.read(_scope(b"source=L%C3%B6wen&target=SAP_ECC"))
    first.all("target").append("changed by the first request")
    again = params.read(_scope(b"source=L%C3%B6wen&target=SAP_ECC"))
    assert again.one("source") == first.one("source") == "Löwen"
    assert again.all("target") == ["SAP_ECC"]
    for _ in range(2):
        with pytest.raises(ServiceProblem) as refused:
            params.read(_scope(b"source=MES_DE&ziel=SAP_ECC"))
        assert refused.value.rule_id == "SVC-007" and "ziel" in refused.value.message
    many = [f"source=S{i}".encode() for i in range(200)] + [b"source=" + b"x" * 600]
    assert [params.read(_scope(q)).one("source") for q in many] == [q.decode()[7:] for q in many]


def test_the_mapping_route_documents_its_parameters(tmp_path: Path) -> None:
    app = create_app(Settings(plants=("DE01",), database=f"sqlite:///{tmp_path / 's.sqlite3'}"))
    operation = app.openapi()["paths"]["/v1/plants/{plant}/messages/{entity}"]["post"]
    documented = {(p["name"], p["in"]): p for p in operation["parameters"]}
    assert set(documented) == {("plant", "path"), ("entity", "path"), ("source", "query"),
                               ("target", "query"), ("Idempotency-Key", "header"),
                               ("X-Causation-ID", "header")}
    assert documented[("source", "query")]["required"] is True
    assert documented[("target", "query")]["schema"]["type"] == "array"
    assert documented[("Idempotency-Key", "header")]["schema"]["maxLength"] == 200
    assert operation["security"] == [{"HTTPBearer": []}]
    assert "application/json" in operation["requestBody"]["content"]


def test_over_http_a_token_comes_first_then_the_parameters(server: Server) -> None:
    body = raw("DE01", "confirmation.mes.json")
    with server.client(token=None) as anonymous:
        unauthenticated = anonymous.post(PATH, params={"sorce": "MES_DE"}, content=body, headers=JSON)
    with server.client() as http:
        typo = http.post(PATH, params={"sorce": "MES_DE"}, content=body, headers=JSON)
        long_key = http.post(PATH, params={"source": "MES_DE"}, content=body,
                             headers={**JSON, "Idempotency-Key": "k" * 201})
        two_targets = http.post(PATH, params=[("source", "MES_DE"), ("target", "SAP_ECC"),
                                              ("target", "SAP_ECC")], content=body, headers=JSON)
    assert unauthenticated.status_code == 401 and unauthenticated.json()["rule_id"] == "SVC-003"
    assert typo.status_code == 400 and typo.json()["rule_id"] == "SVC-007"
    assert "sorce" in typo.json()["detail"] and "source" in typo.json()["detail"]
    assert long_key.status_code == 400 and long_key.json()["rule_id"] == "SVC-007"
    assert two_targets.status_code == 200 and set(two_targets.json()["targets"]) == {"SAP_ECC"}


def test_every_route_refuses_in_one_order_token_parameters_plant(server: Server) -> None:
    with server.client(token=None) as anonymous:
        anonymous_typo = anonymous.get("/v1/events", params={"aftr": "0"})
        open_typo = anonymous.get("/livez", params={"verbose": "1"})
    with server.client() as http:
        typo = http.get("/v1/events", params={"aftr": "0"})
        header_before_plant = http.post("/v1/plants/XX99/messages/Operation", params={"source": "MES_DE"},
                                        content=raw("DE01", "confirmation.mes.json"),
                                        headers={**JSON, "X-Causation-ID": "evt\t1"})
    assert anonymous_typo.status_code == 401 and anonymous_typo.json()["rule_id"] == "SVC-003"
    assert open_typo.status_code == 400 and open_typo.json()["rule_id"] == "SVC-007"  # no token needed
    assert typo.status_code == 400 and "aftr" in typo.json()["detail"]
    assert header_before_plant.status_code == 400 and header_before_plant.json()["rule_id"] == "SVC-007"
