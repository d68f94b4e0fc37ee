"""Order constraint changes: did a pattern, bound or cardinality get tighter or looser?

Every function answers ``"tightened"`` (accepts fewer values), ``"loosened"`` (accepts
more), ``"changed"`` (neither contains the other, or the diff cannot tell) or ``None``
(no change). Pattern containment is undecidable in general for the regex dialects in use;
the diff orders the common case (same pattern, different ``{m,n}`` repetition bounds) and
reports anything else as ``changed``, which becomes ``needs review``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

Order = Literal["tightened", "loosened", "changed"] | None

_QUANT = re.compile(r"\{(\d+)(,?)(\d*)\}")
_INF = 10**18


def _bounds(pattern: str) -> tuple[str, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    for m in _QUANT.finditer(pattern):
        low = int(m[1])
        high = low if not m[2] else (int(m[3]) if m[3] else _INF)
        spans.append((low, high))
    return _QUANT.sub("{}", pattern), spans


def compare_pattern(old: str | None, new: str | None) -> Order:
    if old == new:
        return None
    if old is None:
        return "tightened"
    if new is None:
        return "loosened"
    old_skeleton, old_spans = _bounds(old)
    new_skeleton, new_spans = _bounds(new)
    if old_skeleton != new_skeleton:
        return "changed"
    wider = all(n[0] <= o[0] and n[1] >= o[1] for o, n in zip(old_spans, new_spans, strict=True))
    narrower = all(n[0] >= o[0] and n[1] <= o[1] for o, n in zip(old_spans, new_spans, strict=True))
    if wider and not narrower:
        return "loosened"
    if narrower and not wider:
        return "tightened"
    return "changed"


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def compare_bound(old: str | None, new: str | None, *, lower: bool) -> Order:
    """A minimum (``lower=True``) or maximum bound: adding one tightens, removing loosens."""
    if old == new:
        return None
    if old is None:
        return "tightened"
    if new is None:
        return "loosened"
    a, b = _number(old), _number(new)
    if a is None or b is None:
        return "changed"
    if a == b:
        return None
    raised = b > a
    return "tightened" if raised == lower else "loosened"


def compare_flag(old: bool, new: bool) -> Order:
    """A restricting flag such as ``non_negative``: setting it tightens."""
    if old == new:
        return None
    return "tightened" if new else "loosened"


def compare_exact(old: str | None, new: str | None) -> Order:
    """An exact cardinality: adding one tightens, removing loosens, moving it is neither."""
    if old == new:
        return None
    if old is None:
        return "tightened"
    return "loosened" if new is None else "changed"
