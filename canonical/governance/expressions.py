"""Boolean slot expressions: did an ``any_of``/``all_of``/``none_of`` member get tighter or looser?

A slot's ``any_of`` accepts a value when one member does, ``all_of`` when every member does,
``none_of`` when no member does. Union and intersection are monotone in their members, so a
member whose pattern or bound tightens tightens the whole ``any_of``/``all_of``; ``none_of``
reverses the direction; ``exactly_one_of`` is not monotone, so any change there needs review.
Member ranges are compared by :mod:`.ranges` (they are the slot's range alternatives).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from canonical.governance.constraints import Order, compare_bound, compare_pattern
from canonical.governance.facts import Element

OPERATORS: tuple[str, ...] = ("any_of", "all_of", "exactly_one_of", "none_of")
_DIRECTION = {"any_of": 1, "all_of": 1, "none_of": -1, "exactly_one_of": 0}
_FLIP: dict[str, Order] = {"tightened": "loosened", "loosened": "tightened", "changed": "changed"}
_RANGES_ELSEWHERE = ("any_of", "exactly_one_of")  # their member ranges are range alternatives

Member = dict[str, object]


@dataclass(frozen=True, slots=True)
class MemberChange:
    what: str  # "any_of[1].pattern" or "all_of"
    family: str  # pattern | bounds | expression
    order: Order
    before: str | None
    after: str | None


def _members(element: Element, op: str) -> list[Member]:
    raw = element.get(op)
    if raw is None:
        return []
    loaded = json.loads(raw) if raw.startswith("[") else []
    members = [m for m in loaded if isinstance(m, dict)]
    if op in _RANGES_ELSEWHERE:
        members = [{k: v for k, v in m.items() if k != "range"} for m in members]
    return [m for m in members if m]


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _member_changes(op: str, index: int, old: Member, new: Member) -> list[MemberChange]:
    out: list[MemberChange] = []
    for key in sorted(set(old) | set(new)):
        a, b = _text(old.get(key)), _text(new.get(key))
        if a == b:
            continue
        order: Order
        if key == "pattern":
            family, order = "pattern", compare_pattern(a, b)
        elif key in ("minimum_value", "maximum_value"):
            family, order = "bounds", compare_bound(a, b, lower=key == "minimum_value")
        else:
            family, order = "expression", "changed"
        out.append(MemberChange(f"{op}[{index}].{key}", family, order, a, b))
    return out


def _membership(op: str, old: list[Member], new: list[Member]) -> Order:
    added = [m for m in new if m not in old]
    removed = [m for m in old if m not in new]
    if not old:
        return "tightened"  # a constraint where there was none
    if not new:
        return "loosened"
    if added and removed:
        return "changed"
    grows = bool(added)  # more members: any_of accepts more, all_of/none_of accept less
    if op == "any_of":
        return "loosened" if grows else "tightened"
    return "tightened" if grows else "loosened"


def compare(old: Element, new: Element) -> list[MemberChange]:
    """Ordered changes of every boolean operator's members between two slot elements."""
    out: list[MemberChange] = []
    for op in OPERATORS:
        was, now = _members(old, op), _members(new, op)
        if was == now:
            continue
        direction = _DIRECTION[op]
        if len(was) != len(now):  # members added or removed: ordered by the operator itself
            order = _membership(op, was, now) if direction else "changed"
            out.append(MemberChange(op, "expression", order, json.dumps(was, sort_keys=True),
                                    json.dumps(now, sort_keys=True)))
            continue
        changes = [c for i, (a, b) in enumerate(zip(was, now, strict=True))
                   for c in _member_changes(op, i, a, b)]
        for c in changes:
            if c.order is None:
                continue  # equal once read as numbers ("1.0" and "1")
            if direction == 0:
                out.append(MemberChange(c.what, "expression", "changed", c.before, c.after))
            elif direction < 0:
                out.append(MemberChange(c.what, c.family, _FLIP[c.order], c.before, c.after))
            else:
                out.append(c)
    return out
