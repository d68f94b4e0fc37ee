"""Business rules of a :class:`~canonical.models.Nonconformance` (NCR-002..004).

NCR-001 (status transitions) is judged where a change is reported with its previous
status: :func:`canonical.validation.transitions.status_change_findings`, used by patches.
"""

from __future__ import annotations

from canonical.models import Nonconformance, NonconformanceStatus
from canonical.report import Finding
from canonical.validation import rules as r

#: Statuses in which the disposition has been decided.
DECIDED = frozenset({NonconformanceStatus.DISPOSITIONED, NonconformanceStatus.CLOSED})
_DECIDED = tuple(DECIDED)  # a member found by identity: no hash (an enum's is a Python call)


def nonconformance(ncr: Nonconformance) -> list[Finding]:
    found: list[Finding] = []
    if ncr.disposition is None and ncr.status in _DECIDED:
        found.append(r.NCR_DISPOSITION.finding(
            f"a {ncr.status.value} nonconformance names its disposition", path="$.disposition"
        ))
    if ncr.operation is not None and ncr.order is None:
        found.append(r.NCR_SUBJECT.finding("an operation reference needs its order",
                                           path="$.operation"))
    for name in ("lots", "quality_results"):
        listed: list[str] = getattr(ncr, name)
        if len(set(listed)) == len(listed):
            continue  # each listed once (the usual record): no positions to find
        seen: set[str] = set()
        for i, ident in enumerate(listed):
            if ident in seen:
                found.append(r.NCR_LINKS.finding(f"{ident!r} is listed twice",
                                                 path=f"$.{name}[{i}]", value=ident))
            seen.add(ident)
    return found
