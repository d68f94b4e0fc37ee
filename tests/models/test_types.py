"""Wire types: exact decimals, aware timestamps, strict ints/bools, closed content, patterns."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import canonical
from canonical import Lot, ProductionOrder, Quantity
from canonical.report import Report

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "records"


def _load(stem: str) -> Any:
    return json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))


ORDER: dict[str, Any] = _load("production_order")
LOT: dict[str, Any] = _load("lot")[2]
MATERIAL: dict[str, Any] = _load("material")[0]
EVENT: dict[str, Any] = _load("event")

Edit = Callable[[dict[str, Any]], None]


def _order(edit: Edit) -> Report:
    data = copy.deepcopy(ORDER)
    edit(data)
    return canonical.validate(data, entity="ProductionOrder")


def _located(report: Report) -> set[tuple[str, str]]:
    return {(f.rule_id, f.path) for f in report}


def _set(path: str, value: object) -> Edit:
    """An edit that sets a dotted path ("operations.0.sequence") to ``value``."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return edit


def _ok(report: Report) -> None:
    assert report.errors == (), [f.render() for f in report.errors]


# ----------------------------------------------------------------------------- decimals
@pytest.mark.parametrize(
    "text", ["12.500", "0.000", "0", "500", "1000000", "0.000000000001", "123456789012345678.5"]
)
def test_decimal_round_trips_as_the_same_string(text: str) -> None:
    q = Quantity.model_validate({"value": text, "unit": "KGM"})
    assert isinstance(q.value, Decimal)
    assert q.value == Decimal(text)
    assert json.loads(q.to_json()) == {"value": text, "unit": "KGM"}
    assert q.to_json_dict()["value"] == text
    assert Quantity.model_validate_json(q.to_json()) == q


def test_decimal_keeps_trailing_zeros_through_a_whole_record() -> None:
    data = copy.deepcopy(ORDER)
    data["ordered_quantity"] = {"value": "12.500", "unit": "KGM"}
    data["overdelivery_tolerance"] = "2.50"
    del data["produced_quantity"], data["scrapped_quantity"]
    wire = json.loads(ProductionOrder.model_validate(data).to_json())
    assert wire["ordered_quantity"] == {"value": "12.500", "unit": "KGM"}
    assert wire["overdelivery_tolerance"] == "2.50"


def test_decimal_from_python_serialises_exactly() -> None:
    assert json.loads(Quantity(value=Decimal("1.50"), unit="KGM").to_json())["value"] == "1.50"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(12.5, id="json-float"),
        pytest.param(12, id="json-int"),
        pytest.param(True, id="json-bool"),
        pytest.param(float("nan"), id="float-nan"),
        pytest.param(float("inf"), id="float-inf"),
        pytest.param("NaN", id="str-NaN"),
        pytest.param("nan", id="str-nan"),
        pytest.param("Infinity", id="str-Infinity"),
        pytest.param("-Infinity", id="str-minus-Infinity"),
        pytest.param("1.234,5", id="comma-decimal"),
        pytest.param("1,234.5", id="thousands-separator"),
        pytest.param("1e3", id="exponent"),
        pytest.param("1E3", id="exponent-upper"),
        pytest.param("+1", id="plus-sign"),
        pytest.param(" 1", id="leading-space"),
        pytest.param("1.", id="trailing-dot"),
        pytest.param(".5", id="leading-dot"),
        pytest.param("", id="empty"),
        pytest.param("0x10", id="hex"),
        pytest.param(None, id="null"),
    ],
)
def test_quantity_value_that_is_not_an_exact_decimal_string_is_refused(value: object) -> None:
    report = _order(_set("ordered_quantity.value", value))
    assert ("SCH-007", "$.ordered_quantity.value") in _located(report)
    assert not report.ok


