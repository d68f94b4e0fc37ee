"""The rule catalogue: every rule id of the project, with what it checks and where.

Rule ids are stable: once released, an id keeps its meaning forever (a retired rule's id
is never reused). Each subsystem declares its rules in its own ``rules`` module by calling
:func:`rule`; :func:`catalogue` imports those modules and returns every rule, which is
what the docs' rule catalogue renders and what tests check for completeness.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from canonical.registry import load_module
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
    SERVICE = "integration service"


@dataclass(frozen=True, slots=True)
class Rule:
    """A stable rule id with its one-line description."""

    id: str
    summary: str
    scope: Scope
    severity: Severity = Severity.ERROR

    def finding(
        self, message: str | None = None, *, path: str = "$", value: object = None,
        severity: Severity | None = None, cause: Finding | None = None,
        file: str | None = None, line: int | None = None,
    ) -> Finding:
        """A :class:`Finding` for this rule (message defaults to the summary); ``cause``: the
        finding it reports (its rule id and path become ``cause_rule_id``/``canonical_path``);
        ``file``/``line``: where it is, when known as it is made (no located copy needed)."""
        return Finding(
            rule_id=self.id,
            message=message or self.summary,
            severity=severity or self.severity,
            path=path,
            file=file,
            line=line,
            value=None if value is None else str(value),
            cause_rule_id=None if cause is None else cause.rule_id,
            canonical_path=None if cause is None else cause.path,
        )


_REGISTRY: dict[str, Rule] = {}

#: Modules that declare rules; imported lazily by :func:`catalogue`.
RULE_MODULES: tuple[str, ...] = (
    "canonical.validation.rules",
    "canonical.units.rules",
    "canonical.mapping.rules",
    "canonical.mapping.plant_rules",
    "canonical.engine.rules",
    "canonical.validation.batch.rules",
    "canonical.changes.rules",
    "canonical.governance.rules",
    "canonical.governance.class_rules",
    "canonical.b2mml.rules",
    "canonical.reading",
    "canonical.lexical",
    "canonical.files.rules",
    "canonical.service.rules",
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
    for name in RULE_MODULES:  # RegistryError when one does not import: never a silent gap
        load_module("rule catalogue", name)
    return dict(sorted(_REGISTRY.items()))


def get(rule_id: str) -> Rule:
    """Look up one rule by id (after loading the catalogue)."""
    return catalogue()[rule_id]
