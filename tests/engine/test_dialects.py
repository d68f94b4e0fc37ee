"""The dialect features plants really send, each inbound, outbound and round trip (PL03's specs
and tables; docs/guides/mapping-engine.md, "What a spec can express")."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from canonical.engine import from_canonical, plans_for, to_canonical
from canonical.engine.context import split_path
from canonical.engine.events import message_id
from canonical.engine.numbers import NumberFormat
from canonical.engine.spec import Direction
from canonical.errors import MappingError
from canonical.mapping import Plant
from canonical.mapping.normalise import Normaliser, parse_steps
from canonical.models import Operation, ProductionOrder, QualityResult, Quantity

from .conftest import native


@pytest.fixture(scope="module")
def pl03() -> Plant:
    from canonical.mapping import load_plant

    return load_plant("PL03")


def _order(**changes: Any) -> dict[str, Any]:
    payload = copy.deepcopy(native("PL03", "order-release.s4.json"))
    payload["d"].update(changes)
    return payload


def _lims(name: str = "quality.lims.json", **changes: Any) -> dict[str, Any]:
    payload = copy.deepcopy(native("PL03", name))
    payload.update(changes)
    return payload


def _confirmation(**changes: Any) -> dict[str, Any]:
    payload = copy.deepcopy(native("PL03", "confirmation.mes.json"))
    for key, value in changes.items():
        section, field = key.split("__")
        payload[section][field] = value
    return payload


def _rules(plant: Plant, entity: str, payload: object, source: str) -> list[tuple[str, str]]:
    result = to_canonical(plant, entity, payload, source=source, lenient=True)
    return [(f.rule_id, f.path) for f in result.report]


# 1. a list item reads a field of its parent or of the document root ----------------------
def test_items_read_the_unit_at_the_document_root(pl03: Plant) -> None:
    op = to_canonical(pl03, "Operation", _confirmation(order__uom="szt"), source="MES_PL")
    assert isinstance(op, Operation)
    assert op.confirmations[0].yield_quantity == Quantity(value=Decimal(118), unit="H87")


def test_the_unit_of_all_bom_lines_is_written_once_to_the_parent(pl03: Plant) -> None:
    order = to_canonical(pl03, "ProductionOrder", _order(), source="ERP_PL")
    out = from_canonical(pl03, order, target="MES_PL")
    assert out["bom"]["unit"] == "szt" and all("unit" not in line for line in out["bom"]["lines"])


def test_bom_lines_that_disagree_on_the_shared_unit_are_reported(pl03: Plant) -> None:
    order = to_canonical(pl03, "ProductionOrder", _order(), source="ERP_PL")
    assert isinstance(order, ProductionOrder)
    litres = order.components[1].model_copy(
        update={"quantity": Quantity(value=Decimal(1), unit="LTR")})
    broken = order.model_copy(update={"components": [order.components[0], litres]})
    result = from_canonical(pl03, broken, target="MES_PL", lenient=True)
    assert result.value is None and "ENG-112" in result.report.rule_ids()


# 2. several native words to one value, matched after the system's normalisation ----------
@pytest.mark.parametrize("word", ["Zakończona", "ZAKOŃCZONA", "zakonczona", " Zakonczona "])
def test_status_words_in_any_case_and_accents(pl03: Plant, word: str) -> None:
    op = to_canonical(pl03, "Operation", _confirmation(operation__state=word), source="MES_PL")
    assert isinstance(op, Operation) and op.status.value == "completed"


def test_an_unknown_word_is_reported_not_guessed(pl03: Plant) -> None:
    found = _rules(pl03, "Operation", _confirmation(operation__state="skończona"), "MES_PL")
    assert ("ENG-113", "$.operation.state") in found


def test_the_first_listed_word_is_written_back(pl03: Plant) -> None:
    plan = plans_for(pl03).plan("MES_PL", "Operation", Direction.INBOUND)
    assert plan is not None
    op = to_canonical(pl03, "Operation", _confirmation(operation__state="ZAKONCZONA"),
                      source="MES_PL")
    assert isinstance(op, Operation)
    out, ctx = plan.encode(op)
    assert ctx.findings == [] and out["operation"]["state"] == "zakończona"


# 3. outbound conversion to the fixed unit the target expects ------------------------------
def test_minutes_are_sent_to_the_erp_in_hours(pl03: Plant) -> None:
    op = to_canonical(pl03, "Operation", _confirmation(confirmation__laborMinutes=90),
                      source="MES_PL")
    out = from_canonical(pl03, op, target="ERP_PL")
    assert Decimal(out["OpConfirmedWorkQuantity1"]) == Decimal("1.5")


def test_a_time_in_hours_reads_back_as_the_same_duration(pl03: Plant) -> None:
    plan = plans_for(pl03).plan("ERP_PL", "Operation", Direction.OUTBOUND)
    assert plan is not None
    payload = native("PL03", "confirmation.s4-out.json")
    data, ctx = plan.decode(payload)
    labor = Operation.model_validate(data).confirmations[0].labor_time
    assert ctx.findings == [] and labor == Quantity(value=Decimal("1.6"), unit="HUR")


def test_a_unit_that_does_not_convert_is_a_finding(pl03: Plant) -> None:
    op = to_canonical(pl03, "Operation", _confirmation(), source="MES_PL")
    assert isinstance(op, Operation)
    confirmation = op.confirmations[0].model_copy(
        update={"labor_time": Quantity(value=Decimal(3), unit="H87")})
    broken = op.model_copy(update={"confirmations": [confirmation]})
    result = from_canonical(pl03, broken, target="ERP_PL", lenient=True)
    assert result.value is None and "ENG-110" in result.report.rule_ids()


@pytest.mark.parametrize("minutes", ["1", "10", "0.5"])
def test_a_time_that_has_no_exact_value_in_hours_is_a_finding_not_a_traceback(
        pl03: Plant, minutes: str) -> None:
    """1 min is 0.01666... h: the ERP's fixed unit cannot carry it exactly."""
    op = to_canonical(pl03, "Operation", _confirmation(), source="MES_PL")
    assert isinstance(op, Operation)
    confirmation = op.confirmations[0].model_copy(
        update={"labor_time": Quantity(value=Decimal(minutes), unit="MIN")})
    broken = op.model_copy(update={"confirmations": [confirmation]})
    result = from_canonical(pl03, broken, target="ERP_PL", lenient=True)
    assert result.value is None
    found = [f for f in result.report if f.rule_id == "ENG-110"]
    assert found and f"{minutes} MIN" in found[0].message


