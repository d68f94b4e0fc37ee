"""validate(Material) also runs the unit checks of the material's declarations."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from canonical import Material, validate

MATERIALS = json.loads(
    (Path(__file__).resolve().parents[2] / "examples" / "records" / "material.json").read_text()
)


def test_contradicting_factor_is_found_by_validate() -> None:
    mat = copy.deepcopy(MATERIALS[1])  # base KGM
    mat["alternative_units"].append({"unit": "GRM", "numerator": "0.45", "denominator": "1"})
    report = validate(mat, entity="Material")
    assert report.rule_ids() == ["UOM-008"]
    assert report.findings[0].path == "$.alternative_units[1].unit"


def test_consistent_declarations_pass() -> None:
    mat = copy.deepcopy(MATERIALS[1])
    mat["alternative_units"].append({"unit": "GRM", "numerator": "1", "denominator": "1000"})
    assert validate(mat, entity="Material").ok


def test_mat_rules_are_not_repeated_by_unit_rules() -> None:
    mat = copy.deepcopy(MATERIALS[0])
    mat["alternative_units"][0]["denominator"] = "0"
    assert validate(mat, entity="Material").rule_ids() == ["MAT-001"]


def test_edited_instance_with_an_untransportable_decimal_is_found() -> None:
    mat = Material.model_validate(MATERIALS[0])
    from decimal import Decimal

    mat.alternative_units[0].numerator = Decimal(1) / Decimal(3)  # 28 places: cannot travel
    assert "SCH-007" in validate(mat).rule_ids()


def test_unit_findings_of_a_layout_are_those_of_check_material_for_every_material() -> None:
    from canonical.units import check_material

    mat = copy.deepcopy(MATERIALS[1])
    mat["alternative_units"].append({"unit": "GRM", "numerator": "0.450", "denominator": "1"})
    expected = list(check_material(Material.model_validate(mat)))
    for material_id in ("100310", "100311"):  # the second is served by the remembered layout
        mat["id"] = material_id
        assert list(validate(mat, entity="Material")) == expected
    mat["alternative_units"][-1]["numerator"] = "0.45"  # same value, written otherwise
    assert [f.message for f in validate(mat, entity="Material")] == [
        f.message for f in check_material(Material.model_validate(mat))]
