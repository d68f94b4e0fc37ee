"""Business rules of a :class:`~canonical.models.LaborReport` (LAB-001..004).

A report names exactly one of a person or a crew (by identifier), tells its time as a start
and an end or as a duration (or both, then they agree exactly), and says what the time was
booked to: an order for setup, run and teardown, a reason code for indirect labour.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from canonical.models import LaborActivity, LaborReport
from canonical.report import Finding
from canonical.validation import rules as r
from canonical.validation.quantities import amount_in


def seconds_between(start: datetime, end: datetime) -> Decimal:
    """``end - start`` in seconds, exactly (microseconds included)."""
    return seconds_of(end - start)


def seconds_of(delta: timedelta) -> Decimal:
    """``delta`` in seconds, exactly (microseconds included)."""
    whole = Decimal(delta.days * 86400 + delta.seconds)
    micro = delta.microseconds
    # no division for whole seconds (the common case): the same Decimal, exponent 0
    return whole + Decimal(micro) / 1_000_000 if micro else whole


def labor_report(report: LaborReport) -> list[Finding]:
    found: list[Finding] = []
    if (report.person is None) == (report.crew is None):
        found.append(r.LAB_WHO.finding(
            "name exactly one of person or crew" if report.person is None
            else f"person {report.person!r} and crew {report.crew!r} are both given; name one",
            path="$.person",
        ))
    if report.crew_size is not None and report.crew is None:
        found.append(r.LAB_WHO.finding("crew_size is given without a crew", path="$.crew_size",
                                       value=report.crew_size))
    _time(report, found)
    _subject(report, found)
    return found


def _time(report: LaborReport, found: list[Finding]) -> None:
    start, end, duration = report.start, report.end, report.duration
    if duration is None and (start is None or end is None):
        found.append(r.LAB_TIME.finding(
            "give start and end, or a duration", path="$.end" if start is not None else "$.start"
        ))
    if start is None or end is None:
        return
    # one subtraction, not a comparison and then a subtraction: each takes both time zones'
    # offsets, a call each (once per record of a stream, issue 20); negative iff end < start
    delta = end - start
    if delta < _NO_TIME:
        found.append(r.LAB_TIMES.finding(
            f"end {end.isoformat()} is before start {start.isoformat()}", path="$.end"
        ))
        return
    if duration is None:
        return
    given = amount_in(duration, "SEC")
    if given is None:
        return  # not a time unit: QTY-002 says so
    actual = seconds_of(delta)
    if given != actual:
        found.append(r.LAB_TIMES.finding(
            f"duration {duration.value} {duration.unit} ({given} s) differs from end minus "
            f"start ({actual} s)",
            path="$.duration.value", value=duration.value,
        ))


_NO_TIME = timedelta(0)
_INDIRECT = LaborActivity.INDIRECT  # an enum member read from its class costs a descriptor call


def _subject(report: LaborReport, found: list[Finding]) -> None:
    order = report.order
    if report.activity is _INDIRECT:
        if report.reason_code is None:
            found.append(r.LAB_SUBJECT.finding("indirect labour names a reason code",
                                               path="$.reason_code"))
    elif order is None:
        found.append(r.LAB_SUBJECT.finding(
            f"{report.activity.value} labour names the order worked on", path="$.order"))
    if order is None and report.operation is not None:
        found.append(r.LAB_SUBJECT.finding("an operation reference needs its order",
                                           path="$.operation"))
