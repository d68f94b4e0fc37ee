"""Change kinds of a class's ``rules`` (i13).

A class rule (LinkML ``rules:``; ``if``/``then`` in the JSON Schema, a check in the models)
is compared as a set of rules, each by its full content: one added tightens what the
class accepts, one removed loosens it; editing a rule is a removal plus an addition.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from canonical.changes.model import Bump, ChangeKind, Verdict
from canonical.governance.facts import ClassFacts, Element, SchemaFacts
from canonical.governance.rules import B, C, _kind

#: properties of a class these kinds compare (not ``needs_review``)
CLASS_KEYS: frozenset[str] = frozenset({"rules"})

RULE_ADDED: ChangeKind = _kind(
    "class_rule.added", "GOV-013", C, B, Bump.MINOR,
    "a class rule (LinkML rules, if/then in the JSON Schema) was added: data that breaks it is "
    "refused")
RULE_REMOVED: ChangeKind = _kind(
    "class_rule.removed", "GOV-014", B, C, Bump.MINOR,
    "a class rule was removed: data the old rule refused is accepted")


def _rules(element: Element) -> dict[str, str]:
    raw = element.get("rules")
    items = json.loads(raw) if raw and raw.startswith("[") else ([raw] if raw else [])
    out: dict[str, str] = {}
    for item in items:
        text = json.dumps(item, sort_keys=True)
        label = item.get("title") or item.get("description") if isinstance(item, dict) else None
        out[text] = str(label or text[:80])
    return out


def _values(schema: SchemaFacts, ranges: tuple[str, ...]) -> set[str] | None:
    """Every value a slot of these ranges can hold, or None when not closed by enums."""
    if not ranges or any(r not in schema.enums for r in ranges):
        return None
    return {value for r in ranges for value in schema.enums[r].values}


def new_values_only(rule: Any, slot_ranges: tuple[dict[str, tuple[str, ...]], ...],
                    old: SchemaFacts, new: SchemaFacts) -> str | None:
    """``slot=value`` of a precondition that only values added in ``new`` can meet, else None.

    ``slot_ranges`` is the class's slot ranges in the old and the new schema. The precondition
    is a conjunction, so one such slot condition keeps every old payload out of the rule.
    """
    pre = rule.get("preconditions") if isinstance(rule, dict) else None
    conditions = pre.get("slot_conditions") if isinstance(pre, dict) else None
    for slot, cond in sorted((conditions or {}).items()):
        if not isinstance(cond, dict):
            continue
        wanted = cond.get("equals_string_in") or (
            [cond["equals_string"]] if cond.get("equals_string") is not None else [])
        was = _values(old, slot_ranges[0].get(slot, ()))
        now = _values(new, slot_ranges[1].get(slot, ()))
        if wanted and was is not None and now is not None and all(
                str(v) in now and str(v) not in was for v in wanted):
            return f"{slot}={'|'.join(str(v) for v in wanted)}"
    return None


Change = tuple[str, str, str | None, str | None, Verdict | None]


def rule_changes(path: str, old: ClassFacts, new: ClassFacts, old_schema: SchemaFacts,
                 new_schema: SchemaFacts) -> Iterator[Change]:
    """``(kind, message, before, after, producer)`` for every class rule added or removed.

    ``producer`` overrides the kind's producer verdict (None keeps it).
    """
    was, now = _rules(old.element), _rules(new.element)
    ranges = (dict(old.ranges), dict(new.ranges))
    for text in sorted(set(was) - set(now)):
        yield (RULE_REMOVED.kind, f"{path}: class rule removed: {was[text]}", text, None, None)
    for text in sorted(set(now) - set(was)):
        rule = json.loads(text)
        description = rule.get("description") if isinstance(rule, dict) else None
        message = f"{path}: class rule added: {description or now[text]}"
        only_new = new_values_only(rule, ranges, old_schema, new_schema)
        if only_new is None:
            yield (RULE_ADDED.kind, message, None, text, None)
        else:
            yield (RULE_ADDED.kind, f"{message} (its precondition {only_new} names a value "
                   "added in this release: no data valid under the old schema meets it)",
                   None, text, Verdict.COMPATIBLE)
