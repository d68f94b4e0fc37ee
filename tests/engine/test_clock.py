"""LocalToday and LocalDate: plant-local dates, asked of the zone again whenever the instant
leaves the span they trust (a new local day, a clock set back, the hour around midnight)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from canonical.engine import clock
from canonical.engine.clock import LocalDate, LocalToday

WARSAW = ZoneInfo("Europe/Warsaw")


def _at(monkeypatch: pytest.MonkeyPatch, instant: datetime) -> None:
    monkeypatch.setattr(clock, "_now", lambda: instant.timestamp())


@pytest.mark.parametrize("instant", [
    datetime(2026, 3, 1, 22, 59, 59, tzinfo=UTC),  # 23:59:59 in Warsaw: still the 1st
    datetime(2026, 3, 1, 23, 0, 0, tzinfo=UTC),  # 00:00 in Warsaw: the 2nd
    datetime(2026, 10, 24, 22, 30, tzinfo=UTC),  # 00:30 on the day of the autumn change
])
def test_today_is_the_zone_date(monkeypatch: pytest.MonkeyPatch, instant: datetime) -> None:
    today = LocalToday(WARSAW)
    _at(monkeypatch, instant)
    assert today() == instant.astimezone(WARSAW).date()


def test_a_new_local_day_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    today = LocalToday(WARSAW)
    _at(monkeypatch, datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    assert today().day == 1
    _at(monkeypatch, datetime(2026, 3, 1, 22, 30, tzinfo=UTC))  # 23:30 local: asked afresh
    assert today().day == 1
    _at(monkeypatch, datetime(2026, 3, 1, 23, 0, 1, tzinfo=UTC))  # 00:00:01 local
    assert today().day == 2


def test_a_clock_set_back_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    today = LocalToday(WARSAW)
    _at(monkeypatch, datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    assert today().day == 2
    _at(monkeypatch, datetime(2026, 3, 1, 8, 0, tzinfo=UTC))
    assert today().day == 1


@pytest.mark.parametrize("zone", ["Europe/Warsaw", "America/Chicago", "Pacific/Apia",
                                  "America/Havana", "Australia/Lord_Howe", "Asia/Kathmandu"])
def test_local_date_is_the_zone_date(zone: str) -> None:
    """Every 17 minutes over two years (DST changes, midnight gaps, half-hour shifts), in
    order and shuffled, as the zone itself says."""
    tz = ZoneInfo(zone)
    start = datetime(2011, 1, 1, tzinfo=UTC)
    instants = [start + timedelta(minutes=17 * i) for i in range(2 * 365 * 24 * 60 // 17)]
    local = LocalDate(tz)
    for instant in instants + random.Random(7).sample(instants, 5000):
        assert local(instant) == instant.astimezone(tz).date(), instant


def test_local_date_of_a_wall_clock_time_is_not_remembered() -> None:
    local = LocalDate(WARSAW)
    assert local(datetime(2026, 3, 2, 12, 0, tzinfo=UTC)).day == 2
    naive = datetime(2026, 3, 5, 12, 0)
    assert local(naive) == naive.astimezone(WARSAW).date()
