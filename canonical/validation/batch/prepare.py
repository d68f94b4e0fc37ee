"""Bring a pandas extract into the shape the suite's expectations assume.

Columns are matched against the extract layout first: a missing required column is
``SCH-001``, a column the layout does not define is ``SCH-003`` (closed content model).
Then each column is brought to its storage: text kinds as strings, ``integer`` as
``Int64``, ``boolean`` as ``boolean``. A value of the wrong type (a JSON number in an
identifier column, a Parquet ``int64`` material number) is reported once as ``SCH-002``
and then checked as its text; nothing is converted silently. A tz-aware timestamp column
becomes ISO 8601 text; a naive one becomes text without offset, which ``SCH-005`` reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from canonical.report import Finding
from canonical.validation import rules as r
from canonical.validation.batch import rules as b
from canonical.validation.batch.result import RuleOutcome, outcome, row_of
from canonical.validation.batch.suite import Column, Storage, Suite

if TYPE_CHECKING:
    import pandas as pd

INTEGER_TEXT = r"^[+-]?[0-9]{1,18}$"
#: how many wrongly typed values of a column the sample is drawn from (the first ones)
SAMPLED = 50


@dataclass(slots=True)
class Prepared:
    """A frame ready for the expectations, plus what preparing it found."""

    frame: pd.DataFrame
    rows: int
    present: set[str]
    notes: list[Finding] = field(default_factory=list)
    outcomes: list[RuleOutcome] = field(default_factory=list)


def column_notes(names: list[str], suite: Suite, rows: int) -> tuple[set[str], list[Finding]]:
    """Which layout columns are present, and findings for missing / unknown ones."""
    notes: list[Finding] = []
    known = set(suite.column_names)
    for name in names:
        if name not in known:
            notes.append(r.SCH_UNKNOWN_FIELD.finding(
                f"column {name!r} is not part of the {suite.extract} extract layout "
                f"(expected columns: {', '.join(suite.column_names)})", path=name, value=name))
    present = {n for n in names if n in known}
    for col in suite.columns:
        if col.required and col.name not in present:
            notes.append(r.SCH_REQUIRED.finding(
                f"required column {col.name!r} is missing (all {rows} rows lack it)",
                path=col.name))
    if rows == 0:
        notes.append(b.EMPTY_EXTRACT.finding(f"the {suite.extract} extract has no rows"))
    return present, notes


def prepare(frame: pd.DataFrame, suite: Suite) -> Prepared:
    """Check columns and storage types of a pandas extract (the input frame is not changed)."""
    names = [str(c) for c in frame.columns]
    rows = len(frame)
    present, notes = column_notes(names, suite, rows)
    prepared = Prepared(frame, rows, present, notes)
    frame = _without_duplicates(frame, prepared)
    changed: dict[str, pd.Series] = {}
    for name in sorted(prepared.present):
        col = suite.column(name)
        if col is None:  # pragma: no cover - present only holds layout columns
            continue
        series = frame[name]
        new = _coerce(series, col, rows, prepared)
        if new is not series:
            changed[name] = new
    if changed:
        frame = frame.assign(**changed)
    prepared.frame = frame
    return prepared


def _without_duplicates(frame: pd.DataFrame, prepared: Prepared) -> pd.DataFrame:
    """Drop every copy of a layout column that appears more than once (``SCH-009``): neither
    copy can be trusted, so the column is treated as missing and the rest of the suite runs.
    A duplicated column outside the layout is already ``SCH-003`` once per copy."""
    twice = frame.columns.duplicated(keep=False)
    if not twice.any():
        return frame
    for name in dict.fromkeys(str(c) for c, dup in zip(frame.columns, twice, strict=True) if dup):
        if name in prepared.present:
            prepared.notes.append(r.SCH_OTHER.finding(
                f"column {name!r} appears more than once; neither copy is checked",
                path=name, value=name))
            prepared.present.discard(name)
    return frame.loc[:, ~twice]


def _coerce(series: pd.Series, col: Column, rows: int, prepared: Prepared) -> pd.Series:
    if col.storage is Storage.STRING:
        return _as_text(series, col, rows, prepared)
    if col.storage is Storage.INTEGER:
        return _as_integer(series, col, rows, prepared)
    return _as_boolean(series, col, rows, prepared)


def _nested(series: pd.Series, col: Column, prepared: Prepared) -> bool:
    import pandas as pd

    kind = pd.api.types.infer_dtype(series, skipna=True)
    if kind in ("mixed", "unknown-array") and series.map(
        lambda v: not isinstance(v, str | bytes) and hasattr(v, "__len__"), na_action="ignore"
    ).fillna(False).astype(bool).any():
        prepared.notes.append(b.UNSUPPORTED_TYPE.finding(
            f"column {col.name!r} holds nested objects or lists; a {col.kind} column holds "
            "scalars (nested slots are flattened or child extracts)", path=col.name))
        prepared.present.discard(col.name)
        return True
    return False


def _wrong_type(col: Column, rows: int, bad: pd.Series, expected: str,
                prepared: Prepared) -> None:
    count = int(bad.size)
    if count:
        prepared.outcomes.append(outcome(
            r.SCH_TYPE, col.name, "type check", count, rows, list(bad.head(SAMPLED)),
            f"expected {expected}", first=SAMPLED, first_row=row_of(bad.index[0])))


def _as_text(series: pd.Series, col: Column, rows: int, prepared: Prepared) -> pd.Series:
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype):
        return series
    if isinstance(dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(dtype):
        text = series.map(lambda v: v.isoformat(), na_action="ignore")
        return text.astype("str")
    if dtype is object or str(dtype) == "object":
        kind = pd.api.types.infer_dtype(series, skipna=True)
        if kind in ("string", "empty"):
            return series
        if _nested(series, col, prepared):
            return series
        not_text = series.map(lambda v: not isinstance(v, str), na_action="ignore")
        bad = series[not_text.fillna(False).astype(bool)]
        _wrong_type(col, rows, bad, f"text ({col.kind}), not numbers or booleans", prepared)
        return series.map(str, na_action="ignore").astype("str")
    scalar = pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
    if (isinstance(dtype, pd.ArrowDtype) or not scalar) and _nested(
        series.astype(object), col, prepared
    ):
        return series
    _wrong_type(col, rows, series.dropna(), f"text ({col.kind}); the column is {dtype}",
                prepared)
    return series.map(str, na_action="ignore").astype("str")


def _as_integer(series: pd.Series, col: Column, rows: int, prepared: Prepared) -> pd.Series:
    import pandas as pd

    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        _wrong_type(col, rows, series.dropna(), "whole numbers, not booleans", prepared)
        return pd.Series(pd.NA, index=series.index, dtype="Int64")
    if pd.api.types.is_integer_dtype(dtype):
        return series.astype("Int64")
    if pd.api.types.is_float_dtype(dtype):  # JSON Lines: an integer column with gaps
        whole = series.isna() | (series == series.round())
        _wrong_type(col, rows, series[~whole], "whole numbers", prepared)
        return series.where(whole).astype("Int64")
    if _nested(series.astype(object), col, prepared):
        return series
    text = series.map(lambda v: v if isinstance(v, str) else None if isinstance(v, float) and
                      v != v else repr(v) if isinstance(v, bool) else str(v), na_action="ignore")
    text = text.astype("str")
    ok = text.str.fullmatch(INTEGER_TEXT).fillna(False).astype(bool)
    bad = series[text.notna() & ~ok]
    _wrong_type(col, rows, bad, "whole numbers such as 10", prepared)
    return pd.to_numeric(text.where(ok), errors="coerce").astype("Int64")


def _truth(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    return None  # 1 / 0 are numbers, not booleans


def _as_boolean(series: pd.Series, col: Column, rows: int, prepared: Prepared) -> pd.Series:
    import pandas as pd

    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("boolean")
    if _nested(series.astype(object), col, prepared):
        return series
    truth = series.map(_truth, na_action="ignore")
    bad = series[series.notna() & truth.isna()]
    _wrong_type(col, rows, bad, "true or false", prepared)
    return truth.astype("boolean")
