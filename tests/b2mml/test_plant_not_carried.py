"""A plant declares what its sender adds and it does not need (b2mml.yaml ``not_carried``):
reported as info B2M-304 with the plant's reason, never hidden; undeclared stays B2M-306."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_field_locales import small_plant
from xsd import FIXTURES, errors

from canonical.b2mml import read_document
from canonical.errors import B2MMLError

LOT = '''    <MaterialLotProperty>
      <ID>expires_on</ID>'''
#: a Czech WMS adds the shade and the gloss of each lot as properties the model has no field for
EXTRA = '''    <MaterialLotProperty>
      <ID>Odstín</ID>
      <Value><ValueString>RAL 5015</ValueString><DataType>string</DataType></Value>
    </MaterialLotProperty>
    <MaterialLotProperty>
      <ID>Lesk</ID>
      <Value><ValueString>matný</ValueString><DataType>string</DataType></Value>
    </MaterialLotProperty>
'''


def _document() -> bytes:
    text = (FIXTURES / "V0600" / "material_information.xml").read_text(encoding="utf-8")
    assert LOT in text
    return text.replace(LOT, EXTRA + LOT, 1).replace(">DE01<", ">CZ07<").encode()


def _by_rule(defaults: str, tmp_path: Path) -> dict[str, list[tuple[str, str]]]:
    plant = small_plant(tmp_path, "CZ07", "WMS_CZ", defaults=defaults)
    result = read_document(_document(), plant=plant, system="WMS_CZ")
    found: dict[str, list[tuple[str, str]]] = {}
    for finding in result.report:
        found.setdefault(finding.rule_id, []).append((finding.path or "", finding.message))
    return found


def _shade(entries: list[tuple[str, str]]) -> list[str]:
    return [m for p, m in entries if p.endswith("MaterialLotProperty[1]/Value[1]/ValueString[1]")]


def test_the_document_is_valid_b2mml() -> None:
    assert errors(_document()) == []


def test_undeclared_properties_are_errors(tmp_path: Path) -> None:
    found = _by_rule("", tmp_path)
    assert len(_shade(found["B2M-306"])) == 1


def test_a_property_declared_by_its_id_is_info_with_the_plant_reason(tmp_path: Path) -> None:
    found = _by_rule("source_systems:\n  WMS_CZ:\n    not_carried:\n"
                     "      MaterialLotProperty[ODSTÍN]/Value: the shade stays in the WMS\n",
                     tmp_path)
    (message,) = _shade(found["B2M-304"])
    assert "the shade stays in the WMS" in message and "declared by the plant" in message
    # the declaration names one property: the gloss beside it is still an error
    assert [p for p, _ in found["B2M-306"]] == [
        "/MaterialInformation/MaterialLot[1]/MaterialLotProperty[2]/Value[1]/ValueString[1]"]


def test_a_plain_entry_covers_every_such_child(tmp_path: Path) -> None:
    found = _by_rule("source_systems:\n  WMS_CZ:\n    not_carried:\n"
                     "      MaterialLotProperty/Value: surface data is kept in the WMS\n",
                     tmp_path)
    assert "B2M-306" not in found
    assert sum("surface data is kept in the WMS" in m for _, m in found["B2M-304"]) == 2


def test_declarations_of_another_sender_do_not_apply(tmp_path: Path) -> None:
    found = _by_rule("source_systems:\n  ERP_CZ:\n    not_carried:\n"
                     "      MaterialLotProperty/Value: surface data is kept in the WMS\n",
                     tmp_path)
    assert len(found["B2M-306"]) == 2


@pytest.mark.parametrize(("entry", "reason", "said"), [
    ("Odstin", "x", "is not Parent/Child"),
    ("MaterialLotProperty[]/Value", "x", "is not Parent/Child"),
    ("MaterialLotProperty/Value", "' '", "needs a reason"),
])
def test_a_bad_declaration_is_refused_at_its_line(tmp_path: Path, entry: str, reason: str,
                                                   said: str) -> None:
    defaults = (f"source_systems:\n  WMS_CZ:\n    amount_keys: [Množství]\n    not_carried:\n"
                f"      {entry}: {reason}\n")
    with pytest.raises(B2MMLError) as caught:
        _by_rule(defaults, tmp_path)
    assert caught.value.rule_id == "B2M-305" and caught.value.line == 5
    assert said in str(caught.value)
