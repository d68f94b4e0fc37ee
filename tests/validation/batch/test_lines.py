"""Batch findings locate their first failing row: the row in the message, the line in the file.

The extracts put the first failure where a naive count goes wrong: after a CSV record whose
quoted description spans lines, after blank JSON Lines, in the second chunk of a run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from click.testing import CliRunner

from canonical.cli.batch import batch
from canonical.validation.batch import check_extract
from canonical.validation.batch.chunked import check_chunks
from canonical.validation.batch.lines import row_lines, with_lines
from canonical.validation.batch.read import iter_pandas
from canonical.validation.batch.result import BatchResult, RuleOutcome

from .conftest import as_text, examples


def _materials() -> list[dict[str, Any]]:
    base = examples("Material")
    rows = [{**base[n % len(base)], "id": f"MAT-{n:04d}"} for n in range(9)]
    rows[1]["description"] = 'Gehäuse PH-200,\n"gefräst"\nLos 2026/03'  # three lines, quoted
    rows[4]["base_unit"] = "KG"  # the first failing row of QTY-003: in the second chunk of 3
    rows[7]["base_unit"] = "LB"
    rows[6]["id"] = rows[5]["id"]  # the first duplicate id: row 5
    return rows


def _failing(result: BatchResult, rule_id: str) -> RuleOutcome:
    return next(o for o in result.failures if o.rule_id == rule_id)


def _line_text(path: Path, line: int | None) -> str:
    assert line is not None
    return path.read_text(encoding="utf-8").splitlines()[line - 1]


def _run(path: Path, chunk_rows: int) -> BatchResult:
    result = check_chunks(iter_pandas(path, chunk_rows=chunk_rows), "Material",
                          source=path.name)
    return with_lines(result, path)


def test_csv_line_counts_a_quoted_multiline_field(tmp_path: Path) -> None:
    path = tmp_path / "materialstamm.csv"
    as_text(_materials()).to_csv(path, index=False)
    for chunk_rows in (3, 100):  # the first failure in the second chunk, and one chunk
        result = _run(path, chunk_rows)
        unit = _failing(result, "QTY-003")
        assert unit.first_row == 4 and unit.line == 8  # header, rows 0, 1 (3 lines), 2, 3
        assert _line_text(path, unit.line).startswith("MAT-0004,")
        [finding] = [f for f in result.to_report() if f.rule_id == "QTY-003"]
        assert (finding.file, finding.line) == ("materialstamm.csv", 8)
        assert "first failing row: 5" in finding.message
        duplicate = next(o for o in result.failures if o.check.endswith("to_be_unique"))
        assert duplicate.first_row == 5
        assert _line_text(path, duplicate.line).startswith("MAT-0005,")


def test_jsonl_line_skips_blank_lines(tmp_path: Path) -> None:
    rows = _materials()
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines[2:2] = ["", "   "]  # blank lines before the failing record
    path = tmp_path / "materials.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    result = _run(path, 3)
    unit = _failing(result, "QTY-003")
    assert (unit.first_row, unit.line) == (4, 7)
    assert json.loads(_line_text(path, unit.line))["id"] == "MAT-0004"


def test_parquet_names_the_row_but_no_line(tmp_path: Path) -> None:
    path = tmp_path / "materials.parquet"
    as_text(_materials()).to_parquet(path)
    result = _run(path, 3)
    unit = _failing(result, "QTY-003")
    assert (unit.first_row, unit.line) == (4, None)
    [finding] = [f for f in result.to_report() if f.rule_id == "QTY-003"]
    assert finding.line is None and "first failing row: 5" in finding.message


def test_no_line_when_the_file_does_not_hold_the_rows_read(tmp_path: Path) -> None:
    path = tmp_path / "materials.csv"
    path.write_text('id,base_unit\nA,KG\n"B\n,LB\n', encoding="utf-8")  # unterminated quote
    assert row_lines(path, [0], 2) == {0: 2}
    assert row_lines(path, [0], 3) == {}  # the file holds 2 records, not the 3 a run read
    path.write_text("id,base_unit\n\nA,KG\nB,LB\n", encoding="utf-8")
    assert row_lines(path, [0, 1], 2) == {0: 3, 1: 4}


def test_type_check_and_cross_row_rules_carry_the_first_row(tmp_path: Path) -> None:
    path = tmp_path / "materials.csv"
    rows = _materials()
    rows[3]["lot_controlled"] = "vielleicht"
    pd.DataFrame(as_text(rows)).to_csv(path, index=False)
    result = _run(path, 2)
    typed = next(o for o in result.failures if o.column == "lot_controlled")
    assert typed.first_row == 3 and _line_text(path, typed.line).startswith("MAT-0003,")


def test_github_format_carries_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "materialstamm.csv"
    as_text(_materials()).to_csv(path, index=False)
    result = CliRunner().invoke(batch, [str(path), "-e", "Material", "--format", "github"])
    assert result.exit_code == 1, result.output
    [line] = [t for t in result.stdout.splitlines() if "title=QTY-003" in t]
    assert f"file={path},line=8," in line or f"file={path.name},line=8," in line


def test_a_frame_with_its_own_labels_names_positions() -> None:
    frame = as_text(_materials())
    frame.index = pd.Index([f"r{n}" for n in range(len(frame))])  # labels that are no numbers
    result = check_extract(frame, "Material")
    assert _failing(result, "QTY-003").first_row == 4
    frame.index = pd.Index(range(100, 100 + len(frame))[::-1])  # numbers, not positions
    assert _failing(check_extract(frame, "Material"), "QTY-003").first_row == 4
