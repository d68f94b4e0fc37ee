"""OrderStatus transitions, read from the schema's ``transitions_to`` annotations."""

from __future__ import annotations

from functools import cache

from canonical.models import ENUM_VALUE_ANNOTATIONS


@cache
def allowed_transitions(enum: str = "OrderStatus") -> dict[str, frozenset[str]]:
    """status -> the statuses it may change to (empty for terminal statuses)."""
    return {
        value: frozenset(notes.get("transitions_to", "").split())
        for value, notes in ENUM_VALUE_ANNOTATIONS.get(enum, {}).items()
    }
