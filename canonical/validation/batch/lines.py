"""Where the first failing row of each batch finding sits in the extract file: its line.

A batch outcome knows the first failing row of its rule (0-based among the data rows, see
:attr:`~canonical.validation.batch.result.RuleOutcome.first_row`); CI annotations
(``--format github``/``junit``) want the line of the file. :func:`with_lines` maps the one to
the other after the run, reading the file once more only when some rule fails:

- CSV: the line a record starts on, counted by the ``csv`` module (a quoted field may span
  lines, blank lines hold no record; the header is the first record). The count of records
  must equal the rows the run read, or the file gets no lines at all: no line rather than a
  wrong one;
- JSON Lines: the line of the record, blank lines skipped as the reader skips them
  (:func:`~canonical.validation.batch.read.record_lines`);
- Parquet has no lines: the finding names the row in its message only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from canonical.errors import InputError
from canonical.validation.batch.read import file_format, open_extract, record_lines
from canonical.validation.batch.result import BatchResult


def with_lines(result: BatchResult, path: Path) -> BatchResult:
    """``result`` with the line of each failing outcome's first failing row in ``path``."""
    wanted = {o.first_row for o in result.failures if o.first_row is not None}
    if not wanted:
        return result
    found = row_lines(path, wanted, result.rows)
    if not found:
        return result
    return replace(result, outcomes=tuple(
        replace(o, line=found.get(o.first_row)) if o.failed and o.first_row is not None else o
        for o in result.outcomes))


def row_lines(path: Path, rows: Iterable[int], total: int) -> dict[int, int]:
    """The line of each of ``rows`` (0-based data rows) in the extract ``path`` of ``total``
    rows; empty when the format has no lines or the file does not hold ``total`` rows."""
    wanted = set(rows)
    try:
        kind = file_format(path)
        if kind not in ("csv", "jsonl"):
            return {}
        found: dict[int, int] = {}
        count = 0
        with open_extract(path, None) as handle:
            starts = _csv_starts(handle) if kind == "csv" else (n for n, _ in record_lines(handle))
            for count, line in enumerate(starts, start=1):
                if count - 1 in wanted:
                    found[count - 1] = line
    except (InputError, OSError, UnicodeDecodeError, csv.Error):
        return {}
    return found if count == total else {}


def _csv_starts(handle: BinaryIO) -> Iterator[int]:
    """The first line of each data record of a CSV file (after the header record)."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    reader = csv.reader(text)
    ended = 0  # the last line of the record read before
    header = True
    for record in reader:
        start, ended = ended + 1, reader.line_num
        if not record:  # a blank line
            continue
        if header:
            header = False
            continue
        yield start
