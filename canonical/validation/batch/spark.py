"""The Spark side of a batch run: column preparation and cross-row checks on a Spark DataFrame.

Same meanings, counts and samples as :mod:`~canonical.validation.batch.prepare` and
:mod:`~canonical.validation.batch.crossrow` (a test runs both on one fixture and compares
the findings); the work stays in Spark (joins, aggregations), only counts and at most 50
sample values per rule come back to the driver. pyspark is imported only here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canonical.rules import get as rule_of
from canonical.validation import rules as r
from canonical.validation.batch import rules as b
from canonical.validation.batch.crossrow import DECIMAL_TEXT
from canonical.validation.batch.prepare import INTEGER_TEXT, Prepared, column_notes
from canonical.validation.batch.result import RuleOutcome, outcome
from canonical.validation.batch.suite import Check, Column, Storage, Suite

DataFrame = Any  # pyspark.sql.DataFrame
SAMPLE_ROWS = 50

Impl = Callable[[Check, DataFrame, "DataFrame | None"], RuleOutcome]


def session(app: str = "mfg-canonical", master: str = "local[2]") -> Any:
    """A local Spark session tuned for small, quick jobs (no UI, few shuffle partitions)."""
    import warnings

    from pyspark.sql import SparkSession

    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                            category=FutureWarning)
    return (
        SparkSession.builder.master(master).appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )


def _sample(frame: DataFrame, condition: Any, column: str) -> list[object]:
    rows = frame.filter(condition).select(column).limit(SAMPLE_ROWS).collect()
    return [row[0] for row in rows]


def _bad(frame: DataFrame, condition: Any, col: Column, rows: int, expected: str,
         prepared: Prepared) -> None:
    count = frame.filter(condition).count()
    if count:
        prepared.outcomes.append(outcome(r.SCH_TYPE, col.name, "type check", count, rows,
                                         _sample(frame, condition, col.name),
                                         f"expected {expected}"))


def prepare(frame: DataFrame, suite: Suite) -> Prepared:
    """Check columns and storage types of a Spark extract."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    rows = frame.count()
    present, notes = column_notes(list(frame.columns), suite, rows)
    prepared = Prepared(frame, rows, present, notes)
    changes: dict[str, Any] = {}
    for name in sorted(present):
        col = suite.column(name)
        if col is None:  # pragma: no cover - present only holds layout columns
            continue
        kind = frame.schema[name].dataType
        c = F.col(f"`{name}`")
        if isinstance(kind, T.ArrayType | T.MapType | T.StructType):
            prepared.notes.append(b.UNSUPPORTED_TYPE.finding(
                f"column {name!r} holds nested objects or lists ({kind.simpleString()}); a "
                f"{col.kind} column holds scalars", path=name))
            prepared.present.discard(name)
            continue
        if col.storage is Storage.STRING:
            if isinstance(kind, T.StringType):
                continue
            if isinstance(kind, T.TimestampType):
                changes[name] = F.date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
                continue
            if isinstance(kind, T.TimestampNTZType):
                changes[name] = F.date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
                continue
            _bad(frame, c.isNotNull(), col, rows,
                 f"text ({col.kind}); the column is {kind.simpleString()}", prepared)
            changes[name] = c.cast("string")
        elif col.storage is Storage.INTEGER:
            if isinstance(kind, T.IntegralType):
                changes[name] = c.cast("long")
            elif isinstance(kind, T.StringType):
                ok = c.rlike(INTEGER_TEXT)
                _bad(frame, c.isNotNull() & ~ok, col, rows, "whole numbers such as 10", prepared)
                changes[name] = F.when(ok, c.try_cast("long"))
            elif isinstance(kind, T.FractionalType):
                whole = c == F.floor(c)
                _bad(frame, c.isNotNull() & ~whole, col, rows, "whole numbers", prepared)
                changes[name] = F.when(whole, c.cast("long"))
            else:
                _bad(frame, c.isNotNull(), col, rows, "whole numbers", prepared)
                changes[name] = F.lit(None).cast("long")
        elif isinstance(kind, T.BooleanType):
            continue
        elif isinstance(kind, T.StringType):
            word = F.lower(F.trim(c))
            ok = word.isin("true", "false")
            _bad(frame, c.isNotNull() & ~ok, col, rows, "true or false", prepared)
            changes[name] = F.when(ok, word == F.lit("true"))
        else:
            _bad(frame, c.isNotNull(), col, rows, "true or false", prepared)
            changes[name] = F.lit(None).cast("boolean")
    if changes:
        prepared.frame = frame.withColumns(changes)
    return prepared


