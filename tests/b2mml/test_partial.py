"""Partial records (issue 15, item 2): a lot or order message with only an id and some
attributes imports, with ``partial=True`` / ``--partial``, as the entity's patch."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_field import plant
from xsd import FIXTURES

from canonical.b2mml import read_document
from canonical.cli import cli as main
from canonical.models import LotPatch, ProductionOrderPatch
from canonical.validation import validate

LOT_STATUS = b"""<?xml version="1.0" encoding="UTF-8"?>
<MaterialInformation xmlns="http://www.mesa.org/xml/B2MML-V0600">
  <MaterialLot>
    <ID>0000460001</ID>
    <Status>blocked</Status>
  </MaterialLot>
</MaterialInformation>
"""
ORDER_STATE = b"""<?xml version="1.0" encoding="UTF-8"?>
<ProductionSchedule xmlns="http://www.wbf.org/xml/B2MML-V0401">
  <ProductionRequest>
    <ID>000001000777</ID>
    <RequestState>Released</RequestState>
  </ProductionRequest>
</ProductionSchedule>
"""


def test_lot_status_change_imports_as_a_lot_patch(tmp_path: Path) -> None:
    de01 = plant(tmp_path)
    full = read_document(LOT_STATUS, plant=de01)
    assert full.of("Lot") == []  # a full lot needs material and quantity
    missing = {f.path for f in full.report if f.rule_id in {"B2M-102", "B2M-107"}}
    assert "/MaterialInformation/MaterialLot[1]/Quantity" in missing
    result = read_document(LOT_STATUS, plant=de01, partial=True)
    (patch,) = result.of("LotPatch")
    assert isinstance(patch, LotPatch)
    # exactly the fields present: no site, no declared default fills what was not sent
    assert patch.to_json_dict() == {"id": "0000460001", "status": "blocked"}
    assert result.ok and "B2M-301" not in result.report.rule_ids()
    assert validate(patch.to_json_dict(), entity="LotPatch").ok


def test_order_state_change_imports_as_an_order_patch() -> None:
    result = read_document(ORDER_STATE, partial=True)
    (patch,) = result.of("ProductionOrderPatch")
    assert isinstance(patch, ProductionOrderPatch)
    assert patch.to_json_dict() == {"id": "000001000777", "status": "released"}
    assert result.ok


def test_each_field_of_a_partial_record_is_validated() -> None:
    bad = LOT_STATUS.replace(b"<Status>blocked</Status>", b"<Status>gesperrt</Status>")
    result = read_document(bad, partial=True)
    assert result.of("LotPatch") == []
    assert "B2M-106" in result.report.rule_ids()
    exponent = ORDER_STATE.replace(b"<RequestState>Released</RequestState>",
                                   b"<Priority>0</Priority>")
    result = read_document(exponent, partial=True)
    assert result.of("ProductionOrderPatch") == []
    assert [f.canonical_path for f in result.report if f.rule_id.startswith("SCH")] == \
        ["$.priority"]


def test_a_partial_record_that_changes_nothing_is_refused() -> None:
    bare = ORDER_STATE.replace(b"<RequestState>Released</RequestState>", b"")
    result = read_document(bare, partial=True)
    assert result.of("ProductionOrderPatch") == []
    assert result.report.rule_ids() == ["PAT-001"]


def test_field_lot_without_quantity_imports_as_partial_record(tmp_path: Path) -> None:
    result = read_document(FIXTURES / "V0401" / "field_material_information.xml",
                           plant=plant(tmp_path), partial=True)
    lots = {p.id: p.to_json_dict() for p in result.of("LotPatch")}  # type: ignore[attr-defined]
    assert lots["0000451200"] == {"id": "0000451200", "material": "VB-20"}
    assert lots["0000451300"]["quantity"] == {"value": "12", "unit": "H87"}
    assert result.ok


def test_cli_partial_option(tmp_path: Path) -> None:
    doc = tmp_path / "lot.xml"
    doc.write_bytes(LOT_STATUS)
    runner = CliRunner()
    full = runner.invoke(main, ["b2mml", "import", str(doc)])
    assert full.exit_code == 1 and "--partial" in full.stderr
    partial = runner.invoke(main, ["b2mml", "import", "--partial", "--format", "jsonl", str(doc)])
    assert partial.exit_code == 0, partial.stderr
    assert partial.stdout.strip() == ('{"entity": "LotPatch", "record": {"id": "0000460001", '
                                      '"status": "blocked"}}')
