"""A column that appears twice in an extract is SCH-009 and the rest of the suite still runs.

Two joined extracts that both carry ``plant`` give a frame (or a Parquet file: pyarrow writes
a name twice) with the column twice; neither copy can be trusted, so the column is treated as
missing. The cross-row checks (``within_tolerance`` reindexes the frame) and the chunked run
must not trip over the duplicated label.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from canonical.validation.batch import check_extract, run_suite
from canonical.validation.batch.chunked import check_chunks
from canonical.validation.batch.read import iter_pandas, read_pandas

COLUMNS = ["id", "plant", "material", "status", "ordered_quantity_value",
           "ordered_quantity_unit", "produced_quantity_value", "produced_quantity_unit",
           "overdelivery_tolerance", "plant"]


def _orders(rows: int = 7) -> list[list[str | None]]:
    out: list[list[str | None]] = [
        [f"4711{n:06d}", "PL07", f"7300-{118 + n % 3}", "released", "40", "H87",
         str(20 + n) if n % 2 else None, "H87" if n % 2 else None, "10", "PL07 "]
        for n in range(rows)]
    out[3][6] = "58"  # 58 produced of 40 ordered, tolerance 10 %: ORD overdelivery
    return out


def _parquet(path: Path, rows: list[list[str | None]]) -> Path:
    arrays = [pa.array([row[i] for row in rows], pa.string()) for i in range(len(COLUMNS))]
    pq.write_table(pa.Table.from_arrays(arrays, names=COLUMNS), path)
    return path


def _rules(findings: object) -> list[str]:
    return [f.rule_id for f in findings]  # type: ignore[attr-defined]


def test_a_duplicated_column_is_sch_009_and_the_suite_runs() -> None:
    frame = pd.DataFrame(_orders(), columns=COLUMNS)
    report = run_suite(frame, "ProductionOrder")
    found = [f for f in report.findings if f.rule_id == "SCH-009"]
    assert [(f.path, f.value) for f in found] == [("plant", "plant")]
    assert _rules(report.findings) == ["SCH-009", "ORD-003"]  # the cross-row check still ran
    assert "1 of 7 rows" in report.findings[1].message
    assert list(frame.columns) == COLUMNS  # the caller's frame is not changed


def test_the_chunked_run_reports_it_as_the_whole_run_does(tmp_path: Path) -> None:
    path = _parquet(tmp_path / "auftraege.parquet", _orders(11))
    whole = check_extract(read_pandas(path), "ProductionOrder")
    parts = check_chunks(iter_pandas(path, chunk_rows=3), "ProductionOrder")
    assert parts.to_dict() == whole.to_dict()
    assert _rules(whole.notes).count("SCH-009") == 1
    assert not whole.ok


@pytest.mark.parametrize("chunk_rows", [None, 4])
def test_a_parquet_file_with_a_name_twice_is_read(tmp_path: Path, chunk_rows: int | None) -> None:
    path = _parquet(tmp_path / "auftraege.parquet", _orders())
    frames = list(iter_pandas(path, chunk_rows=chunk_rows))
    assert [list(f.columns) for f in frames[:1]] == [COLUMNS]
    assert sum(len(f) for f in frames) == 7


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_json_lines_giving_a_column_twice_is_sch_009(tmp_path: Path,
                                                    chunk_rows: int | None) -> None:
    lines = [json.dumps({"id": f"4711{n:06d}", "plant": "PL07", "material": "7300-118",
                         "status": "released",
                         "ordered_quantity": {"value": "40", "unit": "H87"}}) for n in range(5)]
    # the nested quantity and a flat column both flatten to ordered_quantity_value: one value
    # would be dropped unseen
    lines[3] = lines[3][:-1] + ', "ordered_quantity_value": "41"}'
    path = tmp_path / "zlecenia.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_chunks(iter_pandas(path, chunk_rows=chunk_rows), "ProductionOrder")
    assert [(n.rule_id, n.path) for n in result.notes if n.rule_id == "SCH-009"] == [
        ("SCH-009", "ordered_quantity_value")]
    assert not result.ok
