"""The quantity walk (QTY-001..003) skips an object given no field that can hold a quantity,
and still finds every quantity problem of one that was (canonical.validation.quantities)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from canonical.models import ProductionOrderPatch, Quantity
from canonical.validation.quantities import quantity_findings

FLOWS = Path(__file__).resolve().parents[2] / "examples" / "flows"
KEY = {"id": "PL03-4500017", "status": "in_progress"}


def _rule_ids(patch: ProductionOrderPatch) -> list[str]:
    return [f.rule_id for f in quantity_findings(patch)]


def test_a_status_patch_has_no_quantity_finding() -> None:
    assert _rule_ids(ProductionOrderPatch.model_validate(KEY)) == []


def test_a_patch_carrying_quantities_is_walked() -> None:
    patch = ProductionOrderPatch.model_validate({
        **KEY, "produced_quantity": {"value": "-12,5".replace(",", "."), "unit": "KGM"},
        "scrapped_quantity": {"value": "1", "unit": "XYZ"}})
    found = quantity_findings(patch)
    assert [(f.rule_id, f.path) for f in found] == [
        ("QTY-001", "$.produced_quantity.value"), ("QTY-003", "$.scrapped_quantity.unit")]


def test_a_quantity_set_after_parsing_is_walked() -> None:
    patch = ProductionOrderPatch.model_validate(KEY)
    patch.ordered_quantity = Quantity(value=Decimal("-1"), unit="H87")
    assert _rule_ids(patch) == ["QTY-001"]


def test_nested_quantities_of_a_patch_are_walked() -> None:
    order = json.loads((FLOWS / "PL03" / "order-release.canonical.json").read_text("utf-8"))
    operation = {**order["operations"][0], "planned_quantity": {"value": "-3", "unit": "KGM"}}
    patch = ProductionOrderPatch.model_validate({**KEY, "operations": [operation]})
    assert [(f.rule_id, f.path) for f in quantity_findings(patch)] == [
        ("QTY-001", "$.operations[0].planned_quantity.value")]


def test_answers_for_units_read_are_bounded_and_stay_right(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit codes come from the input: the answers kept per (unit, dimension) never exceed
    the bound, and a unit asked again after the store started over gets the same finding."""
    from canonical.models import Lot
    from canonical.validation import quantities
    from canonical.validation.record import check

    monkeypatch.setattr(quantities, "_REMEMBERED", 8)
    monkeypatch.setattr(quantities, "_UNIT_PROBLEMS", {})
    lot = {"id": "CZ03-Š-1", "material": "7300-118", "plant": "CZ03", "status": "released",
           "quantity": {"value": "12", "unit": "KGM"}}
    seen = []
    for n in range(30):
        unit = "KGM" if n % 3 == 0 else f"Q{n:02d}"  # a unit code nobody defined
        parsed = Lot.model_validate({**lot, "quantity": {"value": "12", "unit": unit}})
        seen.append(sorted(f.rule_id for f in check(parsed)))
        assert len(quantities._UNIT_PROBLEMS) <= 8
    assert seen == [[] if n % 3 == 0 else ["QTY-003"] for n in range(30)]