def test_decimal_python_nan_is_refused() -> None:
    with pytest.raises(ValidationError):
        Quantity(value=Decimal("NaN"), unit="KGM")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("overdelivery_tolerance", 2.5),
        ("overdelivery_tolerance", "1e1"),
        ("operations.0.confirmations.0.labor_time.value", "Infinity"),
        ("components.0.quantity.value", 262.5),
    ],
)
def test_every_decimal_field_refuses_non_strings(path: str, value: object) -> None:
    report = _order(_set(path, value))
    json_path = "$." + ".".join(f"[{p}]" if p.isdigit() else p for p in path.split("."))
    assert ("SCH-007", json_path.replace(".[", "[")) in _located(report)


def test_material_factor_refuses_json_number() -> None:
    data = copy.deepcopy(MATERIAL)
    data["alternative_units"][0]["numerator"] = 12
    report = canonical.validate(data, entity="Material")
    assert ("SCH-007", "$.alternative_units[0].numerator") in _located(report)


# ----------------------------------------------------------------------------- timestamps
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2026-03-02T06:00:00", id="naive"),
        pytest.param("2026-03-02 06:00:00", id="naive-space"),
        pytest.param("2026-03-02", id="date-only"),
        pytest.param("02.03.2026 06:00", id="german"),
        pytest.param("", id="empty"),
        pytest.param(1772427600, id="epoch-int"),
        pytest.param(1772427600.5, id="epoch-float"),
    ],
)
def test_timestamp_without_offset_or_not_iso_is_refused(value: object) -> None:
    report = _order(_set("scheduled_start", value))
    assert ("SCH-005", "$.scheduled_start") in _located(report)


@pytest.mark.parametrize(
    "value",
    [pytest.param("1772427600", id="epoch-seconds-string"),
     pytest.param("1772427600000", id="epoch-millis-string")],
)
def test_epoch_number_in_a_string_is_refused_not_read_as_unix_time(value: str) -> None:
    """An epoch number is refused even when it arrives quoted (no silent Unix-time reading)."""
    report = _order(_set("scheduled_start", value))
    assert ("SCH-005", "$.scheduled_start") in _located(report)


def test_naive_timestamp_refused_in_nested_confirmation() -> None:
    report = _order(_set("operations.0.confirmations.0.confirmed_at", "2026-03-02T11:40:00"))
    assert ("SCH-005", "$.operations[0].confirmations[0].confirmed_at") in _located(report)


def test_naive_timestamp_refused_in_event_envelope() -> None:
    data = copy.deepcopy(EVENT)
    data["occurred_at"] = "2026-03-02T16:30:00"
    report = canonical.validate(data, entity="Event")
    assert ("SCH-005", "$.occurred_at") in _located(report)


def test_timestamp_keeps_its_offset_on_the_wire() -> None:
    data = copy.deepcopy(ORDER)
    data["scheduled_start"] = "2026-03-02T06:00:00+01:00"
    data["actual_start"] = "2026-03-02T06:12:40-05:30"
    wire = json.loads(ProductionOrder.model_validate(data).to_json())
    assert wire["scheduled_start"] == "2026-03-02T06:00:00+01:00"
    assert wire["actual_start"] == "2026-03-02T06:12:40-05:30"


@pytest.mark.parametrize(
    "value", ["2026-03-02T06:00:00+01:00", "2026-03-02", "2026-1-14", 20260114]
)
def test_lot_dates_are_plain_iso_dates(value: object) -> None:
    data = copy.deepcopy(LOT)
    data["manufactured_on"] = value
    report = canonical.validate(data, entity="Lot")
    if value == "2026-03-02":
        _ok(report)
    else:
        assert ("SCH-005", "$.manufactured_on") in _located(report)


# ----------------------------------------------------------------------------- identifiers
def test_leading_zero_ids_stay_strings() -> None:
    data = copy.deepcopy(LOT)
    data["id"] = "0010"
    data["genealogy"][0]["parent_lot"] = "0000451201"
    lot = Lot.model_validate(data)
    assert lot.id == "0010"
    wire = json.loads(lot.to_json())
    assert wire["id"] == "0010"
    assert wire["genealogy"][0]["parent_lot"] == "0000451201"
    _ok(canonical.validate(data, entity="Lot"))


