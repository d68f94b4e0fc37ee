"""The mapping route is served straight from the envelope: same paths, methods and refusals."""

from __future__ import annotations

import json

import pytest
from starlette.responses import Response

from canonical.service.direct import DirectRoute
from canonical.service.routes.messages import DIRECT

from .conftest import FLOWS, raw
from .server import Server

JSON = {"Content-Type": "application/json"}


async def _never(request: object) -> Response:
    raise AssertionError("not called")


def _scope(method: str, path: str, root_path: str = "") -> dict[str, object]:
    return {"type": "http", "method": method, "path": path, "root_path": root_path}


@pytest.mark.parametrize(("method", "path", "root", "expected"), [
    ("POST", "/v1/plants/DE01/messages/Operation", "", {"plant": "DE01", "entity": "Operation"}),
    ("POST", "/v1/plants/Plant 7/messages/Lot", "", {"plant": "Plant 7", "entity": "Lot"}),
    ("POST", "/api/v1/plants/PL03/messages/Lot", "/api", {"plant": "PL03", "entity": "Lot"}),
    ("GET", "/v1/plants/DE01/messages/Operation", "", None),        # FastAPI answers 405
    ("POST", "/v1/plants/DE01/messages/Operation/", "", None),      # FastAPI redirects
    ("POST", "/v1/plants/DE01/messages/", "", None),
    ("POST", "/v1/plants/DE/01/messages/Operation", "", None),
    ("POST", "/apiv1/plants/DE01/messages/Lot", "/api", None),
])
def test_the_route_matches_as_starlette_would(method: str, path: str, root: str,
                                              expected: dict[str, str] | None) -> None:
    assert DIRECT.match(_scope(method, path, root)) == expected


def test_only_plain_string_parameters_are_served_directly() -> None:
    with pytest.raises(ValueError, match="plain string"):
        DirectRoute("POST", "/v1/items/{n:int}", _never)


def test_over_http_other_methods_and_a_trailing_slash_are_fastapis(server: Server) -> None:
    path = "/v1/plants/DE01/messages/Operation"
    body, source = raw("DE01", "confirmation.mes.json"), {"source": "MES_DE"}
    with server.client() as http:
        wrong_method = http.get(path, params=source)
        slash = http.post(path + "/", params=source, content=body, headers=JSON, follow_redirects=False)
        mapped = http.post(path, params=source, content=body, headers=JSON)
    assert wrong_method.status_code == 405 and wrong_method.json()["rule_id"] == "SVC-010"
    assert slash.status_code == 307 and slash.headers["location"].endswith(path + "?source=MES_DE")
    assert mapped.status_code == 200 and mapped.headers["x-correlation-id"]
    expected = json.loads((FLOWS / "DE01" / "confirmation.canonical.json").read_text(encoding="utf-8"))
    assert mapped.json()["canonical"] == expected