def test_a_converted_amount_is_checked_as_the_model_checks_it_after_its_unit_was_seen(
        pl03: Plant) -> None:
    """The fixed unit is checked by the whole Quantity model once; later amounts in it by the
    model's amount checks alone: still refused (ENG-110) when they do not fit, and the same
    amounts as ``Quantity.model_validate`` accepts are accepted."""
    from canonical.engine.quantity import _check_quantity

    op = to_canonical(pl03, "Operation", _confirmation(), source="MES_PL")
    assert isinstance(op, Operation)
    for minutes, fits in (("90", True), ("1", False), ("30", True), ("7", False)):
        confirmation = op.confirmations[0].model_copy(
            update={"labor_time": Quantity(value=Decimal(minutes), unit="MIN")})
        result = from_canonical(pl03, op.model_copy(update={"confirmations": [confirmation]}),
                                target="ERP_PL", lenient=True)
        assert (result.value is not None) is fits, minutes
        assert any(f.rule_id == "ENG-110" for f in result.report) is not fits
    for amount in (Decimal("1.5"), Decimal(1) / Decimal(60), Decimal("1E+30"), Decimal("NaN")):
        try:
            Quantity.model_validate({"value": amount, "unit": "HUR"})
            accepted = True
        except ValueError:
            accepted = False
        try:
            _check_quantity(amount, "HUR")
            assert accepted, amount
        except ValueError:
            assert not accepted, amount


@pytest.mark.parametrize(("minutes", "hours"), [("1", "0.017"), ("10", "0.167"),
                                                ("0.5", "0.008"), ("90", "1.500")])
def test_declared_places_round_a_converted_time_to_the_targets_decimals(
        tmp_path: Any, minutes: str, hours: str) -> None:
    """An ERP that keeps work quantities with 3 decimals: ``places: 3`` in the spec."""
    from canonical.mapping import load_plant

    folder = _copy_plant(tmp_path)
    _edit(folder, "ERP_PL.Operation.outbound.yaml",
          "{value: OpConfirmedWorkQuantity1, unit_value: H, convert: true}",
          "{value: OpConfirmedWorkQuantity1, unit_value: H, convert: true, places: 3}")
    plant = load_plant(folder)
    op = to_canonical(plant, "Operation", _confirmation(), source="MES_PL")
    assert isinstance(op, Operation)
    confirmation = op.confirmations[0].model_copy(
        update={"labor_time": Quantity(value=Decimal(minutes), unit="MIN")})
    out = from_canonical(plant, op.model_copy(update={"confirmations": [confirmation]}),
                         target="ERP_PL")
    assert out["OpConfirmedWorkQuantity1"] == hours