@pytest.mark.parametrize("value", [10, 10.0, 4711])
def test_numeric_identifier_is_refused_not_stringified(value: object) -> None:
    report = _order(_set("material", value))
    assert ("SCH-002", "$.material") in _located(report)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(" DE01-1", id="leading-space"),
        pytest.param("DE01-1 ", id="trailing-space"),
        pytest.param("DE01-1\n", id="trailing-newline"),
        pytest.param("DE01\t1", id="inner-tab"),
        pytest.param("", id="empty"),
        pytest.param("A" * 65, id="65-chars"),
    ],
)
def test_bad_identifier_is_refused(value: str) -> None:
    report = _order(_set("id", value))
    assert ("SCH-004", "$.id") in _located(report)


@pytest.mark.parametrize("value", ["A" * 64, "A", "DE01 1000123", "0010"])
def test_good_identifier_is_accepted(value: str) -> None:
    report = _order(_set("id", value))
    assert not [f for f in report if f.path == "$.id"]
    _ok(report)


def test_ten_megabyte_string_gives_a_finding_not_an_exception() -> None:
    huge = "x" * (10 * 1024 * 1024)
    for field in ("id", "operations.0.description"):
        report = _order(_set(field, huge))
        assert not report.ok
        (finding,) = report.findings
        assert finding.rule_id == "SCH-004"
        # the finding names the problem without echoing the 10 MB back
        assert len(finding.render()) < 2000


def test_ten_megabyte_string_in_quantity_value() -> None:
    report = _order(_set("ordered_quantity.value", "1" * (10 * 1024 * 1024)))
    assert ("SCH-007", "$.ordered_quantity.value") in _located(report)
    assert all(len(f.render()) < 2000 for f in report)


# ------------------------------------------------------------------------ strict ints and bools
@pytest.mark.parametrize("value", ["10", 10.0, True, "0010"])
def test_sequence_is_a_strict_integer(value: object) -> None:
    report = _order(_set("operations.0.sequence", value))
    assert ("SCH-002", "$.operations[0].sequence") in _located(report)


@pytest.mark.parametrize(("value", "ok"), [(0, False), (1, True), (9999, True), (10000, False)])
def test_sequence_range(value: int, ok: bool) -> None:
    data = copy.deepcopy(ORDER)
    data["operations"] = [data["operations"][0]]
    data["operations"][0]["sequence"] = value
    data["components"] = []
    report = canonical.validate(data, entity="ProductionOrder")
    if ok:
        _ok(report)
    else:
        assert ("SCH-008", "$.operations[0].sequence") in _located(report)


@pytest.mark.parametrize("value", ["3", 3.0, False])
def test_priority_is_a_strict_integer(value: object) -> None:
    report = _order(_set("priority", value))
    assert ("SCH-002", "$.priority") in _located(report)


@pytest.mark.parametrize("value", ["true", 1, 0, "yes"])
def test_booleans_are_strict(value: object) -> None:
    report = _order(_set("components.1.backflush", value))
    assert ("SCH-002", "$.components[1].backflush") in _located(report)


@pytest.mark.parametrize("value", ["false", 0])
def test_material_flags_are_strict_booleans(value: object) -> None:
    data = copy.deepcopy(MATERIAL)
    data["lot_controlled"] = value
    report = canonical.validate(data, entity="Material")
    assert ("SCH-002", "$.lot_controlled") in _located(report)


# ----------------------------------------------------------------------------- closed content model
@pytest.mark.parametrize(
    ("target", "expected_path"),
    [
        ("", "$.colour"),
        ("operations.2", "$.operations[2].colour"),
        ("operations.0.confirmations.0", "$.operations[0].confirmations[0].colour"),
        ("ordered_quantity", "$.ordered_quantity.colour"),
        ("external_references.2", "$.external_references[2].colour"),
    ],
)
def test_unknown_field_is_rejected_with_its_path(target: str, expected_path: str) -> None:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for key in filter(None, target.split(".")):
            node = node[int(key)] if key.isdigit() else node[key]
        node["colour"] = "red"

    report = _order(edit)
    assert ("SCH-003", expected_path) in _located(report)


