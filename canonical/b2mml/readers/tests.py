"""Test results -> quality results.

v7 has a ``TestResult`` object: ``TestableObjectID`` is the inspected lot,
``EvaluationDate`` the inspection time, ``EvaluatedCriterionResult`` the verdict and each
``PropertyMeasurement`` one characteristic (``TestableObjectPropertyID``, else its ID) with
its measured value. With more than one measurement each becomes a result with id
``<TestResult ID>/<measurement ID>``. V0401 and V0600 have no test-result object; their
results sit under a lot property (``MaterialLotProperty/TestResult``): the property id is the
characteristic, its value the measured value, ``TestDateTime`` the time and the first
``Result/ValueString`` the verdict. A value with a UnitOfMeasure is a measured quantity,
one without is an attribute result. Verdict words are the canonical pass / fail /
conditional (any case); there is no plant table for verdicts.
"""

from __future__ import annotations

from typing import Any

from canonical.b2mml import rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node
from canonical.b2mml.readers.properties import properties
from canonical.b2mml.readers.scope import site_of
from canonical.models import QualityResult, QualityVerdict

_VERDICTS = {v.value: v.value for v in QualityVerdict}


def read(ctx: Context, node: Node) -> list[QualityResult]:
    if node.name == "OperationsTestInformation":
        plant = site_of(node)
        return [r for tr in node.children("TestResult") for r in _v7(ctx, tr, plant)]
    return _v7(ctx, node, None)


def _v7(ctx: Context, result: Node, inherited: str | None) -> list[QualityResult]:
    start = ctx.errors()
    result_id = ctx.ident(result, "ID", what="test result ID")
    base: dict[str, Any] = {
        "id": result_id,
        "plant": _plant(ctx, result, site_of(result, inherited)),
        "inspected_at": ctx.timestamp(result, "EvaluationDate", required=True),
        "verdict": _verdict(ctx, result, result.child("EvaluatedCriterionResult")),
    }
    if (lot := ctx.text(result, "TestableObjectID")) is not None:
        base["lot"] = lot
    measurements = result.children("PropertyMeasurement")
    if not measurements:
        ctx.add(rules.MISSING_FIELD, "test result has no PropertyMeasurement (the "
                "characteristic)", result, suffix="/PropertyMeasurement")
    out: list[QualityResult] = []
    for pm in measurements:
        pm_id = ctx.ident(pm, "ID", what="measurement ID")
        data = dict(base)
        if len(measurements) > 1:
            data["id"] = f"{result_id}/{pm_id}"
        data["characteristic"] = ctx.text(pm, "TestableObjectPropertyID") or pm_id
        _measured(ctx, pm.child("Value"), data)
        if ctx.errors() == start and (built := ctx.build(QualityResult, data, pm)) is not None:
            out.append(built)
    return out


def from_lot_properties(ctx: Context, lot: Node, lot_id: str | None,
                        plant: str | None) -> list[QualityResult]:
    out: list[QualityResult] = []
    for prop in properties(lot, "MaterialLotProperty", "MaterialSublotProperty").values():
        for test in prop.node.children("TestResult"):
            start = ctx.errors()
            first = test.child("Result")
            data: dict[str, Any] = {
                "id": ctx.ident(test, "ID", what="test result ID"),
                "plant": _plant(ctx, test, plant), "lot": lot_id, "characteristic": prop.id,
                "inspected_at": ctx.timestamp(test, "TestDateTime", required=True),
                "verdict": _verdict(ctx, test, first.child("ValueString") if first else None),
            }
            _measured(ctx, prop.values[0] if prop.values else None, data)
            if ctx.errors() == start and (built := ctx.build(QualityResult, data, test)):
                out.append(built)
    return out


def _plant(ctx: Context, node: Node, plant: str | None) -> str | None:
    return ctx.site(node, plant, "the plant of the inspection")


def _verdict(ctx: Context, owner: Node, node: Node | None) -> str | None:
    if node is None or not node.text():
        ctx.add(rules.MISSING_FIELD, "no verdict (EvaluatedCriterionResult / Result)", owner)
        return None
    found = _VERDICTS.get(node.text().lower())
    if found is None:
        ctx.add(rules.UNMAPPED_STATUS, f"verdict {node.text()!r} is not pass, fail or "
                "conditional", node, value=node.text())
    return found


def _measured(ctx: Context, value: Node | None, data: dict[str, Any]) -> None:
    if value is None:
        return
    if value.text_of("UnitOfMeasure"):
        data["measured_value"] = ctx.value_quantity(value)
    elif (text := value.text_of("ValueString")):
        data["attribute_result"] = text