# 4. case-insensitive reading, case-preserving writing (codes) ----------------------------
@pytest.mark.parametrize("reason", ["NIESZCZELNOŚĆ", "nieszczelnosc", "Nieszczelność"])
def test_codes_read_in_any_case_are_written_as_the_table_spells_them(
        pl03: Plant, reason: str) -> None:
    op = to_canonical(pl03, "Operation", _confirmation(confirmation__scrapReason=reason),
                      source="MES_PL")
    assert isinstance(op, Operation) and op.confirmations[0].reason_code == "SCRAP-LEAK"
    plan = plans_for(pl03).plan("MES_PL", "Operation", Direction.INBOUND)
    assert plan is not None
    out, _ = plan.encode(op)
    assert out["confirmation"]["scrapReason"] == "Nieszczelność"


# 5. locale numbers ------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["1 234,5", "1\u00a0234,5", "1\u202f234,5", "1234,5"])
def test_thousands_separators_with_a_decimal_comma(pl03: Plant, text: str) -> None:
    result = to_canonical(pl03, "QualityResult", _lims(RESULT=text, SPEC="1 000 - 2\u00a0000"),
                          source="LIMS_PL")
    assert isinstance(result, QualityResult) and result.measured_value is not None
    assert result.measured_value.value == Decimal("1234.5")


@pytest.mark.parametrize("text", ["1.23,5", "1 23,5", "46.2", "1,234,5"])
def test_a_number_that_is_not_in_the_declared_form_is_refused(pl03: Plant, text: str) -> None:
    assert ("ENG-106", "$.RESULT") in _rules(pl03, "QualityResult", _lims(RESULT=text),
                                             "LIMS_PL")


@pytest.mark.parametrize("text", ["1 234,5", "0,02", "12"])
def test_a_number_format_decides_its_own_mark_beside_decimal_comma(tmp_path: Any,
                                                                   text: str) -> None:
    """A spec may say ``decimal_comma: true`` (for its plain decimal fields) and declare a
    number format as well: the format reads its own numbers (it once refused every
    fraction, reading its plain digits as if they had to hold a comma)."""
    folder = _copy_plant(tmp_path)
    _edit(folder, "LIMS_PL.QualityResult.inbound.yaml", "as_of: inspected_at",
          "as_of: inspected_at\ndecimal_comma: true")
    from canonical.mapping import load_plant

    result = to_canonical(load_plant(folder), "QualityResult",
                          _lims(RESULT=text, SPEC="0 - 2 000"), source="LIMS_PL", lenient=True)
    assert [f.rule_id for f in result.report] == []
    assert isinstance(result.value, QualityResult) and result.value.measured_value is not None
    assert result.value.measured_value.value == Decimal(text.replace(" ", "").replace(",", "."))


def test_numbers_are_written_with_the_declared_decimal_mark(pl03: Plant) -> None:
    plan = plans_for(pl03).plan("LIMS_PL", "QualityResult", Direction.INBOUND)
    assert plan is not None
    result = to_canonical(pl03, "QualityResult", _lims(RESULT="1 234,5", SPEC="1 000,5 - 2 000"),
                          source="LIMS_PL")
    out, _ = plan.encode(result)  # type: ignore[arg-type]
    assert out["RESULT"] == "1234,5" and out["SPEC"] == "1000,5 - 2000"
    assert NumberFormat(",", frozenset(" ")).write(Decimal("-0.50")) == "-0,50"


# 6. local times on the autumn DST change --------------------------------------------------
def test_the_repeated_hour_is_read_by_the_declared_policy_and_reported(pl03: Plant) -> None:
    """dst: earlier is the contract's documented reading: LEX-006 (info), as main's lexical
    rules report it; dst: later departs from it: ENG-203 (warning), below."""
    payload = _order(MfgOrderPlannedStartDate="2026-10-25", MfgOrderPlannedStartTime="02:30:00")
    result = to_canonical(pl03, "ProductionOrder", payload, source="ERP_PL", lenient=True)
    assert isinstance(result.value, ProductionOrder)
    assert result.value.scheduled_start == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # CEST
    assert [(f.rule_id, f.severity.value) for f in result.report] == [("LEX-006", "info")]


