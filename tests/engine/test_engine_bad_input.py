"""Bad payloads end in one MappingError carrying every located finding (rule ids, paths)."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from canonical.engine import MappingResult, from_canonical, to_canonical
from canonical.errors import MappingError
from canonical.mapping import Plant
from canonical.models import InventoryTransaction

from .conftest import native


def _findings(plant: Plant, entity: str, payload: Any, source: str) -> dict[str, str]:
    """path -> rule id of every finding (the MappingError must carry them all)."""
    with pytest.raises(MappingError) as caught:
        to_canonical(plant, entity, payload, source=source)
    return {f.path: f.rule_id for f in caught.value.findings}


def _order(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = copy.deepcopy(native("DE01", "order-release.sap.json"))
    payload.update(changes)
    return payload


def test_missing_field_wrong_type_and_unknown_code_are_all_reported(plants: dict[str, Plant]) -> None:
    payload = _order(MATNR="000000000000999999", APRIO={"x": 1})
    del payload["GAMNG"]
    found = _findings(plants["DE01"], "ProductionOrder", payload, "SAP_ECC")
    assert found == {"$.MATNR": "ENG-104", "$.APRIO": "ENG-102", "$.GAMNG": "ENG-101"}


def test_extra_nesting_is_reported_not_ignored(plants: dict[str, Plant]) -> None:
    found = _findings(plants["DE01"], "ProductionOrder", {"data": _order()}, "SAP_ECC")
    assert found["$.data"] == "ENG-103"
    assert found["$.AUFNR"] == "ENG-101"


def test_codes_with_stray_whitespace_are_trimmed_where_plant_yaml_says_so(
        plants: dict[str, Plant]) -> None:
    payload = _order(MATNR=" 000000000000100100 ", GMEIN="ST ")
    order = to_canonical(plants["DE01"], "ProductionOrder", payload, source="SAP_ECC")
    assert (order.material, order.ordered_quantity.unit) == ("100100", "H87")


def test_codes_with_stray_whitespace_are_unmapped_without_a_trim_rule(
        plants: dict[str, Plant]) -> None:
    payload = copy.deepcopy(native("US02", "quality.lims.json"))
    payload["units"] = " in"  # QA_LIMS declares no normalisation
    found = _findings(plants["US02"], "QualityResult", payload, "QA_LIMS")
    assert found == {"$.units": "ENG-104"}


def test_identifier_with_whitespace_fails_validation_at_the_source_path(
        plants: dict[str, Plant]) -> None:
    payload = copy.deepcopy(native("DE01", "confirmation.mes.json"))
    payload["rueckmeldung"] = " RM-1"
    found = _findings(plants["DE01"], "Operation", payload, "MES_DE")
    assert found == {"$.rueckmeldung": "ENG-120"}


def test_duplicated_operations(plants: dict[str, Plant]) -> None:
    payload = _order()
    payload["OPERATIONS"].append(dict(payload["OPERATIONS"][0]))
    found = _findings(plants["DE01"], "ProductionOrder", payload, "SAP_ECC")
    assert found == {"$.OPERATIONS[6].VORNR": "ENG-111"}


def test_comma_decimals_need_a_declared_decimal_comma(plants: dict[str, Plant]) -> None:
    found = _findings(plants["DE01"], "ProductionOrder", _order(GAMNG="50,5"), "SAP_ECC")
    assert found == {"$.GAMNG": "ENG-106"}
    # MES_DE declares decimal_comma: "21,250" is 21.250
    tx = to_canonical(plants["DE01"], "InventoryTransaction",
                      native("DE01", "consumption.mes.json"), source="MES_DE")
    assert isinstance(tx, InventoryTransaction) and tx.quantity.value == Decimal("21.250")


def test_float_amounts_are_refused(plants: dict[str, Plant]) -> None:
    payload = copy.deepcopy(native("US02", "consumption.mes.json"))
    payload["qty"] = 62.5  # a binary float, not a JSON number read as Decimal
    found = _findings(plants["US02"], "InventoryTransaction", payload, "MES_US")
    assert found == {"$.qty": "ENG-102"}


def test_dates_in_the_wrong_format(plants: dict[str, Plant]) -> None:
    found = _findings(plants["DE01"], "ProductionOrder", _order(GSTRP="02.03.2026"), "SAP_ECC")
    assert found == {"$.GSTRP": "ENG-108"}


def test_naive_time_where_an_offset_is_required(plants: dict[str, Plant]) -> None:
    payload = copy.deepcopy(native("US02", "consumption.mes.json"))
    payload["timestamp"] = "2026-03-09T08:05:00"
    found = _findings(plants["US02"], "InventoryTransaction", payload, "MES_US")
    assert found == {"$.timestamp": "ENG-109"}


def test_naive_time_gets_the_plant_zone_and_a_dst_gap_is_refused(plants: dict[str, Plant]) -> None:
    # DE01 SAP times are plant-local: 2026-03-29 02:30 does not exist in Europe/Berlin
    found = _findings(plants["DE01"], "ProductionOrder",
                      _order(GSTRP="20260329", GSTRS="023000"), "SAP_ECC")
    assert found == {"$.GSTRP": "ENG-109"}


def test_unknown_status_flag_and_no_flag(plants: dict[str, Plant]) -> None:
    found = _findings(plants["DE01"], "ProductionOrder", _order(STTXT="REL XYZ"), "SAP_ECC")
    assert found == {"$.STTXT": "ENG-104"}
    found = _findings(plants["DE01"], "ProductionOrder", _order(STTXT="PRC MACM"), "SAP_ECC")
    assert found == {"$.STTXT": "ENG-105"}


def test_status_flags_resolve_by_precedence(plants: dict[str, Plant]) -> None:
    order = to_canonical(plants["DE01"], "ProductionOrder", _order(STTXT="REL PCNF DLV"),
                         source="SAP_ECC")
    assert order.status.value == "completed"  # DLV (45) beats PCNF (30) and REL (20)


def test_native_constant_mismatch(plants: dict[str, Plant]) -> None:
    found = _findings(plants["DE01"], "ProductionOrder", _order(WERKS="US02"), "SAP_ECC")
    assert found == {"$.WERKS": "ENG-112"}


def test_lenient_mode_returns_findings_and_no_partial_object(plants: dict[str, Plant]) -> None:
    result = to_canonical(plants["DE01"], "ProductionOrder", _order(MATNR="1"),
                          source="SAP_ECC", lenient=True)
    assert isinstance(result, MappingResult)
    assert result.value is None and not result.ok
    assert result.report.rule_ids() == ["ENG-104"]


def test_lenient_mode_keeps_warnings_of_a_mapped_object(plants: dict[str, Plant]) -> None:
    payload = _order()
    payload["OPERATIONS"][5]["ARBPL"] = "LACK01"
    result = to_canonical(plants["DE01"], "ProductionOrder", payload, source="SAP_ECC",
                          lenient=True, on=date(2025, 1, 15))
    assert result.ok and result.report.rule_ids() == ["ENG-141"]  # a deprecated row was used


def test_effective_dating_picks_the_row_valid_on_the_payload_date(plants: dict[str, Plant]) -> None:
    payload = _order()
    payload["OPERATIONS"][5]["ARBPL"] = "LACK01"
    order = to_canonical(plants["DE01"], "ProductionOrder", payload, source="SAP_ECC")
    assert order.operations[5].resource == "DE01-WC-PAINT2"  # valid from 2025-04-01


def test_outbound_unmapped_canonical_code(plants: dict[str, Plant]) -> None:
    tx = to_canonical(plants["DE01"], "InventoryTransaction",
                      native("DE01", "consumption.mes.json"), source="MES_DE")
    broken = tx.model_copy(update={"from_location": "NOWHERE"})
    with pytest.raises(MappingError) as caught:
        from_canonical(plants["DE01"], broken, target="SAP_ECC")
    assert [(f.path, f.rule_id) for f in caught.value.findings] == [("$.from_location", "ENG-131")]


def test_missing_spec(plants: dict[str, Plant]) -> None:
    with pytest.raises(MappingError) as caught:
        to_canonical(plants["DE01"], "Resource", {}, source="MES_DE")
    assert caught.value.rule_id == "ENG-140"


def test_payload_that_is_not_an_object(plants: dict[str, Plant]) -> None:
    assert _findings(plants["DE01"], "Lot", ["x"], "MES_DE") == {"$": "ENG-100"}


def test_a_broken_business_rule_keeps_its_rule_id_and_canonical_path_in_fields(
        plants: dict[str, Plant]) -> None:
    """ENG-120 at the native path, the cause (ORD-001) and its canonical path as fields, not
    in the prose: a caller never parses the message."""
    payload = _order(GLTRP="20260301")  # finish before the start (2026-03-02)
    with pytest.raises(MappingError) as caught:
        to_canonical(plants["DE01"], "ProductionOrder", payload, source="SAP_ECC")
    (finding,) = [f for f in caught.value.findings if f.cause_rule_id == "ORD-001"]
    assert (finding.rule_id, finding.path) == ("ENG-120", "$.GLTRP")
    assert finding.canonical_path == "$.scheduled_end"
    assert "ORD-001" not in finding.message
    assert finding.to_dict()["cause_rule_id"] == "ORD-001"
    assert "(ORD-001 at canonical $.scheduled_end)" in finding.render()


def test_outbound_business_rule_findings_name_their_cause(plants: dict[str, Plant]) -> None:
    order = to_canonical(plants["DE01"], "ProductionOrder", _order(), source="SAP_ECC")
    assert order.scheduled_start is not None
    broken = order.model_copy(update={"scheduled_end": order.scheduled_start - timedelta(days=1)})
    result = from_canonical(plants["DE01"], broken, target="MES_DE", lenient=True)
    assert isinstance(result, MappingResult) and result.value is None
    causes = {(f.rule_id, f.cause_rule_id, f.canonical_path) for f in result.report}
    assert ("ENG-120", "ORD-001", "$.scheduled_end") in causes
