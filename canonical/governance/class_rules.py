"""Change kinds of a class's ``rules`` (i13).

A class rule (LinkML ``rules:``; ``if``/``then`` in the JSON Schema, a check in the models)
is compared as a set of rules, each by its full content: one added tightens what the
class accepts, one removed loosens it; editing a rule is a removal plus an addition.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from canonical.changes.model import Bump
from canonical.governance.facts import Element
from canonical.governance.rules import B, C, ChangeKind, _kind

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


def rule_changes(path: str, old: Element, new: Element) -> Iterator[tuple[str, str, str | None,
                                                                          str | None]]:
    """``(kind, message, before, after)`` for every class rule added or removed."""
    was, now = _rules(old), _rules(new)
    for text in sorted(set(was) - set(now)):
        yield (RULE_REMOVED.kind, f"{path}: class rule removed: {was[text]}", text, None)
    for text in sorted(set(now) - set(was)):
        description = json.loads(text).get("description") or now[text]
        yield (RULE_ADDED.kind, f"{path}: class rule added: {description}", None, text)
