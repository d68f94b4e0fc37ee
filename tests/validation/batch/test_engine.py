"""An expectation Great Expectations could not evaluate is BAT-009, never a silent pass."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from canonical.validation.batch import check_extract, engine

ORDERS = pd.DataFrame({
    "id": ["PL07-1004711", "PL07-1004712"], "plant": ["PL07", "PL07"],
    "material": ["7300-118", "7300-121"], "ordered_quantity_value": ["120", "80"],
    "ordered_quantity_unit": ["H87", "H87"], "overdelivery_tolerance": ["5", None],
    "status": ["released", "released"],
})


def test_an_expectation_the_engine_cannot_evaluate_fails_as_bat_009(
        monkeypatch: pytest.MonkeyPatch) -> None:
    evaluate = engine.validate

    def losing_status(frame: Any, extract: str, suite: Any, kind: engine.Engine) -> Any:
        return evaluate(frame.drop(columns=["status"]), extract, suite, kind)

    monkeypatch.setattr(engine, "validate", losing_status)
    report = check_extract(ORDERS, "ProductionOrder").to_report()
    failed = [f for f in report.errors if f.rule_id == "BAT-009"]
    assert failed and all(f.path == "status" for f in failed)
    assert any("SCH-006 could not be evaluated" in f.message for f in failed)
    assert [f for f in report.errors if f.rule_id != "BAT-009"] == []


def test_the_same_extract_passes_when_evaluated() -> None:
    assert check_extract(ORDERS, "ProductionOrder").to_report().errors == ()


@pytest.mark.parametrize(("info", "message"), [
    (None, None),
    ({"raised_exception": False, "exception_message": None}, None),
    ({"raised_exception": True, "exception_message": "boom"}, "boom"),  # flat (GE 0.x)
    ({"MetricConfigurationID(a)": {"raised_exception": False},
      "MetricConfigurationID(b)": {"raised_exception": True, "exception_message": "gone"}},
     "gone"),  # one entry per metric (GE 1.x)
])
def test_raised_message_reads_both_layouts(info: object, message: str | None) -> None:
    assert engine.raised_message(info) == message
