"""Issue 13: the engine reads digits, dates and times by the shared lexical rules.

Before: Arabic-Indic and full-width digits were read as ASCII numbers (``\\d``, ``int()`` and
``Decimal()`` accept them), 7-9 fractional-second digits were cut to microseconds, a date
where a timestamp was expected became local midnight, and a local time in the repeated hour
of a DST change was read as its first occurrence without a word.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from canonical.engine import to_canonical
from canonical.mapping import Plant
from canonical.models import InventoryTransaction

from .conftest import native


def _consumption(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = copy.deepcopy(native("DE01", "consumption.mes.json"))
    payload.update(changes)
    return payload


def _rules(plant: Plant, payload: dict[str, Any]) -> dict[str, str]:
    result = to_canonical(plant, "InventoryTransaction", payload, source="MES_DE", lenient=True)
    return {f.path: f.rule_id for f in result.report}


@pytest.mark.parametrize("stamp,rule", [
    ("2026-03-02T07:15:00.123456789+01:00", "LEX-004"),
    ("2026-03-02T07:15:00.1234567+01:00", "LEX-004"),
    ("2026-03-02", "LEX-005"),
    ("20260302", "LEX-005"),
    ("\u0662\u0660\u0662\u0666-03-02T07:15:00+01:00", "LEX-001"),
    ("2026-03-02T07:15:00+01:00\n", "LEX-002"),
])
def test_timestamps_that_would_change_are_refused(plants: dict[str, Plant], stamp: str,
                                                  rule: str) -> None:
    assert _rules(plants["DE01"], _consumption(zeitpunkt=stamp)) == {"$.zeitpunkt": rule}


def test_trailing_zero_digits_below_the_microsecond_are_exact(plants: dict[str, Plant]) -> None:
    tx = to_canonical(plants["DE01"], "InventoryTransaction",
                      _consumption(zeitpunkt="2026-03-02T07:15:00.123456000+01:00"), source="MES_DE")
    assert isinstance(tx, InventoryTransaction)
    assert tx.posted_at == datetime(2026, 3, 2, 6, 15, 0, 123456, tzinfo=UTC)


@pytest.mark.parametrize("amount", ["\u0662\u0661,\u0662\u0665\u0660", "\uff12\uff11,250",
                                    "21,250\n", " 21,250"])
def test_amounts_with_foreign_digits_or_spaces_are_refused(plants: dict[str, Plant],
                                                           amount: str) -> None:
    result = to_canonical(plants["DE01"], "InventoryTransaction", _consumption(menge=amount),
                          source="MES_DE", lenient=True)
    [finding] = result.report
    assert (finding.path, finding.rule_id) == ("$.menge", "ENG-106")
    assert finding.message.split(": ")[1] in {"LEX-001", "LEX-002"}


@pytest.mark.parametrize("number", ["\u0660\u0660\u0661\u0660", "\uff10\uff10\uff11\uff10"])
def test_operation_number_with_foreign_digits_is_refused(plants: dict[str, Plant],
                                                        number: str) -> None:
    payload: dict[str, Any] = copy.deepcopy(native("DE01", "order-release.sap.json"))
    payload["OPERATIONS"][0]["VORNR"] = number
    result = to_canonical(plants["DE01"], "ProductionOrder", payload, source="SAP_ECC",
                          lenient=True)
    [finding] = result.report
    assert (finding.path, finding.rule_id) == ("$.OPERATIONS[0].VORNR", "ENG-107")
    assert "LEX-001" in finding.message


def test_repeated_hour_is_read_as_first_occurrence_and_reported(plants: dict[str, Plant]) -> None:
    # Europe/Berlin, 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET
    result = to_canonical(plants["DE01"], "InventoryTransaction",
                          _consumption(zeitpunkt="2026-10-25T02:30:00"), source="MES_DE",
                          lenient=True)
    assert result.value is not None
    assert result.value.posted_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert [(f.rule_id, f.severity.value, f.path) for f in result.report] == [
        ("LEX-006", "info", "$.zeitpunkt")]


def test_an_unambiguous_local_time_has_no_finding(plants: dict[str, Plant]) -> None:
    result = to_canonical(plants["DE01"], "InventoryTransaction",
                          _consumption(zeitpunkt="2026-10-25T04:30:00"), source="MES_DE",
                          lenient=True)
    assert result.value is not None and list(result.report) == []


@pytest.mark.parametrize("fmt", ["%Y%m%d", "%H%M%S", "%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M:%S",
                                 "{%Y}%%", "%y/%j", "%m/%d/%Y"])
@pytest.mark.parametrize("when", [datetime(2026, 3, 2, 7, 5, 9), datetime(999, 12, 31, 23, 59),
                                  datetime(1, 1, 1), datetime(9999, 10, 25, 2, 30)])
def test_compiled_writers_write_what_strftime_writes(fmt: str, when: datetime) -> None:
    from canonical.engine.values import compile_writer

    assert compile_writer(fmt)(when) == when.strftime(fmt)
    assert compile_writer(fmt)(when.date()) == when.date().strftime(fmt)
