"""RowReader gives exactly the rows and findings of parse_row, whatever the cells hold."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canonical.mapping.normalise import Normaliser, parse_steps
from canonical.mapping.rowreader import RowReader
from canonical.mapping.rows import MappingRow, parse_row
from canonical.mapping.tables import COMMON_COLUMNS, TABLES
from canonical.report import Finding

CODES = ["000042", "42", "C1", " 42", "42 ", "A\t1", "A\x00", "A\xa0", "Müller", "", " ", "a b"]
CELLS: dict[str, list[str]] = {
    "source_system": ["ERP", "ERP ", "", "E\nRP"],
    "source_code": CODES,
    "canonical_code": CODES,
    "valid_from": ["2024-01-01", "2019-01-01", "", "2024-13-01", "24-01-01", "2024-02-30",
                   "2024-1-01", " 2024-01-01"],
    "valid_to": ["", "2024-12-31", "2023-01-01", "bad", "2024-01-01"],
    "status": ["approved", "draft", "deprecated", "APPROVED", "", " approved"],
    "owner": ["ann", "bob", "", " bob"],
    "approved_by": ["bob", "ann", "", " ", "bob "],
    "note": ["", "n", "two\nlines"],
    "direction": ["", "both", "inbound", "out", " both"],
    "x_free": ["f", "", " f "],
    # extras of the tables below
    "base_unit": ["KGM", "", " KGM", "XX"],
    "type": ["raw_material", "", "bogus", "raw_material "],
    "description": ["d", "", " d"],
    "factor": ["", "12", "0", "1e3", "abc", "-1", " 2", "0.5", "NaN"],
    "factor_unit": ["", "KGM", "KGM "],  # clean: no factor, no factor_unit
    "precedence": ["10", "", "-5", "x", "1234567890", " 3"],
    "category": ["scrap", "", "other", "rework "],
    "kind": ["site", "", "bogus"],
    "parent": ["", "C1", " C1"],
    "name": ["n", ""],
}
TABLE_NAMES = ["materials", "units", "order_statuses", "reason_codes", "resources"]
NORMALISE = Normaliser(parse_steps(["trim", "strip_leading_zeros"])).to_key


@st.composite
def tables_and_rows(draw: st.DrawFn) -> tuple[str, tuple[str, ...], list[list[str]]]:
    """A header, and rows that are clean but for a few cells (the first of each pool)."""
    name = draw(st.sampled_from(TABLE_NAMES))
    spec = TABLES[name]
    optional = draw(st.lists(st.sampled_from(["direction", "x_free"]), unique=True))
    columns = list(COMMON_COLUMNS) + optional + [c.name for c in spec.extras]
    columns = draw(st.permutations(columns))
    clean = [CELLS[c][0] for c in columns]
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        row = list(clean)
        for i in draw(st.lists(st.integers(0, len(columns) - 1), max_size=3)):
            row[i] = draw(st.sampled_from(CELLS[columns[i]]))
        rows.append(row)
    return name, tuple(columns), rows


@settings(max_examples=300, deadline=None)
@given(tables_and_rows())
def test_row_reader_matches_parse_row(case: tuple[str, tuple[str, ...], list[list[str]]]) -> None:
    name, columns, rows = case
    spec = TABLES[name]
    fast: list[Finding] = []
    reader = RowReader(spec, columns, "t.csv", fast)
    for line, fields in enumerate(rows, 2):
        slow: list[Finding] = []
        expected = parse_row(spec, dict(zip(columns, fields, strict=True)), line=line,
                             file="t.csv", findings=slow, normalise=NORMALISE)
        before = len(fast)
        assert reader.read(fields, line, NORMALISE) == expected
        assert fast[before:] == slow


def test_clean_rows_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader builds a clean row itself: parse_row is only for rows with findings."""
    spec = TABLES["materials"]
    columns = (*COMMON_COLUMNS, "base_unit", "type", "description")
    reader = RowReader(spec, columns, "t.csv", [])
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> MappingRow | None:
        calls.append(kwargs["line"])
        return parse_row(*args, **kwargs)

    monkeypatch.setattr("canonical.mapping.rowreader.parse_row", counted)
    clean = ["ERP", "000042", "42", "2024-01-01", "", "approved", "ann", "bob", "", "KGM",
             "raw_material", "d"]
    row = reader.read(clean, 2, NORMALISE)
    assert row is not None and row.key == "42" and dict(row.extra) == {
        "base_unit": "KGM", "type": "raw_material", "description": "d"}
    assert reader.read([*clean[:5], "approved", "bob", *clean[7:]], 3, NORMALISE) is not None
    assert calls == [3]  # self-approved: a warning, so parse_row reports it
