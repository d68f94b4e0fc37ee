"""A spec that uses a dialect feature wrongly: `canon mappings check` names the rule, the spec
file and the line (exit 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.cli import cli
from canonical.resources import data_dir

ORDER_IN = "ERP_PL.ProductionOrder.inbound.yaml"
ORDER_OUT = "MES_PL.ProductionOrder.outbound.yaml"
LIMS = "LIMS_PL.QualityResult.inbound.yaml"
CONFIRMATION_OUT = "ERP_PL.Operation.outbound.yaml"
CONFIRMATION_IN = "MES_PL.Operation.inbound.yaml"

MISUSES = [
    # 1. a parent path above the document root; a root path where only a plain path fits
    (ORDER_OUT, "unit: ^.bom.unit", "unit: ^.^.^.bom.unit", "ENG-205"),
    (ORDER_OUT, "each: bom.lines", "each: ^.bom.lines", "ENG-205"),
    # 2. two words that read the same after normalisation but map to different values
    (CONFIRMATION_IN, "przerwana: interrupted", "przerwana: interrupted, ZAKONCZONA: interrupted",
     "ENG-011"),
    # 3. convert without the fixed unit to convert to
    (CONFIRMATION_OUT, "{value: OpConfirmedWorkQuantity1, unit_value: H, convert: true}",
     "{value: OpConfirmedWorkQuantity1, unit: WorkUnit1, convert: true}", "ENG-206"),
    # 3. places without convert, or not a number of decimals
    (CONFIRMATION_OUT, "{value: OpConfirmedWorkQuantity1, unit_value: H, convert: true}",
     "{value: OpConfirmedWorkQuantity1, unit_value: H, places: 3}", "ENG-206"),
    (CONFIRMATION_OUT, "{value: OpConfirmedWorkQuantity1, unit_value: H, convert: true}",
     "{value: OpConfirmedWorkQuantity1, unit_value: H, convert: true, places: drei}", "ENG-206"),
    # 5. a decimal mark that is also a thousands separator
    (LIMS, 'number: {decimal: ",", group: [" ", "\\u00a0", "\\u202f"]}',
     'number: {decimal: ",", group: [","]}', "ENG-206"),
    # 6. an unknown DST policy
    (ORDER_IN, "dst: earlier", "dst: sometimes", "ENG-204"),
    # 7. a range end that is neither lower nor upper; censored into a non-text field
    (LIMS, "part: lower", "part: middle", "ENG-206"),
    (LIMS, "censored: attribute_result", "censored: verdict", "ENG-206"),
    # 9. a second field reading the same path without declaring it shared
    (ORDER_IN, "id: {path: d.ManufacturingOrder, shared: true}", "id: d.ManufacturingOrder",
     "ENG-016"),
    # 10. as_of naming something that is not a date field
    (CONFIRMATION_IN, "as_of: confirmations.confirmed_at", "as_of: confirmations.final",
     "ENG-008"),
    # 11. an unknown generated value
    (CONFIRMATION_OUT, "ConfirmationMessageId: message_id", "ConfirmationMessageId: random",
     "ENG-206"),
]


@pytest.mark.parametrize(("spec", "old", "new", "rule"), MISUSES,
                         ids=[f"{m[3]}-{i}" for i, m in enumerate(MISUSES)])
def test_mappings_check_reports_a_misused_feature_with_file_and_line(
        tmp_path: Path, spec: str, old: str, new: str, rule: str) -> None:
    folder = tmp_path / "PL03"
    shutil.copytree(data_dir("mappings") / "PL03", folder)
    path = folder / "specs" / spec
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    edited = text[:text.index(old)].count("\n") + 1
    result = CliRunner().invoke(cli, ["mappings", "check", str(folder)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if f"[{rule}]" in line]
    assert lines and all(line.startswith(f"{path}:") for line in lines), result.output
    # the line of the rule: the edited line, or the line its (multi-line) rule starts on
    reported = int(lines[0].split(":")[1].split()[0])
    assert edited - 4 <= reported <= edited, (reported, edited, result.output)