def test_unknown_field_is_not_silently_dropped_by_the_model() -> None:
    data = copy.deepcopy(ORDER)
    data["colour"] = "red"
    with pytest.raises(ValidationError):
        ProductionOrder.model_validate(data)


def test_unknown_field_in_event_payload_is_located_in_the_payload() -> None:
    data = copy.deepcopy(EVENT)
    data["payload"]["colour"] = "red"
    report = canonical.validate(data, entity="Event")
    assert _located(report) == {("SCH-003", "$.payload.colour")}


def test_missing_required_field() -> None:
    report = _order(lambda d: d.pop("plant"))
    assert _located(report) == {("SCH-001", "$.plant")}


# ----------------------------------------------------------------------------- enums and patterns
@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("status", "done"),
        ("status", "Released"),
        ("status", "REL"),
        ("operations.0.status", "finished"),
        ("external_references.0.kind", "erp"),
    ],
)
def test_value_outside_enumeration_is_refused(path: str, value: str) -> None:
    report = _order(_set(path, value))
    json_path = "$." + path.replace(".0.", "[0].")
    assert ("SCH-006", json_path) in _located(report)


@pytest.mark.parametrize("code", ["kgm", "Kg", "KILO", "K", "KG M", "", " KGM"])
def test_unit_code_pattern(code: str) -> None:
    report = _order(_set("ordered_quantity.unit", code))
    assert ("SCH-004", "$.ordered_quantity.unit") in _located(report)


def test_unit_code_pattern_on_material_base_unit() -> None:
    data = copy.deepcopy(MATERIAL)
    data["base_unit"] = "pcs"
    assert ("SCH-004", "$.base_unit") in _located(canonical.validate(data, entity="Material"))


@pytest.mark.parametrize("value", ["production_order", "ProductionOrder.Released", "a.b.c", ""])
def test_event_type_pattern(value: str) -> None:
    data = copy.deepcopy(EVENT)
    data["type"] = value
    assert ("SCH-004", "$.type") in _located(canonical.validate(data, entity="Event"))


# ----------------------------------------------------------------------------- not an object
@pytest.mark.parametrize("value", [[ORDER], "order", 42, None])
def test_record_that_is_not_an_object(value: object) -> None:
    report = canonical.validate(value, entity="ProductionOrder")
    assert report.rule_ids() == ["SCH-011"]


def test_unknown_entity_raises_typed_error() -> None:
    with pytest.raises(canonical.CanonicalError) as info:
        canonical.validate(ORDER, entity="WorkOrder")
    assert info.value.rule_id == "SCH-010"
    assert isinstance(info.value, LookupError)


def test_model_instance_edited_after_parsing_is_revalidated() -> None:
    """Setters do not validate; ``validate`` re-checks what a caller assigned."""
    order = ProductionOrder.model_validate(ORDER)
    order.priority = "high"  # type: ignore[assignment]
    assert "SCH-002" in canonical.validate(order).rule_ids()


def test_decimal_built_in_python_must_fit_the_wire() -> None:
    """A Decimal instance is held to the same pattern as a wire string (no 28-place thirds)."""
    import pydantic

    from canonical.models import Quantity

    with pytest.raises(pydantic.ValidationError) as caught:
        Quantity(value=Decimal(1) / Decimal(3), unit="KGM")
    assert "round it explicitly" in str(caught.value)
    with pytest.raises(pydantic.ValidationError):
        Quantity(value=Decimal("1E+30"), unit="KGM")
    assert Quantity(value=Decimal("1E+3"), unit="KGM").to_json_dict()["value"] == "1000"


def test_fast_path_length_is_derived_from_the_pattern() -> None:
    import re

    from canonical.models.types import _safe_length

    assert _safe_length(re.compile(r"^-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,12})?$")) == 14
    assert _safe_length(re.compile(r"^-?(0|[1-9][0-9]{0,3})(\.[0-9]{1,2})?$")) == 4


# --- issue 13: nothing is changed silently ----------------------------------------------


