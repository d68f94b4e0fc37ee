"""The inline fast paths give exactly the values (and findings) of the full decoding path."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canonical.engine import to_canonical
from canonical.engine.values import (
    DATE_TIME_JOIN,
    Ambiguous,
    compile_date_and_time,
    compile_format,
    local_to_utc,
)
from canonical.errors import MappingError
from canonical.mapping import Plant
from canonical.mapping.normalise import Normaliser, Step, StepName, parse_steps
from canonical.models import ProductionOrder

from .conftest import native

BERLIN = ZoneInfo("Europe/Berlin")


def _order(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = copy.deepcopy(native("DE01", "order-release.sap.json"))
    payload.update(changes)
    return payload


def _map(plant: Plant, payload: dict[str, Any]) -> ProductionOrder:
    order = to_canonical(plant, "ProductionOrder", payload, source="SAP_ECC")
    assert isinstance(order, ProductionOrder)
    return order


def _rule_ids(plant: Plant, payload: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(MappingError) as caught:
        to_canonical(plant, "ProductionOrder", payload, source="SAP_ECC")
    return {f.path: f.rule_id for f in caught.value.findings}


@pytest.mark.parametrize("clock", ["250000", "126000", "120099"])
def test_an_impossible_clock_time_is_a_finding_not_a_crash(plants: dict[str, Plant],
                                                           clock: str) -> None:
    assert _rule_ids(plants["DE01"], _order(GSTRS=clock)) == {"$.GSTRP": "ENG-108"}


def test_an_impossible_calendar_day_is_a_finding(plants: dict[str, Plant]) -> None:
    assert _rule_ids(plants["DE01"], _order(GLTRP="20260230")) == {"$.GLTRP": "ENG-108"}


def test_missing_clock_time_means_midnight(plants: dict[str, Plant]) -> None:
    payload = _order()
    del payload["GSTRS"]
    order = _map(plants["DE01"], payload)
    assert order.scheduled_start == datetime(2026, 3, 2, tzinfo=BERLIN)


def test_repeated_autumn_hour_is_never_read_silently(plants: dict[str, Plant]) -> None:
    """DE01's SAP spec declares no dst policy: the default, earlier, reads the first
    occurrence and says so (LEX-006, info), on the fast path's retry too. The policies later
    and refuse: tests/engine/test_dialects.py."""
    payload = _order(GSTRP="20261025", GSTRS="023000", GLTRP="20261026")
    result = to_canonical(plants["DE01"], "ProductionOrder", payload, source="SAP_ECC",
                          lenient=True)
    assert isinstance(result.value, ProductionOrder)
    assert result.value.scheduled_start == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # CEST
    assert [(f.rule_id, f.path) for f in result.report] == [("LEX-006", "$.GSTRP")]


def test_iso_time_beyond_the_representable_range_is_a_finding(plants: dict[str, Plant]) -> None:
    payload = copy.deepcopy(native("DE01", "consumption.mes.json"))
    payload["zeitpunkt"] = "0001-01-01T00:30:00+01:00"
    with pytest.raises(MappingError) as caught:
        to_canonical(plants["DE01"], "InventoryTransaction", payload, source="MES_DE")
    assert [f.rule_id for f in caught.value.findings] == ["ENG-108"]


@pytest.mark.parametrize(("vornr", "sequence"), [("0010", 10), ("10", 10), (" 0010 ", 10),
                                                 ("0000000000010", 10), ("000000001", 1)])
def test_operation_numbers_in_any_spelling_the_normaliser_accepts(
        plants: dict[str, Plant], vornr: str, sequence: int) -> None:
    payload = _order()
    payload["OPERATIONS"] = [dict(payload["OPERATIONS"][0], VORNR=vornr)]
    payload["COMPONENTS"] = [dict(c, VORNR=vornr) for c in payload["COMPONENTS"]]
    order = _map(plants["DE01"], payload)
    assert [op.sequence for op in order.operations] == [sequence]
    assert {c.operation_sequence for c in order.components} == {sequence}


@pytest.mark.parametrize("vornr", ["00A1", "1234567890", "1.0"])
def test_operation_numbers_that_are_not_small_whole_numbers(plants: dict[str, Plant],
                                                            vornr: str) -> None:
    payload = _order()
    payload["OPERATIONS"][0]["VORNR"] = vornr
    assert _rule_ids(plants["DE01"], payload)["$.OPERATIONS[0].VORNR"] == "ENG-107"


@pytest.mark.parametrize(("steps", "keeps"), [
    ([], True), (["trim", "strip_leading_zeros"], True), (["upper", "lower"], True),
    ([{"pad_left": 12}], False), (["trim", {"pad_left": {"width": 4, "fill": "1"}}], False),
])
def test_keeps_numbers(steps: list[object], keeps: bool) -> None:
    assert Normaliser(parse_steps(steps)).keeps_numbers is keeps


@given(st.text(alphabet="0123456789", min_size=1, max_size=9),
       st.lists(st.sampled_from([StepName.TRIM, StepName.UPPER, StepName.LOWER,
                                 StepName.STRIP_LEADING_ZEROS]), max_size=4))
def test_number_preserving_steps_keep_the_number(digits: str, names: list[StepName]) -> None:
    normaliser = Normaliser(tuple(Step(name) for name in names))
    key = normaliser.to_key(digits)
    assert normaliser.keeps_numbers and key.isdigit() and int(key) == int(digits)


@pytest.mark.parametrize("fmt", ["%Y%m%d", "%H%M%S", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%m/%d/%Y %H"])
def test_compiled_formats_agree_with_strptime(fmt: str) -> None:
    stamp = datetime(2026, 7, 4, 9, 5, 7)
    text = stamp.strftime(fmt)
    expected = datetime.strptime(text, fmt)
    if "%Y" not in fmt:
        expected = expected.replace(year=1970)  # compile_format's default, strptime's is 1900
    parsed = compile_format(fmt)(text)
    assert parsed is not None
    assert parsed == (expected.year, expected.month, expected.day, expected.hour,
                      expected.minute, expected.second)
    assert compile_format(fmt)(text + "0") is None


@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 12, 31)),
       st.sampled_from(["Europe/Berlin", "America/Chicago", "Asia/Kolkata", "UTC"]))
def test_local_to_utc_finds_every_reading_of_a_wall_clock_time(naive: datetime,
                                                               zone_name: str) -> None:
    """One reading maps back to the wall time; an ambiguous time has two that both do; a
    skipped time has none."""
    zone = ZoneInfo(zone_name)
    naive = naive.replace(microsecond=0)
    found = local_to_utc(naive, zone)
    readings = [found] if isinstance(found, datetime) else (
        list(found) if isinstance(found, Ambiguous) else [])
    for utc in readings:
        assert utc.tzinfo is UTC and utc.astimezone(zone).replace(tzinfo=None) == naive
    if isinstance(found, Ambiguous):
        assert found.earlier < found.later
    if not readings:  # the spring gap: neither offset gives this wall time back
        assert isinstance(found, str) and "does not exist" in found


@pytest.mark.parametrize(("fmt", "time_fmt", "text", "clock"), [
    ("%Y%m%d", "%H%M%S", "20260302", "060000"), ("%d.%m.%Y", "%H:%M", "02.03.2026", "06:00"),
    ("%Y%m%d", "%H%M%S", "20260302", "0600"), ("%Y%m%d", "%H%M%S", "2026030", "060000"),
])
def test_date_and_time_in_one_go_reads_what_the_two_parsers_read(
        fmt: str, time_fmt: str, text: str, clock: str) -> None:
    both = compile_date_and_time(fmt, time_fmt)
    assert both is not None
    day, time = compile_format(fmt)(text), compile_format(time_fmt)(clock)
    expected = (*day[:3], *time[3:]) if day is not None and time is not None else None
    assert both(f"{text}{DATE_TIME_JOIN}{clock}") == expected


@pytest.mark.parametrize(("fmt", "time_fmt"), [("%Y%m%d%H", "%H%M%S"), ("%Y%m", "%d%H%M")])
def test_date_and_time_formats_that_share_fields_are_read_apart(fmt: str, time_fmt: str) -> None:
    assert compile_date_and_time(fmt, time_fmt) is None
