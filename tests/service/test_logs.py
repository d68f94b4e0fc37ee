"""The JSON log line: written field by field, exactly as the json module writes the entry."""

from __future__ import annotations

import json
import logging

import pytest

from canonical.service.context import correlation
from canonical.service.logs import FIELDS, JsonFormatter

ODD: list[dict[str, object]] = [
    {"method": "POST", "path": "/v1/plants/ŁÓDŹ1/messages/Lot", "status": 422, "duration_ms": 12.5,
     "plant": "ŁÓDŹ1", "entity": "Lot", "source": "", "outcome": "rejected", "client": None},
    {"path": '/v1/"quoted"\n\ttab\u2028sep\x00nul', "status": 10**20, "duration_ms": float("nan")},
    {"duration_ms": float("inf"), "event_id": True, "findings": [{"rule_id": "ORD-002", "n": 1.0}]},
    {"dead_letter": 7, "client": "hub\\"},
]


def _record(extra: dict[str, object], *, message: str = "request %s", args: tuple[object, ...] = ("é",),
            ) -> logging.LogRecord:
    record = logging.LogRecord("canonical.service", logging.WARNING, "", 0, message, args, None)
    record.__dict__.update(extra)
    return record


@pytest.mark.parametrize("extra", ODD)
def test_a_line_is_what_json_writes_for_the_entry(extra: dict[str, object]) -> None:
    token = correlation.set("corr-é-1")
    try:
        line = JsonFormatter().format(_record(extra))
    finally:
        correlation.reset(token)
    entry: dict[str, object] = {"ts": json.loads(line)["ts"], "level": "warning",
                                "logger": "canonical.service", "message": "request é",
                                "correlation_id": "corr-é-1"}
    entry.update({k: extra[k] for k in FIELDS if extra.get(k) not in (None, "")})
    assert line == json.dumps(entry, ensure_ascii=False, default=str)


def test_no_correlation_id_is_null_and_an_exception_is_one_field() -> None:
    try:
        raise ValueError("boom\nsecond line")
    except ValueError:
        import sys

        record = _record({}, message="unexpected error", args=())
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record))
    assert entry["correlation_id"] is None
    assert "ValueError: boom\nsecond line" in entry["exception"]
    assert list(entry)[:5] == ["ts", "level", "logger", "message", "correlation_id"]


def test_the_timestamp_is_utc_with_milliseconds_across_seconds() -> None:
    formatter = JsonFormatter()
    times = []
    for created in (1_780_000_000.999, 1_780_000_001.0, 1_780_000_001.5):
        record = _record({})
        record.created = created
        times.append(json.loads(formatter.format(record))["ts"])
    assert times == ["2026-05-28T20:26:40.999+00:00", "2026-05-28T20:26:41.000+00:00",
                     "2026-05-28T20:26:41.500+00:00"]