# ----------------------------------------------------------------------------- checks


def _result(check: Check, frame: DataFrame, condition: Any, values: Any,
            rows: int | None = None, summary: str = "") -> RuleOutcome:
    failing = frame.filter(condition).count()
    sample: list[object] = []
    if failing:
        sample = [row[0] for row in
                  frame.filter(condition).select(values.alias("v")).limit(200).collect()]
    total = frame.count() if rows is None else rows
    return outcome(rule_of(check.rule_id), ",".join(check.columns), check.check, failing, total,
                   sample, summary)


def _col(name: str) -> Any:
    from pyspark.sql import functions as F

    return F.col(f"`{name}`")


def _joined(columns: tuple[str, ...]) -> Any:
    from pyspark.sql import functions as F

    if len(columns) == 1:
        return _col(columns[0])
    return F.concat_ws("/", *(_col(c).cast("string") for c in columns))


def _need(related: DataFrame | None, check: Check) -> DataFrame:
    if related is None:  # run.py reports BAT-004 instead of calling without one
        raise ValueError(f"check {check.check} needs the {check.related} extract")
    return related


def reversal_references(check: Check, frame: DataFrame, related: DataFrame | None) -> RuleOutcome:
    from pyspark.sql import functions as F

    ident, material, ref = check.columns
    originals = (frame.select(_col(ident).alias("_oid"), _col(material).alias("_omat"))
                 .dropna(subset=["_oid"]).dropDuplicates(["_oid"]))
    joined = frame.join(originals, _col(ref) == F.col("_oid"), "left")
    missing = _col(ref).isNotNull() & F.col("_oid").isNull()
    other = (F.col("_oid").isNotNull() & _col(material).isNotNull() & F.col("_omat").isNotNull()
             & (F.col("_omat") != _col(material)))
    return _result(check, joined, missing | other, _col(ref), None,
                   "reversal_of names no transaction of the extract, or one of another material")


def unique_together(check: Check, frame: DataFrame, related: DataFrame | None) -> RuleOutcome:
    from pyspark.sql import functions as F

    cols = list(check.columns)
    complete = frame.dropna(subset=cols)
    dupes = complete.groupBy(*cols).count().filter(F.col("count") > 1).drop("count")
    joined = complete.join(dupes, cols, "inner")
    return _result(check, joined, F.lit(True), _joined(check.columns), frame.count(),
                   f"({', '.join(cols)}) is not unique")


def reference_exists(check: Check, frame: DataFrame, related: DataFrame | None) -> RuleOutcome:
    from pyspark.sql import functions as F

    other = _need(related, check)
    cols, targets = list(check.columns), list(check.targets)
    keys = other.select(*(_col(t).alias(f"_k{i}") for i, t in enumerate(targets))).dropna()
    keys = keys.distinct()
    complete = frame.dropna(subset=cols)
    condition = None
    for i, c in enumerate(cols):
        part = _col(c).cast("string") == F.col(f"_k{i}").cast("string")
        condition = part if condition is None else condition & part
    missing = complete.join(keys, condition, "left_anti")
    return _result(check, missing, F.lit(True), _joined(check.columns), frame.count(),
                   f"no {check.related} with this {'/'.join(targets)}")


def not_equal(check: Check, frame: DataFrame, related: DataFrame | None) -> RuleOutcome:
    a, c = check.columns
    condition = _col(a).isNotNull() & _col(c).isNotNull() & (_col(a) == _col(c))
    return _result(check, frame, condition, _col(a), None, f"{a} equals {c}")


def _dec(name: str) -> Any:
    from pyspark.sql import functions as F

    c = _col(name)
    return F.when(c.rlike(DECIMAL_TEXT), c.try_cast("decimal(30,12)"))


def _over(total: Any, ordered: Any, tolerance: Any) -> Any:
    """total * 100 > ordered * (100 + tolerance): exact, no division."""
    from pyspark.sql import functions as F

    return total * F.lit(100) > ordered * (F.lit(100) + F.coalesce(tolerance, F.lit(0)))


