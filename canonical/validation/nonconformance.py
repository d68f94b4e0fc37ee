"""Business rules of a :class:`~canonical.models.Nonconformance` (NCR-002..004).

NCR-001 (status transitions) is judged where a change is reported with its previous
status: :func:`canonical.validation.transitions.status_change_findings`, used by patches.
"""

from __future__ import annotations

from collections.abc import Iterator

from canonical.models import Nonconformance, NonconformanceStatus
from canonical.report import Finding
from canonical.validation import rules as r

#: Statuses in which the disposition has been decided.
DECIDED = frozenset({NonconformanceStatus.DISPOSITIONED, NonconformanceStatus.CLOSED})


def nonconformance(ncr: Nonconformance) -> Iterator[Finding]:
    if ncr.status in DECIDED and ncr.disposition is None:
        yield r.NCR_DISPOSITION.finding(
            f"a {ncr.status.value} nonconformance names its disposition", path="$.disposition"
        )
    if ncr.operation is not None and ncr.order is None:
        yield r.NCR_SUBJECT.finding("an operation reference needs its order", path="$.operation")
    for name in ("lots", "quality_results"):
        seen: set[str] = set()
        for i, ident in enumerate(getattr(ncr, name)):
            if ident in seen:
                yield r.NCR_LINKS.finding(f"{ident!r} is listed twice", path=f"$.{name}[{i}]",
                                          value=ident)
            seen.add(ident)
