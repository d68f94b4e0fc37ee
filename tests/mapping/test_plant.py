"""Loading plants and looking codes up: effective dating, row states, normalisation, errors."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from canonical.errors import (
    InvalidPlantError,
    PlantNotFoundError,
    UnknownSourceSystemError,
    UnknownTableError,
    UnmappedCodeError,
)
from canonical.mapping import check_plant, load_plant, shipped_plants
from canonical.mapping.domains import IDENTIFIER_PATTERN, enum_values
from canonical.mapping.domains import _enum_values_from_schema as schema_enum_values
from canonical.mapping.normalise import Normaliser, parse_steps

from .builders import make_plant, table

STATUS_HEADER = ",direction,precedence"
D = date


@pytest.fixture
def plant_dir(tmp_path: Path) -> Path:
    return make_plant(tmp_path, {
        "materials": table(
            "",
            "ERP,000042,42,2020-01-01,2023-12-31,deprecated,ann,bob,phased out",
            "ERP,000042,42-B,2024-01-01,,approved,ann,bob,successor",
            "ERP,000777,777,2024-01-01,,draft,ann,,pending",
            "MES,m-42,42-B,2024-01-01,,approved,ann,bob,",
        ),
        "order_statuses": table(
            STATUS_HEADER,
            "ERP,CNF,completed,2024-01-01,,approved,ann,bob,,,40",
            "ERP,DLV,completed,2024-01-01,,approved,ann,bob,,inbound,45",
        ),
    })


@pytest.mark.parametrize("shipped", ["DE01", "US02"])
def test_shipped_plants_pass_check_without_errors_or_warnings(shipped: str) -> None:
    report = check_plant(shipped)
    assert report.errors == (), [f.render() for f in report.errors]
    assert report.warnings == (), [f.render() for f in report.warnings]


def test_shipped_plants_are_listed_and_load() -> None:
    assert {"DE01", "US02"} <= set(shipped_plants())
    de01 = load_plant("DE01")
    assert de01.zone.key == "Europe/Berlin"
    assert load_plant("US02").zone.key == "America/Chicago"
    assert len(de01.table("materials").rows) >= 300


def test_de01_dialect() -> None:
    plant = load_plant("DE01")
    day = D(2025, 6, 1)
    assert plant.lookup("materials", "SAP_ECC", "000000000000100100", on=day) == "100100"
    assert plant.reverse("materials", "SAP_ECC", "100100", on=day) == "000000000000100100"
    assert plant.lookup("units", "SAP_ECC", "ST", on=day) == "H87"
    assert plant.lookup("order_statuses", "MES_DE", "fertig", on=day) == "completed"
    assert plant.reverse("order_statuses", "SAP_ECC", "closed", on=day) == "TECO"
    assert plant.lookup("resources", "SAP_ECC", "LACK01", on=D(2025, 3, 31)) == "DE01-WC-PAINT1"
    assert plant.lookup("resources", "SAP_ECC", "LACK01", on=D(2025, 4, 1)) == "DE01-WC-PAINT2"
    precedence = {r.source_code: int(r.extra["precedence"])
                  for r in plant.table("order_statuses").rows if r.source_system == "SAP_ECC"}
    assert precedence["PCNF"] > precedence["REL"]
    assert plant.normaliser("SAP_ECC", "operation_number").to_key("0010") == "10"
    assert plant.normaliser("SAP_ECC", "operation_number").to_source("10") == "0010"


def test_us02_dialect() -> None:
    plant = load_plant("US02")
    day = D(2025, 6, 1)
    assert plant.lookup("units", "ORACLE_EBS", "LB", on=day) == "LBR"
    assert plant.lookup("units", "MES_US", "gal", on=day) == "GLL"
    assert plant.reverse("order_statuses", "ORACLE_EBS", "completed", on=day) == "Complete"
    assert plant.normaliser("MES_US", "lot").to_source("412345") == "00412345"
    assert plant.source_systems["QA_LIMS"].outbound is False


def test_effective_dating_and_row_states(plant_dir: Path) -> None:
    plant = load_plant(plant_dir)
    assert plant.lookup("materials", "ERP", "42", on=D(2023, 12, 31)) == "42"
    assert plant.lookup_row("materials", "ERP", "42", on=D(2023, 12, 31)).status == "deprecated"
    assert plant.lookup("materials", "ERP", " 000042 ", on=D(2024, 1, 1)) == "42-B"
    with pytest.raises(UnmappedCodeError) as info:
        plant.lookup("materials", "ERP", "42", on=D(2019, 12, 31))
    assert (info.value.rule_id, info.value.plant, info.value.table, info.value.code,
            info.value.on) == ("MAP-101", "P1", "materials", "42", D(2019, 12, 31))
    with pytest.raises(UnmappedCodeError):  # drafts never map
        plant.lookup("materials", "ERP", "777", on=D(2025, 1, 1))
    assert plant.lookup("materials", "MES", "M-42", on=D(2025, 1, 1)) == "42-B"


def test_reverse_lookup_skips_deprecated_and_inbound_only_rows(plant_dir: Path) -> None:
    plant = load_plant(plant_dir)
    assert plant.reverse("materials", "ERP", "42-B", on=D(2025, 1, 1)) == "000042"
    with pytest.raises(UnmappedCodeError) as info:
        plant.reverse("materials", "ERP", "42", on=D(2023, 6, 1))  # deprecated: inbound only
    assert info.value.direction == "outbound"
    assert plant.reverse("order_statuses", "ERP", "completed", on=D(2025, 1, 1)) == "CNF"
    assert plant.lookup("order_statuses", "ERP", "DLV", on=D(2025, 1, 1)) == "completed"


def test_lookup_defaults_to_today_in_plant_zone(plant_dir: Path) -> None:
    plant = load_plant(plant_dir)
    assert plant.lookup("materials", "ERP", "42") == "42-B"


def test_unknown_names_raise_lookup_errors(plant_dir: Path) -> None:
    plant = load_plant(plant_dir)
    with pytest.raises(UnknownTableError):
        plant.lookup("materialz", "ERP", "42")
    with pytest.raises(UnknownSourceSystemError):
        plant.lookup("materials", "SAP", "42")
    with pytest.raises(UnmappedCodeError):  # a known table the plant does not ship
        plant.lookup("locations", "ERP", "0001", on=D(2025, 1, 1))


def test_plant_is_immutable(plant_dir: Path) -> None:
    plant = load_plant(plant_dir)
    with pytest.raises(dataclasses.FrozenInstanceError):
        plant.config = plant.config  # type: ignore[misc]
    with pytest.raises(TypeError):
        plant.tables["materials"] = plant.tables["materials"]  # type: ignore[index]


def test_load_refuses_plant_with_errors(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": table(
        "", "ERP,42,42,2024-01-01,,approved,ann,bob,", "ERP,42,43,2024-01-01,,approved,ann,bob,")})
    with pytest.raises(InvalidPlantError) as info:
        load_plant(folder)
    assert (info.value.rule_id, info.value.line) == ("MAP-051", 3)
    assert "MAP-051" in info.value.report.rule_ids()


def test_unknown_plant_names_shipped_ones() -> None:
    with pytest.raises(PlantNotFoundError) as info:
        load_plant("XX99")
    assert info.value.rule_id == "MAP-001" and "DE01" in info.value.known


def test_plant_yaml_path_is_accepted(plant_dir: Path) -> None:
    assert load_plant(plant_dir / "plant.yaml").id == "P1"


@pytest.mark.parametrize(("steps", "inbound", "expected_key", "outbound"), [
    (["trim", "strip_leading_zeros"], " 000123 ", "123", "123"),
    (["strip_leading_zeros"], "0000", "0", "0"),
    (["strip_leading_zeros"], "00A1", "00A1", "00A1"),  # only all-digit values (SAP ALPHA)
    (["trim", "upper"], " ab-1 ", "AB-1", "AB-1"),
    (["lower"], "AB", "ab", "ab"),
])
def test_normalisation_steps(steps: list[object], inbound: str, expected_key: str,
                             outbound: str) -> None:
    normaliser = Normaliser(parse_steps(steps))
    assert normaliser.to_key(inbound) == expected_key
    assert normaliser.to_source(expected_key) == outbound


def test_pad_left_only_pads_digits() -> None:
    normaliser = Normaliser((), parse_steps([{"pad_left": {"width": 6, "fill": "0"}}]))
    assert normaliser.to_source("42") == "000042"
    assert normaliser.to_source("A42") == "A42"


def test_enum_values_match_schema_and_identifier_pattern(root: Path) -> None:
    for enum in ("OrderStatus", "OperationStatus", "LotStatus", "ResourceKind", "MaterialType"):
        assert enum_values(enum) == schema_enum_values(enum) != frozenset()
    schema = yaml.safe_load((root / "schemas" / "canonical.yaml").read_text(encoding="utf-8"))
    assert schema["types"]["Identifier"]["pattern"] == IDENTIFIER_PATTERN
    assert re.fullmatch(IDENTIFIER_PATTERN, "DE01-WC-1") and not re.fullmatch(IDENTIFIER_PATTERN, " x")
