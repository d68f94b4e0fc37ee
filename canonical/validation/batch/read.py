"""Read an extract file (CSV, JSON Lines, Parquet) into pandas or Spark, refusing what cannot fit.

The pandas engine holds the whole extract in memory, so files above ``max_bytes`` (default
512 MiB, ``--max-size``) are refused up front with ``BAT-006`` instead of exhausting memory;
the Spark engine reads lazily and has no such limit. CSV cells are read as text (an empty
cell is missing), so ``"0010"`` stays ``"0010"``. A JSON Lines record with nested objects
is flattened with ``_`` (``{"quantity": {"value": ...}}`` -> ``quantity_value``), the same
convention as the extract layout. Anything unreadable is an
:class:`~canonical.errors.InputError` naming the file (and line), never a traceback.
"""

from __future__ import annotations

import json
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
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
           ".parquet": "parquet", ".pq": "parquet"}


def file_format(path: Path) -> str:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise InputError(f"unknown extract format {path.suffix or '(no suffix)'!r}; expected "
                         f"{', '.join(sorted(FORMATS))}", source=str(path), rule_id=b.UNREADABLE.id)
    return found


def _checked(path: Path, max_bytes: int | None) -> str:
    _open(path, max_bytes).close()
    return file_format(path)


def _open(path: Path, max_bytes: int | None) -> BinaryIO:
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
    """The extract as a pandas DataFrame."""
    import pandas as pd

    handle = _open(path, max_bytes)
    try:
        kind = file_format(path)
        if kind == "csv":
            try:
                return pd.read_csv(handle, dtype=str, keep_default_na=False, na_values=[""],
                                   encoding="utf-8")
            except pd.errors.EmptyDataError:
                return pd.DataFrame()
        if kind == "parquet":
            return pd.read_parquet(handle)
        return _jsonl(handle, path)
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


def _jsonl(handle: BinaryIO, path: Path) -> Any:
    import pandas as pd

    records: list[dict[str, Any]] = []
    nested = False
    for number, raw in enumerate(handle, start=1):
        line = raw.decode("utf-8")
        if not line.strip():
            continue
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
        nested = nested or any(isinstance(v, dict) for v in record.values())
        records.append(record)
    if not records:
        return pd.DataFrame()
    if nested:
        return pd.json_normalize(records, sep="_")
    return pd.DataFrame.from_records(records)


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
