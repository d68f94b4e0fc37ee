"""Read an extract file (CSV, JSON Lines, Parquet) into pandas or Spark, refusing what cannot fit.

The pandas engine reads an extract in chunks (:func:`iter_pandas`, see
:mod:`~canonical.validation.batch.chunked`); files above ``max_bytes`` (default 512 MiB,
``--max-size``) are refused up front with ``BAT-006``; the Spark engine reads lazily and has
no such limit. CSV cells are read as text (an empty
cell is missing), so ``"0010"`` stays ``"0010"``. A JSON Lines record with nested objects
is flattened with ``_`` (``{"quantity": {"value": ...}}`` -> ``quantity_value``), the same
convention as the extract layout. Anything unreadable is an
:class:`~canonical.errors.InputError` naming the file (and line), never a traceback.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from canonical.errors import InputError
from canonical.files.guard import InputKind, open_input
from canonical.files.limits import MAX_EXTRACT_BYTES
from canonical.files.nesting import check_json_depth
from canonical.files.rules import NOT_REGULAR, TOO_LARGE
from canonical.reading import IO_DUPLICATE_KEY, DuplicateKeyError, loads
from canonical.validation.batch import rules as b

DEFAULT_MAX_BYTES = MAX_EXTRACT_BYTES
#: rows per chunk of :func:`iter_pandas` (about 100 MB of pandas and GE working memory)
CHUNK_ROWS = 100_000
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
           ".parquet": "parquet", ".pq": "parquet"}


def file_format(path: Path) -> str:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise InputError(f"unknown extract format {path.suffix or '(no suffix)'!r}; expected "
                         f"{', '.join(sorted(FORMATS))}", source=str(path), rule_id=b.UNREADABLE.id)
    return found


def _checked(path: Path, max_bytes: int | None) -> str:
    open_extract(path, max_bytes).close()
    return file_format(path)


def open_extract(path: Path, max_bytes: int | None) -> BinaryIO:
    """The extract opened through the guarded reader (regular files only, size limit)."""
    try:
        return open_input(path, InputKind.EXTRACT if max_bytes is not None else InputKind.STREAM,
                          max_bytes=max_bytes)
    except InputError as exc:
        if exc.rule_id == TOO_LARGE.id and max_bytes is not None:
            size = path.stat().st_size
            raise InputError(
                f"file is {size / 2**20:.0f} MiB, above the pandas engine's limit of "
                f"{max_bytes / 2**20:.0f} MiB; use --engine spark (reads lazily) or raise "
                "--max-size", source=str(path), rule_id=b.TOO_LARGE.id) from None
        rule_id = exc.rule_id if exc.rule_id == NOT_REGULAR.id else b.UNREADABLE.id
        raise InputError(exc.reason, source=str(path), rule_id=rule_id) from None


def read_pandas(path: Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Any:
    """The extract as a pandas DataFrame (one chunk as large as the file)."""
    import pandas as pd

    frames = list(iter_pandas(path, max_bytes=max_bytes, chunk_rows=None))
    return frames[0] if frames else pd.DataFrame()


def iter_pandas(path: Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES,
                chunk_rows: int | None = CHUNK_ROWS) -> Iterator[Any]:
    """The extract as pandas DataFrames of ``chunk_rows`` rows each (``None``: one frame);
    row labels run on across chunks. Memory grows with a chunk, not with the file."""
    import pandas as pd

    handle = open_extract(path, max_bytes)
    try:
        kind = file_format(path)
        if kind == "csv":
            yield from _csv(handle, chunk_rows)
        elif kind == "parquet":
            yield from _parquet(handle, chunk_rows)
        else:
            yield from _jsonl(handle, path, chunk_rows)
    except InputError:
        raise
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=str(path),
                         rule_id=b.UNREADABLE.id) from exc
    except (ValueError, OSError, pd.errors.ParserError) as exc:  # pyarrow errors are ValueError
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot read as {file_format(path)}: {first}", source=str(path),
                         rule_id=b.UNREADABLE.id) from exc
    finally:
        handle.close()


def _csv(handle: BinaryIO, chunk_rows: int | None) -> Iterator[Any]:
    import pandas as pd

    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "na_values": [""],
                               "encoding": "utf-8"}
    try:
        if chunk_rows is None:
            yield pd.read_csv(handle, **options)
            return
        with pd.read_csv(handle, chunksize=chunk_rows, **options) as chunks:
            yield from chunks
    except pd.errors.EmptyDataError:
        yield pd.DataFrame()


def _parquet(handle: BinaryIO, chunk_rows: int | None) -> Iterator[Any]:
    import pandas as pd
    import pyarrow.parquet as pq

    if chunk_rows is None:  # not pd.read_parquet: its dataset reader refuses a name twice
        yield pq.ParquetFile(handle).read().to_pandas()
        return
    start = 0
    for batch in pq.ParquetFile(handle).iter_batches(batch_size=chunk_rows):
        frame = batch.to_pandas()
        frame.index = pd.RangeIndex(start, start + len(frame))
        start += len(frame)
        yield frame


def _jsonl(handle: BinaryIO, path: Path, chunk_rows: int | None) -> Iterator[Any]:
    import pandas as pd

    records: list[dict[str, Any]] = []
    start = 0
    for record in _json_lines(handle, path):
        records.append(record)
        if chunk_rows is not None and len(records) == chunk_rows:
            yield _frame(records, start)
            start += len(records)
            records = []
    if records or not start:
        yield _frame(records, start) if records else pd.DataFrame()


def _frame(records: list[dict[str, Any]], start: int) -> Any:
    import pandas as pd

    if any(isinstance(v, dict) for record in records for v in record.values()):
        frame = pd.json_normalize(records, sep="_")
        twice = sorted({name for record in records for name, n in
                        Counter(_flat_names(record)).items() if n > 1})
        if twice:  # json_normalize keeps one of the two values: keep the name twice (SCH-009)
            frame = pd.concat([frame, frame[twice]], axis=1)
    else:
        frame = pd.DataFrame.from_records(records)
    frame.index = pd.RangeIndex(start, start + len(frame))
    return frame


def _flat_names(record: dict[str, Any], prefix: str = "") -> Iterator[str]:
    """The column names of a record flattened with ``_`` (``{"a": {"b": 1}}`` is ``a_b``)."""
    for key, value in record.items():
        if isinstance(value, dict) and value:
            yield from _flat_names(value, f"{prefix}{key}_")
        else:
            yield f"{prefix}{key}"


def record_lines(handle: BinaryIO) -> Iterator[tuple[int, str]]:
    """The lines of a JSON Lines file that hold a record, with their (1-based) numbers:
    blank lines hold none."""
    for number, raw in enumerate(handle, start=1):
        line = raw.decode("utf-8")
        if line.strip():
            yield number, line


def _json_lines(handle: BinaryIO, path: Path) -> Iterator[dict[str, Any]]:
    for number, line in record_lines(handle):
        check_json_depth(line, source=str(path), line=number)
        try:
            record = loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc.msg} (column {exc.colno})", source=str(path),
                             line=number, rule_id=b.UNREADABLE.id) from exc
        except DuplicateKeyError as exc:  # the reader rule of `canon validate`, not last-wins
            raise InputError(str(exc), source=str(path), line=number,
                             rule_id=IO_DUPLICATE_KEY.id) from exc
        except ValueError as exc:  # NaN / Infinity: not JSON values, never read as null
            raise InputError(str(exc), source=str(path), line=number,
                             rule_id=b.UNREADABLE.id) from exc
        if not isinstance(record, dict):
            raise InputError(f"expected one JSON object per line, got "
                             f"{type(record).__name__}", source=str(path), line=number,
                             rule_id=b.UNREADABLE.id)
        yield record


def read_spark(path: Path, spark: Any) -> Any:
    """The extract as a (lazy) Spark DataFrame; no size limit."""
    kind = _checked(path, None)
    try:
        if kind == "csv":
            return spark.read.option("header", True).option("encoding", "UTF-8").csv(str(path))
        if kind == "parquet":
            return spark.read.parquet(str(path))
        return spark.read.json(str(path))
    except Exception as exc:  # pyspark raises AnalysisException and friends; wrap where they enter
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot read as {kind}: {first}", source=str(path),
                         rule_id=b.UNREADABLE.id) from exc
