"""OrderStatus transitions, read from the schema's ``transitions_to`` annotations."""

from __future__ import annotations

from functools import cache

from canonical.models import ENUM_VALUE_ANNOTATIONS
from canonical.report import Finding
from canonical.validation import rules as r


@cache
def allowed_transitions(enum: str = "OrderStatus") -> dict[str, frozenset[str]]:
    """status -> the statuses it may change to (empty for terminal statuses)."""
    return {
        value: frozenset(notes.get("transitions_to", "").split())
        for value, notes in ENUM_VALUE_ANNOTATIONS.get(enum, {}).items()
    }


def transition_findings(old: str, new: str) -> list[Finding]:
    """ORD-004: is ``old -> new`` an allowed OrderStatus transition (same status is allowed)?"""
    if old == new:
        return []
    allowed = allowed_transitions().get(old)
    if allowed is None or new not in allowed:
        return [r.ORD_TRANSITION.finding(
            f"order status cannot change from {old!r} to {new!r}; allowed: "
            f"{', '.join(sorted(allowed or ())) or 'none (terminal)'}",
            path="$.status", value=new,
        )]
    return []
