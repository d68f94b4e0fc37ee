"""Property-based API test generated from the service's own OpenAPI document (schemathesis).

Every operation gets generated requests (bounded examples, so ``make test`` stays fast) and
every response must be documented: status code, media type, body schema; and none may be a
server error. The generator knows the bearer token scoped to every plant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .server import TOKENS, Server

AUTH = {"Authorization": f"Bearer {TOKENS['hub'][0]}"}


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("openapi")).start()
    yield running
    running.stop()


def _document() -> dict[str, Any]:
    """The OpenAPI document, built at collection time (the same app ``canon serve`` runs)."""
    from canonical.service.app import create_app
    from canonical.service.settings import Settings

    document: dict[str, Any] = create_app(Settings(database="sqlite:///:memory:")).openapi()
    return document


schema = schemathesis.openapi.from_dict(_document())


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_every_operation_answers_as_documented(case: Any, api_server: Server) -> None:
    # a schema-valid body may still be refused with 422: the contract's rules (unmapped codes,
    # business rules, unknown unit codes) are exactly what a JSON Schema cannot say
    case.call_and_validate(base_url=api_server.url, headers=AUTH,
                           excluded_checks=[positive_data_acceptance])
