"""``canon convert`` and ``canon units``: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli.units import convert, units

ROOT = Path(__file__).resolve().parents[2]
MATERIALS = ROOT / "examples" / "records" / "material.json"


def run(command, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(command, list(args))


def test_convert_text() -> None:
    result = run(convert, "2.5", "LBR", "KGM")
    assert (result.exit_code, result.output) == (0, "1.133980925 KGM\n")


def test_convert_json() -> None:
    result = run(convert, "2.5", "LBR", "KGM", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {"value": "1.133980925", "unit": "KGM"}


def test_a_result_with_no_finite_decimal_is_rounded_with_a_note() -> None:
    result = run(convert, "2.5", "H87", "DZN")
    assert result.exit_code == 0 and result.stdout == "0.208333333333 DZN\n"
    assert "exactly 5/24 DZN" in result.stderr and "12 decimal places" in result.stderr
    result = run(convert, "2.5", "H87", "DZN", "--places", "2", "-f", "json")
    assert json.loads(result.stdout) == {"value": "0.21", "unit": "DZN", "exact": "5/24",
                                         "rounded_to_places": 2}
    assert run(convert, "1", "H87", "DZN", "--places", "1").stdout == "0.1 DZN\n"  # half-even
    assert run(convert, "18", "H87", "DZN", "--places", "0").stdout == "1.5 DZN\n"  # exact: kept
    assert run(convert, "7", "H87", "DZN", "--places", "0").stdout == "1 DZN\n"  # 7/12
    result = run(convert, "30", "H87", "DZN")  # 2.5 exactly: no rounding, no note
    assert (result.stdout, result.stderr) == ("2.5 DZN\n", "")
    assert run(convert, "1", "H87", "DZN", "--places", "31").exit_code == 2


def test_negative_value_and_plain_notation() -> None:
    assert run(convert, "-40", "CEL", "FAH").output == "-40.0 FAH\n"
    assert run(convert, "1", "MGM", "KGM").output == "0.000001 KGM\n"


@pytest.mark.parametrize(
    ("args", "code", "rule"),
    [
        (("1", "KGM", "LTR"), 1, "UOM-003"),
        (("1", "kgm", "GRM"), 1, "UOM-001"),
        (("1", "BX", "H87"), 1, "UOM-002"),
        (("1", "XBX", "H87"), 1, "UOM-003"),
        (("1.234,5", "KGM", "GRM"), 2, "UOM-004"),
        (("NaN", "KGM", "GRM"), 2, "UOM-004"),
        # issue 13: read as 12 and 7 before; refused by the shared lexical rules now
        (("\u0661\u0662", "KGM", "GRM"), 2, "LEX-001"),
        (("\uff11\uff12", "KGM", "GRM"), 2, "LEX-001"),
        ((" 7 ", "KGM", "GRM"), 2, "LEX-002"),
        (("1", "KGM"), 2, ""),
        (("1", "XBX", "H87", "--material", "4711"), 2, ""),
    ],
)
def test_convert_exit_codes(args: tuple[str, ...], code: int, rule: str) -> None:
    result = run(convert, *args)
    assert result.exit_code == code, result.output
    assert rule in result.output
    assert "Traceback" not in result.output


def test_convert_with_materials_file() -> None:
    result = run(convert, "2", "XBX", "H87", "--material", "4711", "--materials", str(MATERIALS))
    assert (result.exit_code, result.output) == (0, "24 H87\n")
    result = run(convert, "1", "XDR", "KGM", "--material", "100500", "--materials", str(MATERIALS))
    assert (result.exit_code, result.output) == (0, "184 KGM\n")


def test_convert_with_yaml_materials(tmp_path: Path) -> None:
    path = tmp_path / "materials.yaml"
    path.write_text(
        "- id: M1\n  description: bolts\n  type: raw_material\n  base_unit: H87\n"
        "  lot_controlled: false\n  serial_controlled: false\n"
        "  alternative_units:\n    - {unit: XBX, numerator: '12', denominator: '1'}\n",
        encoding="utf-8",
    )
    result = run(convert, "1", "XBX", "H87", "--material", "M1", "--materials", str(path))
    assert (result.exit_code, result.output) == (0, "12 H87\n")


def test_convert_material_problems(tmp_path: Path) -> None:
    missing = run(convert, "1", "XBX", "H87", "--material", "NOPE", "--materials", str(MATERIALS))
    assert missing.exit_code == 1 and "UOM-005" in missing.output
    no_factor = run(convert, "1", "XBX", "KGM", "--material", "4711", "--materials", str(MATERIALS))
    assert no_factor.exit_code == 1 and "UOM-003" in no_factor.output
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    unreadable = run(convert, "1", "XBX", "H87", "--material", "M", "--materials", str(broken))
    assert unreadable.exit_code == 2
    absent = run(convert, "1", "XBX", "H87", "--material", "M", "--materials", str(tmp_path / "x"))
    assert absent.exit_code == 2
    zero = tmp_path / "zero.json"
    zero.write_text(json.dumps({
        "id": "Z", "description": "z", "type": "raw_material", "base_unit": "KGM",
        "lot_controlled": False, "serial_controlled": False,
        "alternative_units": [{"unit": "XDR", "numerator": "200", "denominator": "0"}],
    }), encoding="utf-8")
    result = run(convert, "1", "XDR", "KGM", "--material", "Z", "--materials", str(zero))
    assert result.exit_code in (1, 2) and "Traceback" not in result.output


def test_units_list_and_show() -> None:
    listed = run(units, "list", "--dimension", "mass")
    assert listed.exit_code == 0
    codes = [line.split()[0] for line in listed.output.splitlines()]
    assert "KGM" in codes and "LBR" in codes and "MTR" not in codes
    shown = run(units, "show", "LBR", "--format", "json")
    assert shown.exit_code == 0
    assert json.loads(shown.output)["factor"] == "0.45359237"
    assert run(units, "show", "BX").exit_code == 1
    assert run(units, "list", "--dimension", "weight").exit_code == 2
