"""LocalToday: the plant-local date, asked of the zone again whenever the clock leaves the
span it trusts (a new local day, a clock set back, the last hour before midnight)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from canonical.engine import clock
from canonical.engine.clock import LocalToday

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
