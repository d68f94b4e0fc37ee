"""The engine's entry points: native payload to canonical object and back.

Strict by default: every problem of a payload is collected and raised together as one
:class:`~canonical.errors.MappingError`. ``lenient=True`` returns a :class:`MappingResult`
(the value, or ``None`` when there are errors, plus every finding) instead of raising.
An inbound result is always a complete, validated canonical object (structure and business
rules, :mod:`canonical.validation`), never a partial one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, Literal, TypeVar, overload

from pydantic import ValidationError

from canonical.engine import rules
from canonical.engine.patches import removals
from canonical.engine.plan import Plan
from canonical.engine.plans import plans_for
from canonical.engine.shape import MAPPABLE
from canonical.engine.spec import Direction
from canonical.errors import MappingError
from canonical.mapping import Plant, load_plant
from canonical.models import CanonicalModel
from canonical.models.patch import PatchOps
from canonical.report import Finding, Report, Severity
from canonical.validation.record import check as business_rules
from canonical.validation.structure import findings_from

T = TypeVar("T")
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_CLEAN = Report()  # reports are immutable: every clean result shares this one
_INBOUND, _OUTBOUND = Direction.INBOUND, Direction.OUTBOUND  # read once: a member read
# from its class costs a descriptor call


@dataclass(frozen=True, slots=True)
class MappingResult(Generic[T]):
    """What lenient mapping returns: the value (``None`` when anything failed) and findings."""

    value: T | None
    report: Report

    @property
    def ok(self) -> bool:
        return self.value is not None


def _plan(plant: Plant, system: str, entity: str, direction: Direction) -> Plan:
    found = plans_for(plant)
    plan = (found.inbound if direction is _INBOUND else found.outbound).get((system, entity))
    if plan is not None:  # compiled, so its system is declared
        return plan
    plant.system(system)  # UnknownSourceSystemError for an undeclared system
    broken = found.broken.get((system, entity, direction))
    if broken:
        raise MappingError(broken, entity=entity, plant=plant.id)
    known = sorted(f"{s}/{e}" for s, e, d in found.plans if d is direction)
    hint = f"; {direction.value} specs: {', '.join(known)}" if known else ""
    if entity not in MAPPABLE:
        hint = f"; mappable entities: {', '.join(MAPPABLE)}"
    raise MappingError([rules.NO_SPEC.finding(
        f"plant {plant.id} has no {direction.value} spec for {system} {entity}{hint}")],
        entity=entity, plant=plant.id)


def _parts(path: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _PART.findall(path)]


def _relocated(plan: Plan, finding: Finding) -> Finding:
    rule = rules.INVALID_RESULT if finding.severity is Severity.ERROR else rules.RESULT_WARNING
    return rule.finding(finding.message, path=plan.locate(_parts(finding.path)),
                        value=finding.value, cause=finding,
                        severity=finding.severity if finding.severity is Severity.INFO else None)


def _inbound(plan: Plan, payload: object,
             on: date | None) -> tuple[CanonicalModel | None, list[Finding]]:
    """The validated object (``None`` when anything is an error) and every finding."""
    data, ctx = plan.decode(payload, on=on)
    findings = ctx.findings
    if findings and ctx.failed:
        return None, findings
    try:  # what model_validate does, without its per-call keyword checks; looked up on
        # each call, as the model's validator is built on first use (a placeholder before)
        obj: CanonicalModel = plan.model.__pydantic_validator__.validate_python(data)
    except ValidationError as exc:
        findings.extend(_relocated(plan, f) for f in findings_from(exc, data))
        return None, findings
    checked = plan.rules(obj)
    if checked:
        findings.extend(_relocated(plan, f) for f in checked)
        if any(f.severity is Severity.ERROR for f in findings):
            return None, findings
    return obj, findings


def run_inbound(plan: Plan, payload: object, *,
                on: date | None = None) -> MappingResult[CanonicalModel]:
    """Map and validate one payload; never raises for bad payloads."""
    obj, findings = _inbound(plan, payload, on)
    if not findings:
        return MappingResult(obj, _CLEAN)
    return MappingResult(obj, Report(tuple(findings)))


def _outbound(plan: Plan, obj: CanonicalModel,
              on: date | None) -> tuple[dict[str, object] | None, list[Finding]]:
    """The native payload (``None`` when anything is an error) and every finding."""
    checked = (plan.rules if type(obj) is plan.model else business_rules)(obj)
    findings = [rules.INVALID_RESULT.finding(f.message, path=f.path, value=f.value,
                                             severity=f.severity, cause=f)
                for f in checked if f.severity is Severity.ERROR] if checked else []
    if isinstance(obj, PatchOps):
        findings.extend(removals(obj))  # a patch's null would vanish in the native payload
    data, ctx = plan.encode(obj, on=on)
    if ctx.findings:
        findings.extend(ctx.findings)
    if findings and any(f.severity is Severity.ERROR for f in findings):
        return None, findings
    return data, findings


def run_outbound(plan: Plan, obj: CanonicalModel, *,
                 on: date | None = None) -> MappingResult[dict[str, object]]:
    """The native payload of a canonical object; never raises for bad objects."""
    data, findings = _outbound(plan, obj, on)
    if not findings:
        return MappingResult(data, _CLEAN)
    return MappingResult(data, Report(tuple(findings)))


@overload
def to_canonical(plant: Plant | str | Path, entity: str, payload: object, *, source: str,
                 lenient: Literal[False] = False, on: date | None = None) -> CanonicalModel: ...
@overload
def to_canonical(plant: Plant | str | Path, entity: str, payload: object, *, source: str,
                 lenient: Literal[True], on: date | None = None
                 ) -> MappingResult[CanonicalModel]: ...
def to_canonical(plant: Plant | str | Path, entity: str, payload: object, *, source: str,
                 lenient: bool = False, on: date | None = None
                 ) -> CanonicalModel | MappingResult[CanonicalModel]:
    """Map a native ``payload`` from ``source`` to the canonical ``entity`` of ``plant``.

    ``on`` forces the date that selects table rows (default: the spec's ``as_of`` field,
    else today in the plant's time zone). Strict mode raises :class:`MappingError` with every
    finding; lenient mode returns a :class:`MappingResult`.
    """
    found = plant if isinstance(plant, Plant) else load_plant(plant)
    plan = _plan(found, source, entity, _INBOUND)
    if lenient:
        return run_inbound(plan, payload, on=on)
    obj, findings = _inbound(plan, payload, on)
    if obj is None:
        raise MappingError(findings, entity=entity, plant=found.id)
    return obj


@overload
def from_canonical(plant: Plant | str | Path, obj: CanonicalModel, *, target: str,
                   lenient: Literal[False] = False, on: date | None = None
                   ) -> dict[str, object]: ...
@overload
def from_canonical(plant: Plant | str | Path, obj: CanonicalModel, *, target: str,
                   lenient: Literal[True], on: date | None = None
                   ) -> MappingResult[dict[str, object]]: ...
def from_canonical(plant: Plant | str | Path, obj: CanonicalModel, *, target: str,
                   lenient: bool = False, on: date | None = None
                   ) -> dict[str, object] | MappingResult[dict[str, object]]:
    """The native payload ``target`` expects for the canonical object ``obj``."""
    found = plant if isinstance(plant, Plant) else load_plant(plant)
    entity = type(obj).__name__
    plan = _plan(found, target, entity, _OUTBOUND)
    if lenient:
        return run_outbound(plan, obj, on=on)
    data, findings = _outbound(plan, obj, on)
    if data is None:
        raise MappingError(findings, entity=entity, plant=found.id)
    return data