def test_the_later_policy_reads_the_second_occurrence(pl03: Plant, tmp_path: Any) -> None:
    folder = _copy_plant(tmp_path)
    _edit(folder, "ERP_PL.ProductionOrder.inbound.yaml", "dst: earlier", "dst: later")
    from canonical.mapping import load_plant

    payload = _order(MfgOrderPlannedStartDate="2026-10-25", MfgOrderPlannedStartTime="02:30:00")
    result = to_canonical(load_plant(folder), "ProductionOrder", payload, source="ERP_PL",
                          lenient=True)
    assert isinstance(result.value, ProductionOrder)
    assert result.value.scheduled_start == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # CET
    assert [(f.rule_id, f.severity.value) for f in result.report] == [("ENG-203", "warning")]


def test_the_refuse_policy_refuses_the_repeated_hour(tmp_path: Any) -> None:
    folder = _copy_plant(tmp_path)
    _edit(folder, "ERP_PL.ProductionOrder.inbound.yaml", "dst: earlier", "dst: refuse")
    from canonical.mapping import load_plant

    payload = _order(MfgOrderPlannedStartDate="2026-10-25", MfgOrderPlannedStartTime="02:30:00")
    result = to_canonical(load_plant(folder), "ProductionOrder", payload, source="ERP_PL",
                          lenient=True)
    assert result.value is None
    assert [(f.rule_id, f.severity.value) for f in result.report] == [("ENG-202", "error")]


def test_an_ambiguous_time_is_written_back_as_the_same_instant(pl03: Plant) -> None:
    plan = plans_for(pl03).plan("ERP_PL", "ProductionOrder", Direction.INBOUND)
    assert plan is not None
    payload = _order(MfgOrderPlannedStartDate="2026-10-25", MfgOrderPlannedStartTime="02:30:00")
    order = to_canonical(pl03, "ProductionOrder", payload, source="ERP_PL")
    out, _ = plan.encode(order)  # type: ignore[arg-type]
    assert out["d"]["MfgOrderPlannedStartTime"] == "02:30:00"


# 7. LIMS: a range in one string, censored results -----------------------------------------
def test_a_range_in_one_cell_gives_both_limits(pl03: Plant) -> None:
    result = to_canonical(pl03, "QualityResult", _lims(SPEC="41,4 \u2013 50,6"), source="LIMS_PL")
    assert isinstance(result, QualityResult) and result.specification is not None
    assert result.specification.lower_limit == Quantity(value=Decimal("41.4"), unit="4C")
    assert result.specification.upper_limit == Quantity(value=Decimal("50.6"), unit="4C")


def test_a_cell_that_is_not_a_range_is_refused(pl03: Plant) -> None:
    found = _rules(pl03, "QualityResult", _lims(SPEC="41,4"), "LIMS_PL")
    assert found.count(("ENG-106", "$.SPEC")) == 2  # one finding per limit


@pytest.mark.parametrize(("text", "expected"), [("< 0,02", "< 0.02 P1"), ("> 100", "> 100 P1"),
                                                ("<= 0,5", "<= 0.5 P1")])
def test_a_censored_result_is_kept_as_text_not_as_a_value(pl03: Plant, text: str,
                                                          expected: str) -> None:
    result = to_canonical(pl03, "QualityResult", _lims("quality-water.lims.json", RESULT=text),
                          source="LIMS_PL")
    assert isinstance(result, QualityResult)
    assert result.measured_value is None and result.attribute_result == expected


def test_a_censored_result_is_written_back_to_the_result_field(pl03: Plant) -> None:
    result = to_canonical(pl03, "QualityResult", _lims("quality-water.lims.json"),
                          source="LIMS_PL")
    out = from_canonical(pl03, result, target="ERP_PL")
    assert (out["ResultValue"], out["ResultUnit"]) == ("< 0.02", "%")


