"""Today's date in a plant's time zone, for every message that carries no date of its own.

``datetime.now(zone).date()`` converts the current instant through the zone's rules on each
call. :class:`LocalToday` answers from the day it found last while the clock is still inside
that local day, and asks the zone again otherwise. The span it trusts starts at the instant
it asked and ends an hour and a second before the next local midnight, so a DST change near
midnight (some zones skip 00:00) and a clock set back both fall outside it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
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