@pytest.mark.parametrize(("value", "lex"), [
    ("5\n", "LEX-002"), ("12.500\n", "LEX-002"), (" 5", "LEX-002"), ("5\u00a0", "LEX-002"),
    ("\u0661\u0662.\u0665", "LEX-001"), ("\uff15", "LEX-001"), ("5\x1f0", "LEX-003"),
])
def test_decimal_with_a_lexical_fault_is_refused_not_repaired(value: str, lex: str) -> None:
    """1.0.0 accepted "5\\n" as 5: the pattern's $ matched before the newline (Python re)
    and Decimal() stripped it."""
    report = _order(_set("ordered_quantity.value", value))
    [finding] = report
    assert (finding.rule_id, finding.path) == ("SCH-007", "$.ordered_quantity.value")
    assert lex in finding.message


@pytest.mark.parametrize(("stamp", "lex"), [
    ("2026-03-02T06:00:00.1234567+01:00", "LEX-004"),
    ("2026-03-02T06:00:00.123456789+01:00", "LEX-004"),
    ("2026-03-02", "LEX-005"),
    ("\u0662\u0660\u0662\u0666-03-02T06:00:00+01:00", "LEX-001"),
    ("2026-03-02T06:00:00+01:00\n", "LEX-002"),
])
def test_timestamp_that_would_change_is_refused(stamp: str, lex: str) -> None:
    """1.0.0 cut 7-9 fractional digits to microseconds without a finding."""
    report = _order(_set("scheduled_start", stamp))
    [finding] = report
    assert (finding.rule_id, finding.path) == ("SCH-005", "$.scheduled_start")
    assert lex in finding.message


def test_microseconds_are_kept_exactly() -> None:
    order = ProductionOrder.model_validate(
        {**_load("production_order"), "scheduled_start": "2026-03-02T06:00:00.123456+01:00"})
    assert order.scheduled_start is not None and order.scheduled_start.microsecond == 123456


def test_null_optional_list_is_absent_like_the_json_schema_says() -> None:
    """1.0.0's JSON Schema allowed null for an optional list; the models refused it."""
    order = ProductionOrder.model_validate({**_load("production_order"), "components": None})
    assert order.components == [] and "components" not in order.to_json_dict()


_DECIMAL_TEXTS = [
    "0", "-0", "0.0", "-0.000", "0E-7", "-0E-9", "0E+3", "-0E+2", "1", "-1", "12.500", "100",
    "1E+1", "1E+2", "-1.5E+3", "1.000E+3", "1E-6", "1E-7", "0.000001", "0.0000001", "1.23E-7",
    "-4.5E-12", "123456789012345678901234567890.000000000000000000000001", "9" * 60,
    "1E+999999", "1E-999999", "-7.2E+28", "0.00000", "0.000000", "0.0000000", "NaN", "-NaN",
    "NaN123", "sNaN", "Infinity", "-Infinity", "3.14159265358979323846264338327950288",
]


def _writes_as_format_f(value: Any) -> None:
    """``format_decimal`` writes exactly what ``format(value, "f")`` writes (its 1.0 body)."""
    from canonical.models.types import format_decimal

    assert format_decimal(value) == format(value, "f"), value


@pytest.mark.parametrize("text", _DECIMAL_TEXTS)
def test_format_decimal_writes_the_same_text_as_format_f(text: str) -> None:
    import decimal

    _writes_as_format_f(Decimal(text))
    with decimal.localcontext() as context:  # str() follows the context: lowercase exponent
        context.capitals = 0
        _writes_as_format_f(Decimal(text))


def test_format_decimal_of_other_types_is_still_format_f() -> None:
    class Tagged(Decimal):
        def __str__(self) -> str:
            return "tagged"

    for value in (Tagged("1.50"), 7, -3, 2.5, Decimal("1E+1").scaleb(2)):
        _writes_as_format_f(value)


@settings(max_examples=600, deadline=None)
@given(st.decimals(allow_nan=True, allow_infinity=True)
       | st.builds(lambda digits, exponent: Decimal(digits).scaleb(exponent),
                   st.integers(-(10 ** 40), 10 ** 40), st.integers(-60, 60)))
def test_format_decimal_writes_the_same_text_as_format_f_for_any_decimal(value: Decimal) -> None:
    _writes_as_format_f(value)
