"""The one-line FastAPI dependency: business rules and problem details in any Python service."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import FastAPI
from fastapi.testclient import TestClient

from canonical.models import ProductionOrder
from canonical.service import canonical_body, install_problem_details

from .conftest import FLOWS

ORDER = json.loads((FLOWS / "DE01" / "order-release.canonical.json").read_text(encoding="utf-8"))


def _apps() -> tuple[TestClient, TestClient]:
    quick = FastAPI()

    @quick.post("/orders")
    def typed(order: ProductionOrder) -> str:  # the quick path: types only
        return order.id

    checked = install_problem_details(FastAPI())

    @checked.post("/orders")
    def contract(order: Annotated[ProductionOrder, canonical_body(ProductionOrder)]) -> str:
        return order.id

    return TestClient(quick), TestClient(checked)


def test_a_typed_body_skips_business_rules_the_dependency_does_not() -> None:
    quick, checked = _apps()
    late = dict(ORDER, scheduled_end="2026-03-01T13:00:00Z")  # ends before it starts
    assert quick.post("/orders", json=late).status_code == 200  # accepted silently
    refused = checked.post("/orders", json=late)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert [f["rule_id"] for f in refused.json()["findings"]] == ["ORD-001"]
    assert checked.post("/orders", json=ORDER).json() == "DE01-1000123"


def test_the_dependency_refuses_unreadable_bodies_as_problems() -> None:
    _, checked = _apps()
    wrong_type = checked.post("/orders", content=b"<order/>", headers={"Content-Type": "application/xml"})
    broken = checked.post("/orders", content=b"{", headers={"Content-Type": "application/json"})
    floats = checked.post("/orders", json=dict(ORDER, ordered_quantity={"value": 50.5, "unit": "H87"}))
    assert (wrong_type.status_code, wrong_type.json()["rule_id"]) == (415, "SVC-002")
    assert (broken.status_code, broken.json()["rule_id"]) == (400, "IO-003")
    assert floats.status_code == 422  # a JSON number where the contract wants a decimal string
    assert all(f["canonical_path"].startswith("$.ordered_quantity") for f in floats.json()["findings"])
