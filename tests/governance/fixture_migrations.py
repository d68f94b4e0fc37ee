"""Migration steps for the fixture work-order schemas (tests/fixtures/schemas/migration)."""

from __future__ import annotations

from decimal import Decimal

from canonical.governance.migration import MigrationRegistry, Payload
from canonical.units.conversion import convert_exact
from canonical.units.exact import terminates, to_decimal

REGISTRY = MigrationRegistry()


@REGISTRY.step("1.0.0", "2.0.0", entity="WorkOrder", summary="priority renamed to urgency")
def rename_priority(payload: Payload) -> Payload:
    if "priority" in payload:
        payload["urgency"] = payload.pop("priority")
    return payload


@REGISTRY.step("1.0.0", "2.0.0", entity="WorkOrder", summary="operator_name split")
def split_operator_name(payload: Payload) -> Payload:
    name = payload.pop("operator_name", None)
    if name is None:
        return payload
    if not isinstance(name, str):
        raise TypeError(f"operator_name must be a string, got {name!r}")
    first, _, last = name.strip().partition(" ")
    payload["operator_first_name"] = first
    if last.strip():
        payload["operator_last_name"] = last.strip()
    return payload


@REGISTRY.step("2.0.0", "3.0.0", entity="WorkOrder", summary="run_time minutes -> hours")
def run_time_to_hours(payload: Payload) -> Payload:
    if "run_time" not in payload:
        return payload
    exact = convert_exact(Decimal(str(payload["run_time"])), "MIN", "HUR")
    if not terminates(exact):
        raise ValueError(f"run_time {payload['run_time']} min has no exact decimal in hours")
    payload["run_time"] = str(to_decimal(exact))
    return payload