def within_tolerance(check: Check, frame: DataFrame, related: DataFrame | None) -> RuleOutcome:
    from pyspark.sql import functions as F

    o_val, o_unit, p_val, p_unit, s_val, s_unit, tol = check.columns
    for name in check.columns:
        if name not in frame.columns:
            frame = frame.withColumn(name, F.lit(None).cast("string"))
    tol_ok = _col(tol).isNull() | _col(tol).rlike(DECIMAL_TEXT)
    ordered_ok = _col(o_val).rlike(DECIMAL_TEXT) & _col(o_unit).isNotNull() & tol_ok
    produced_ok = _col(p_val).isNull() | (_col(p_val).rlike(DECIMAL_TEXT)
                                          & (_col(p_unit) == _col(o_unit)))
    scrapped_ok = _col(s_val).isNull() | (_col(s_val).rlike(DECIMAL_TEXT)
                                          & (_col(s_unit) == _col(o_unit)))
    some = _col(p_val).isNotNull() | _col(s_val).isNotNull()
    total = F.coalesce(_dec(p_val), F.lit(0)) + F.coalesce(_dec(s_val), F.lit(0))
    condition = (ordered_ok & F.coalesce(produced_ok, F.lit(False))
                 & F.coalesce(scrapped_ok, F.lit(False)) & some
                 & _over(total, _dec(o_val), _dec(tol)))
    ident = _col("id") if "id" in frame.columns else _col(o_val)
    return _result(check, frame, F.coalesce(condition, F.lit(False)), ident, None,
                   "produced + scrapped is above ordered beyond the overdelivery tolerance")


def receipts_within_ordered(check: Check, frame: DataFrame,
                            related: DataFrame | None) -> RuleOutcome:
    from pyspark.sql import functions as F

    other = _need(related, check)
    order, kind, value, unit = check.columns
    o_id, o_val, o_unit, o_tol = check.targets
    if o_tol not in other.columns:
        other = other.withColumn(o_tol, F.lit(None).cast("string"))
    orders = (other.filter(_col(o_id).isNotNull() & _col(o_val).rlike(DECIMAL_TEXT)
                           & _col(o_unit).isNotNull()
                           & (_col(o_tol).isNull() | _col(o_tol).rlike(DECIMAL_TEXT)))
              .select(_col(o_id).alias("_oid"), _dec(o_val).alias("_oval"),
                      _col(o_unit).alias("_ounit"), _dec(o_tol).alias("_otol"))
              .dropDuplicates(["_oid"]))
    receipts = frame.filter((_col(kind) == "goods_receipt") & _col(order).isNotNull()
                            & _col(value).rlike(DECIMAL_TEXT))
    joined = receipts.join(orders, (_col(order) == F.col("_oid"))
                           & (_col(unit) == F.col("_ounit")), "inner")
    totals = joined.groupBy("_oid", "_oval", "_otol").agg(F.sum(_dec(value)).alias("_total"))
    over = totals.filter(_over(F.col("_total"), F.col("_oval"), F.col("_otol"))).select("_oid")
    flagged = frame.join(over, _col(order) == F.col("_oid"), "inner").filter(
        _col(kind) == "goods_receipt")
    return _result(check, flagged, F.lit(True), _col(order), frame.count(),
                   "goods receipts of the order exceed its ordered quantity beyond tolerance")


def no_overlap(check: Check, frame: DataFrame, related: DataFrame | None) -> RuleOutcome:
    """EQS-003 as in :func:`canonical.validation.batch.crossrow.no_overlap`, in a window."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    key, start, end = check.columns
    for name in check.columns:
        if name not in frame.columns:
            frame = frame.withColumn(name, F.lit(None).cast("string"))
    work = (frame.withColumn("_s", _col(start).try_cast("timestamp"))
            .withColumn("_e", _col(end).try_cast("timestamp"))
            .filter(_col(key).isNotNull() & F.col("_s").isNotNull()))
    ordered = Window.partitionBy(_col(key)).orderBy(F.col("_s"))
    earlier = ordered.rowsBetween(Window.unboundedPreceding, -1)
    work = (work.withColumn("_before", F.max("_e").over(earlier))
            .withColumn("_prev", F.lag("_s").over(ordered)))
    condition = F.coalesce((F.col("_s") < F.col("_before")) | (F.col("_s") == F.col("_prev")),
                           F.lit(False))
    return _result(check, work, condition, _col(key), frame.count(),
                   f"intervals of one {key} overlap (start before an earlier interval's end)")


CHECKS: dict[str, Impl] = {
    "no_overlap": no_overlap,
    "reversal_references": reversal_references,
    "unique_together": unique_together,
    "reference_exists": reference_exists,
    "not_equal": not_equal,
    "within_tolerance": within_tolerance,
    "receipts_within_ordered": receipts_within_ordered,
}
