"""Plant-local dates: today's, for a message that carries no date of its own, and the date
of a message's ``as_of`` instant (which picks the table rows valid on it).

``datetime.now(zone).date()`` and ``stamp.astimezone(zone).date()`` convert an instant
through the zone's rules on each call. :class:`LocalToday` answers from the day it found
last while the clock is still inside that local day, and asks the zone again otherwise; the
span it trusts starts at the instant it asked and ends an hour and a second before the next
local midnight, so a DST change near midnight (some zones skip 00:00) and a clock set back
both fall outside it. :class:`LocalDate` does the same for given instants, trusting the local
day from an hour and a second after its midnight to as long before the next one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from time import time

#: the clock read (a module name, so a test can set it)
_now = time

#: the part of a local day, before its end, that is always asked afresh
_MARGIN = 3601.0


class LocalToday:
    """A callable giving today's date in ``zone``."""

    __slots__ = ("_span", "zone")

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        #: (the day, from, until): epoch seconds in which the day is known
        self._span: tuple[date, float, float] = (date.min, 0.0, 0.0)

    def __call__(self) -> date:
        day, start, end = self._span
        now = _now()
        if start <= now < end:
            return day
        return self._ask(now)

    def _ask(self, now: float) -> date:
        day = datetime.fromtimestamp(now, self.zone).date()
        midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), self.zone)
        self._span = (day, now, midnight.timestamp() - _MARGIN)
        return day


_NEVER = datetime.min.replace(tzinfo=UTC)
_SLACK = timedelta(seconds=_MARGIN)


class LocalDate:
    """A callable giving the date in ``zone`` of an aware instant."""

    __slots__ = ("_span", "zone")

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        #: (the day, from, until): UTC instants between which the day is known
        self._span: tuple[date, datetime, datetime] = (date.min, _NEVER, _NEVER)

    def __call__(self, stamp: datetime) -> date:
        if stamp.tzinfo is None:  # a wall-clock time: astimezone would read it as the host's
            return stamp.astimezone(self.zone).date()
        day, start, end = self._span
        if start <= stamp < end:
            return day
        return self._ask(stamp)

    def _ask(self, stamp: datetime) -> date:
        day = stamp.astimezone(self.zone).date()
        midnight = datetime.combine(day, datetime.min.time(), self.zone)
        following = datetime.combine(day + timedelta(days=1), datetime.min.time(), self.zone)
        self._span = (day, midnight.astimezone(UTC) + _SLACK, following.astimezone(UTC) - _SLACK)
        return day
