"""The rule catalogue: every rule id of the project, with what it checks and where.

Rule ids are stable: once released, an id keeps its meaning forever (a retired rule's id
is never reused). Each subsystem declares its rules in its own ``rules`` module by calling
:func:`rule`; :func:`catalogue` imports those modules and returns every rule, which is
what the docs' rule catalogue renders and what tests check for completeness.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum

from canonical.report import Finding, Severity


class Scope(StrEnum):
    """Where a rule applies."""

    RECORD = "record validation"
    BATCH = "batch suites"
    UNITS = "unit conversion"
    MAPPING = "mapping governance"
    ENGINE = "mapping engine"
    SCHEMA = "schema governance"
    B2MML = "B2MML interchange"
    INPUT = "input reading"


@dataclass(frozen=True, slots=True)
class Rule:
    """A stable rule id with its one-line description."""

    id: str
    summary: str
    scope: Scope
    severity: Severity = Severity.ERROR

    def finding(
        self, message: str | None = None, *, path: str = "$", value: object = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A :class:`Finding` for this rule (message defaults to the summary)."""
        return Finding(
            rule_id=self.id,
            message=message or self.summary,
            severity=severity or self.severity,
            path=path,
            value=None if value is None else str(value),
        )


_REGISTRY: dict[str, Rule] = {}

#: Modules that declare rules; imported lazily by :func:`catalogue`.
RULE_MODULES: tuple[str, ...] = (
    "canonical.validation.rules",
    "canonical.units.rules",
    "canonical.mapping.rules",
    "canonical.mapping.engine.rules",
    "canonical.mapping.engine.rules",
    "canonical.validation.batch.rules",
    "canonical.changes.rules",
    "canonical.governance.rules",
    "canonical.governance.class_rules",
    "canonical.b2mml.rules",
    "canonical.reading",
    "canonical.lexical",
)


def rule(
    id: str, summary: str, scope: Scope, severity: Severity = Severity.ERROR
) -> Rule:
    """Declare a rule. Declaring the same id twice with a different meaning is a bug."""
    new = Rule(id, summary, scope, severity)
    old = _REGISTRY.get(id)
    if old is not None and old != new:
        raise RuntimeError(f"rule id {id} declared twice: {old} vs {new}")
    _REGISTRY[id] = new
    return new


def catalogue() -> dict[str, Rule]:
    """Every rule of the project, keyed by id, sorted by id."""
    for name in RULE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a subsystem not built yet is simply absent
            if exc.name != name:
                raise
    return dict(sorted(_REGISTRY.items()))


def get(rule_id: str) -> Rule:
    """Look up one rule by id (after loading the catalogue)."""
    return catalogue()[rule_id]