# 8. Unicode NFC as a declared step --------------------------------------------------------
def test_decomposed_text_is_read_as_the_composed_word(pl03: Plant) -> None:
    decomposed = "Nieszczelnos\u0301c\u0301"  # what some terminals send for "Nieszczelność"
    op = to_canonical(pl03, "Operation", _confirmation(confirmation__scrapReason=decomposed),
                      source="MES_PL")
    assert isinstance(op, Operation) and op.confirmations[0].reason_code == "SCRAP-LEAK"
    assert Normaliser(parse_steps(["nfc"])).to_key(decomposed) == "Nieszczelność"


# 9. one native field feeding two canonical fields -----------------------------------------
def test_the_order_number_is_also_the_erp_reference(pl03: Plant) -> None:
    order = to_canonical(pl03, "ProductionOrder", _order(), source="ERP_PL")
    assert isinstance(order, ProductionOrder)
    assert (order.id, order.external_references[0].id) == ("PL03-4000871", "4000871")


def test_two_fields_sharing_a_path_must_agree_when_written(pl03: Plant) -> None:
    plan = plans_for(pl03).plan("ERP_PL", "ProductionOrder", Direction.INBOUND)
    assert plan is not None
    order = to_canonical(pl03, "ProductionOrder", _order(), source="ERP_PL")
    assert isinstance(order, ProductionOrder)
    reference = order.external_references[0].model_copy(update={"id": "4000999"})
    _, ctx = plan.encode(order.model_copy(update={"external_references": [reference]}))
    assert [f.rule_id for f in ctx.findings] == ["ENG-112"]


# 10. as_of from a nested field ------------------------------------------------------------
def test_the_date_of_a_confirmation_selects_the_table_rows(pl03: Plant) -> None:
    plan = plans_for(pl03).plan("MES_PL", "Operation", Direction.INBOUND)
    assert plan is not None
    _, ctx = plan.decode(_confirmation())
    assert ctx.day == date(2026, 10, 26)
    op = to_canonical(pl03, "Operation", _confirmation(), source="MES_PL")
    assert plans_for(pl03).plan("ERP_PL", "Operation", Direction.OUTBOUND).day_of(  # type: ignore[union-attr]
        op) == date(2026, 10, 26)


# 11. outbound values generated from the message -------------------------------------------
def test_the_message_id_is_deterministic(pl03: Plant) -> None:
    order = to_canonical(pl03, "ProductionOrder", _order(), source="ERP_PL")
    assert isinstance(order, ProductionOrder)
    first = from_canonical(pl03, order, target="MES_PL")["meta"]
    again = from_canonical(pl03, order, target="MES_PL")["meta"]
    other = from_canonical(pl03, order.model_copy(update={"priority": 5}), target="MES_PL")
    assert first["messageId"] == again["messageId"] == message_id("PL03", "MES_PL", order)
    assert other["meta"]["messageId"] != first["messageId"]


def test_a_generated_field_is_known_inbound(pl03: Plant) -> None:
    plan = plans_for(pl03).plan("ERP_PL", "InventoryTransaction", Direction.OUTBOUND)
    assert plan is not None
    _, ctx = plan.decode(native("PL03", "consumption.s4-out.json"))
    assert ctx.findings == []


# 12. JSON keys that contain a dot ---------------------------------------------------------
def test_a_dotted_key_is_one_key() -> None:
    assert split_path(r"d.@odata\.etag") == ("d", "@odata.etag")


def test_odata_annotations_are_declared_and_others_reported(pl03: Plant) -> None:
    assert _rules(pl03, "ProductionOrder", _order(), "ERP_PL") == []
    payload = _order(**{"@odata.metadataEtag": "W/\"1\""})
    assert _rules(pl03, "ProductionOrder", payload, "ERP_PL") == [
        ("ENG-103", "$.d.@odata.metadataEtag")]


def test_a_missing_order_number_is_reported_once_per_field(pl03: Plant) -> None:
    payload = _order()
    del payload["d"]["ManufacturingOrder"]
    with pytest.raises(MappingError) as caught:
        to_canonical(pl03, "ProductionOrder", payload, source="ERP_PL")
    assert {f.rule_id for f in caught.value.findings} == {"ENG-101"}


# helpers for the policy variants --------------------------------------------------------
def _copy_plant(tmp_path: Any) -> Any:
    import shutil

    from canonical.resources import data_dir

    folder = tmp_path / "PL03"
    shutil.copytree(data_dir("mappings") / "PL03", folder)
    return folder


def _edit(folder: Any, spec: str, old: str, new: str) -> int:
    """Replace ``old`` in a spec file; the line number of the change."""
    path = folder / "specs" / spec
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1
