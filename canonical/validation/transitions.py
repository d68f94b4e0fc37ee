"""Status transitions, read from the schema's ``transitions_to`` annotations.

Two enums carry them: ``OrderStatus`` (rule ORD-004) and ``NonconformanceStatus``
(NCR-001). :data:`STATUS_RULES` names, per entity, the enum of its ``status`` field and the
rule a forbidden change reports; patches (``previous_status`` -> ``status``) use the same.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from canonical.models import ENUM_VALUE_ANNOTATIONS
from canonical.report import Finding
from canonical.rules import Rule
from canonical.validation import rules as r

#: entity -> (status enum with transitions, rule of a forbidden change, what it is called)
STATUS_RULES: dict[str, tuple[str, Rule, str]] = {
    "ProductionOrder": ("OrderStatus", r.ORD_TRANSITION, "order"),
    "Nonconformance": ("NonconformanceStatus", r.NCR_TRANSITION, "nonconformance"),
}


@cache
def allowed_transitions(enum: str = "OrderStatus") -> dict[str, frozenset[str]]:
    """status -> the statuses it may change to (empty for terminal statuses)."""
    return {
        value: frozenset(notes.get("transitions_to", "").split())
        for value, notes in ENUM_VALUE_ANNOTATIONS.get(enum, {}).items()
    }


def status_change_findings(entity: str, old: str, new: str, path: str = "$.status") -> list[Finding]:
    """Is ``old -> new`` an allowed change of ``entity``'s status (same status is allowed)?
    Entities without declared transitions accept every change."""
    return status_changes(entity)(old, new, path)


@cache
def status_changes(entity: str) -> Callable[[str, str, str], list[Finding]]:
    """:func:`status_change_findings` of one entity, its rule and transitions looked up once
    (what a caller checking many changes of one entity resolves up front)."""
    if entity not in STATUS_RULES:
        return _any_change
    enum, rule, what = STATUS_RULES[entity]
    transitions = allowed_transitions(enum)

    def check(old: str, new: str, path: str = "$.status") -> list[Finding]:
        if old == new:
            return []
        allowed = transitions.get(old)
        if allowed is None or new not in allowed:
            return [rule.finding(
                f"{what} status cannot change from {old!r} to {new!r}; allowed: "
                f"{', '.join(sorted(allowed or ())) or 'none (terminal)'}",
                path=path, value=new,
            )]
        return []

    return check


def _any_change(old: str, new: str, path: str = "$.status") -> list[Finding]:
    return []


def transition_findings(old: str, new: str) -> list[Finding]:
    """ORD-004: is ``old -> new`` an allowed OrderStatus transition (same status is allowed)?"""
    return status_change_findings("ProductionOrder", old, new)
