"""Labour time in exact seconds (canonical.validation.labor.seconds_between)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from canonical.validation.labor import seconds_between

START = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(("delta", "seconds"), [
    (timedelta(hours=8), "28800"),
    (timedelta(days=2, seconds=5), "172805"),
    (timedelta(seconds=90, microseconds=250_000), "90.25"),
    (timedelta(microseconds=1), "0.000001"),
    (timedelta(seconds=-5), "-5"),
    (timedelta(seconds=-5, microseconds=500_000), "-4.5"),
    (timedelta(0), "0"),
])
def test_exact_seconds_as_written(delta: timedelta, seconds: str) -> None:
    found = seconds_between(START, START + delta)
    assert found == Decimal(seconds)
    assert str(found) == seconds  # the text a LAB-002 message shows


def test_offsets_count_real_elapsed_time() -> None:
    warsaw_summer = timezone(timedelta(hours=2))
    end = datetime(2026, 3, 29, 4, 30, tzinfo=warsaw_summer)  # 02:30 UTC
    assert seconds_between(START, end) == Decimal(7200)
