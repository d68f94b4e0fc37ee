"""A batch run over chunks gives the report of one run over the whole extract.

The extracts span several chunks (a few rows each) and put what a merge could get wrong
across chunk borders: a duplicate key split over two chunks, more failing values than a
sample pool holds, a reversal of a transaction read later, overlapping intervals in
different chunks, a JSON Lines column that first appears in a late record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from canonical.validation.batch import check_extract
from canonical.validation.batch.chunked import check_chunks
from canonical.validation.batch.read import iter_pandas, read_pandas
from canonical.validation.batch.render import RENDERERS


def _csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def _transactions() -> list[dict[str, Any]]:
    kinds = ["goods_issue", "goods_receipt", "Warenausgang", "scrap", "goods_receipt"]
    rows = []
    for n in range(61):
        rows.append({
            "id": f"MES-BEW-{n:05d}", "type": kinds[n % 5], "plant": "DE01",
            "material": f"4711-{n % 3}", "quantity_value": f"{n % 7},5" if n % 11 == 0
            else f"{n % 40}.250", "quantity_unit": "KGM" if n % 4 else "ST",
            "from_location": "DE01-LAGER-1", "order": f"1000{n % 4}",
            "posted_at": f"2026-03-0{1 + n % 9}T06:{n % 60:02d}:00+01:00",
        })
    rows[17]["id"] = rows[3]["id"]  # a duplicate id, three chunks apart at 5 rows per chunk
    rows[44]["id"] = rows[3]["id"]
    rows[50].update(type="reversal", reversal_of=rows[58]["id"], material=rows[58]["material"])
    rows[9].update(type="reversal", reversal_of=rows[40]["id"], material="andere")
    rows[30].update(type="reversal", reversal_of="MES-BEW-99999")
    return rows


def _orders() -> list[dict[str, Any]]:
    return [{"id": f"1000{n}", "plant": "DE01", "material": f"4711-{n}",
             "ordered_quantity_value": "60", "ordered_quantity_unit": "KGM",
             "overdelivery_tolerance": "5", "status": "released"} for n in range(3)]


def _same(path: Path, entity: str, chunk_rows: int, related: dict[str, Path] | None = None,
          ) -> dict[str, object]:
    """The chunked result, after asserting it equals the whole-extract result."""
    related = related or {}
    whole = check_extract(read_pandas(path), entity,
                          related={n: read_pandas(p) for n, p in related.items()})
    parts = check_chunks(iter_pandas(path, chunk_rows=chunk_rows), entity,
                         related={n: iter_pandas(p, chunk_rows=2) for n, p in related.items()})
    assert whole.rows > chunk_rows  # several chunks indeed
    assert parts.to_dict() == whole.to_dict()
    assert [o.to_dict() for o in parts.outcomes] == [o.to_dict() for o in whole.outcomes]
    for fmt in ("text", "json", "junit"):
        assert RENDERERS[fmt](parts) == RENDERERS[fmt](whole)
    return parts.to_dict()


@pytest.mark.parametrize("chunk_rows", [5, 13])
def test_transactions_in_chunks_report_as_a_whole(tmp_path: Path, chunk_rows: int) -> None:
    path = _csv(tmp_path / "bewegungen.csv", _transactions())
    orders = _csv(tmp_path / "auftraege.csv", _orders())
    result = _same(path, "InventoryTransaction", chunk_rows, {"ProductionOrder": orders})
    failed = {(o["rule_id"], o["column"]): o for o in result["failed_rules"]}  # type: ignore[union-attr]
    unique = failed[("INV-004", "id")]
    assert unique["failing"] == 3 and unique["sample"] == ["'MES-BEW-00003'"]
    assert failed[("INV-001", "id,material,reversal_of")]["failing"] == 2
    assert failed[("BAT-003", "order,type,quantity_value,quantity_unit")]["failing"] == 6
    assert failed[("QTY-003", "quantity_unit")]["failing"] == 16
    assert failed[("SCH-007", "quantity_value")]["failing"] == 6


def test_more_failing_values_than_the_pool_holds(tmp_path: Path) -> None:
    rows = [dict(row) for row in _transactions() * 3]
    for n, row in enumerate(rows):
        row["id"] = f"SAP-{n:06d}"
        row["quantity_unit"] = f"X{n:03d}" if n % 2 else "KGM"  # ~90 distinct bad units
    path = _csv(tmp_path / "viele.csv", rows)
    result = _same(path, "InventoryTransaction", 17)
    units = next(o for o in result["failed_rules"] if o["column"] == "quantity_unit")  # type: ignore[union-attr]
    assert units["failing"] == len(rows) // 2
    assert units["sample"] == ["'X001'", "'X003'", "'X005'", "'X007'", "'X009'"]


def test_state_intervals_and_late_columns_in_json_lines(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [
        {"id": f"EQS-{n}", "plant": "PL03", "resource": f"PL03-LINIA-{n % 3}",
         "state": "running" if n % 2 else "stopped",
         "start": f"2026-05-1{n % 10}T0{n % 10}:00:00+02:00"} for n in range(40)]
    for n in range(0, 40, 6):
        rows[n]["end"] = f"2026-05-1{n % 10}T2{n % 4}:30:00+02:00"  # overlaps later starts
    rows[33]["komentarz"] = "zmiana brygady"  # a column the layout lacks, first seen late
    rows[35]["order"] = 4711  # a number where text is expected
    rows[21]["id"] = "EQS-2"
    path = _jsonl(tmp_path / "stany.jsonl", rows)
    result = _same(path, "EquipmentStateChange", 6)
    rules = {o["rule_id"] for o in result["failed_rules"]}  # type: ignore[union-attr]
    assert {"EQS-003", "SCH-002", "ID-001"} <= rules
    assert any(n["rule_id"] == "SCH-003" for n in result["notes"])  # type: ignore[union-attr]


def test_operations_unique_together_and_references(tmp_path: Path) -> None:
    rows = [{"order": f"1000{n % 5}", "sequence": str(10 * (n // 5 + 1)),
             "resource": "DE01-WC-01", "status": "released"} for n in range(30)]
    rows[27]["sequence"] = rows[2]["sequence"]
    rows[27]["order"] = rows[2]["order"]
    rows[12]["order"] = "99999"
    orders = _csv(tmp_path / "auftraege.csv", _orders())
    result = _same(_csv(tmp_path / "vorgaenge.csv", rows), "Operation", 4,
                   {"ProductionOrder": orders})
    failing = {o["rule_id"]: o["failing"] for o in result["failed_rules"]}  # type: ignore[union-attr]
    assert failing["ORD-002"] == 2 and failing["BAT-001"] == 13


def test_an_extract_of_one_chunk_is_checked_whole(tmp_path: Path) -> None:
    path = _csv(tmp_path / "kurz.csv", _transactions()[:4])
    assert check_chunks(iter_pandas(path), "InventoryTransaction").to_dict() == \
        check_extract(read_pandas(path), "InventoryTransaction").to_dict()


def test_parquet_in_row_batches(tmp_path: Path) -> None:
    path = tmp_path / "bewegungen.parquet"
    pd.DataFrame(_transactions()).to_parquet(path)
    result = _same(path, "InventoryTransaction", 8)
    assert {o["rule_id"] for o in result["failed_rules"]} >= {"INV-004", "INV-001"}  # type: ignore[union-attr]
