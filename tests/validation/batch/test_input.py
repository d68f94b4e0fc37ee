"""Bad input: wrong columns, mixed types, empty files, odd Parquet, huge files, garbage."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from canonical.errors import InputError
from canonical.validation.batch import check_extract
from canonical.validation.batch.read import read_pandas

from .conftest import as_text, examples


def _write_csv(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_csv(path, index=False)
    return path


def test_csv_with_wrong_columns(tmp_path: Path) -> None:
    frame = as_text(examples("InventoryTransaction")).drop(columns=["posted_at"])
    frame = frame.rename(columns={"material": "matnr"})
    result = check_extract(read_pandas(_write_csv(tmp_path / "x.csv", frame)),
                           "InventoryTransaction")
    notes = {(f.rule_id, f.path) for f in result.notes}
    assert ("SCH-003", "matnr") in notes  # unknown column
    assert ("SCH-001", "posted_at") in notes and ("SCH-001", "material") in notes
    assert not result.ok


def test_csv_keeps_leading_zeros(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "lots.csv", as_text(examples("Lot")))
    frame = read_pandas(path)
    assert frame["id"].iloc[0] == examples("Lot")[0]["id"]
    assert check_extract(frame, "Lot").ok


def test_jsonl_mixed_types_are_sch_002(tmp_path: Path) -> None:
    records = [{k: v for k, v in r.items() if v is not None}
               for r in examples("InventoryTransaction")]
    records[0]["material"] = 100200  # a JSON number where an identifier is text
    records[1]["quantity_value"] = 12.5  # a JSON number where a decimal string is expected
    path = tmp_path / "tx.jsonl"
    path.write_text("\n".join(json.dumps(_nest(r)) for r in records) + "\n", encoding="utf-8")
    result = check_extract(read_pandas(path), "InventoryTransaction")
    failing = {(o.rule_id, o.column): o.failing for o in result.failures}
    assert failing[("SCH-002", "material")] == 1
    assert failing[("SCH-002", "quantity_value")] == 1


def _nest(record: dict[str, object]) -> dict[str, object]:
    out = {k: v for k, v in record.items() if not k.startswith("quantity_")}
    if "quantity_value" in record:
        out["quantity"] = {"value": record["quantity_value"], "unit": record["quantity_unit"]}
    return out


def test_jsonl_line_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "A"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_pandas(path)
    assert caught.value.line == 2 and caught.value.rule_id == "BAT-007"


def test_empty_file_is_findings_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = check_extract(read_pandas(path), "Resource")
    ids = result.to_report().rule_ids()
    assert "BAT-005" in ids and "SCH-001" in ids


def test_header_only_csv(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("id,name,kind,plant,state\n", encoding="utf-8")
    result = check_extract(read_pandas(path), "Resource")
    assert result.rows == 0 and result.to_report().rule_ids() == ["BAT-005"]
    assert result.ok  # no rows is a warning, not an error


def test_parquet_with_unexpected_types(tmp_path: Path) -> None:
    frame = as_text(examples("Lot"))
    frame["material"] = frame["material"].astype("int64")  # material numbers lost as ints
    frame["quantity_value"] = frame["quantity_value"].astype("float64")
    frame["order"] = [[1], [2], [3]]  # a list column
    path = tmp_path / "lots.parquet"
    frame.to_parquet(path)
    result = check_extract(read_pandas(path), "Lot")
    failing = {(o.rule_id, o.column): o.failing for o in result.failures}
    assert failing[("SCH-002", "material")] == 3
    assert failing[("SCH-002", "quantity_value")] == 3
    assert ("BAT-008", "order") in {(f.rule_id, f.path) for f in result.notes}


def test_parquet_timestamps_with_and_without_zone(tmp_path: Path) -> None:
    frame = as_text(examples("InventoryTransaction"))
    aware = pd.to_datetime(frame["posted_at"], utc=True)
    frame["posted_at"] = aware
    path = tmp_path / "aware.parquet"
    frame.to_parquet(path)
    assert check_extract(read_pandas(path), "InventoryTransaction").ok
    frame["posted_at"] = aware.dt.tz_localize(None)
    frame.to_parquet(path)
    failing = {o.rule_id: o.failing for o in check_extract(
        read_pandas(path), "InventoryTransaction").failures}
    assert failing["SCH-005"] == len(frame)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:  # a sparse 3 GiB file: costs no disk, would cost memory
        handle.truncate(3 * 2**30)
    with pytest.raises(InputError) as caught:
        read_pandas(path)
    assert caught.value.rule_id == "BAT-006" and "spark" in str(caught.value)


@pytest.mark.parametrize(("name", "content"), [
    ("garbage.parquet", b"\x00\x01not parquet at all"),
    ("latin1.csv", "id\nM\xfcller\n".encode("latin-1")),
    ("table.xlsx", b"PK\x03\x04"),
])
def test_unreadable_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_pandas(path)
    assert caught.value.rule_id == "BAT-007" and name in str(caught.value)


def test_jsonl_nan_is_refused_not_read_as_null(tmp_path: Path) -> None:
    path = tmp_path / "tx.jsonl"
    path.write_text('{"id": "T-1"}\n{"id": "T-2", "quantity": {"value": NaN}}\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_pandas(path)
    assert caught.value.line == 2 and "NaN" in str(caught.value)
