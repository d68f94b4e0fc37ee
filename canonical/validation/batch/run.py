"""Run a suite on an extract: ``run_suite`` (a Report) and ``check_extract`` (counts and samples).

The steps: match the columns against the extract layout, bring each column to its storage
type, run the expectations of the present columns (plus the plant's mapping expectations)
through Great Expectations, then run the cross-row checks of the suite, and return one
:class:`~canonical.validation.batch.result.BatchResult`. A Spark DataFrame (or
``engine="spark"``) runs the very same suite through GE's Spark data source.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date
from typing import Any

from canonical.report import Finding, Report
from canonical.rules import get as rule_of
from canonical.validation.batch import engine as ge
from canonical.validation.batch import rules as b
from canonical.validation.batch.prepare import Prepared
from canonical.validation.batch.result import BatchResult, RuleOutcome
from canonical.validation.batch.suite import Check, Expectation, Suite, load_suite

Frame = Any  # a pandas or a pyspark.sql DataFrame (neither is imported here)


def is_spark(frame: object) -> bool:
    return type(frame).__module__.startswith("pyspark.sql")


def run_suite(df: Frame, entity: str, *, plant: str | None = None,
              related: Mapping[str, Frame] | None = None,
              source_system: str | None = None, on: date | None = None) -> Report:
    """Validate an extract of ``entity``; every finding, never the first only.

    ``related`` gives the other extracts cross-extract checks need (e.g.
    ``{"ProductionOrder": orders}`` for an Operation extract); without them those checks
    are reported as skipped (``BAT-004``, info). ``plant`` adds the plant's mapping
    expectations for a native (not yet mapped) extract.
    """
    return check_extract(df, entity, plant=plant, related=related,
                         source_system=source_system, on=on).to_report()


def check_extract(df: Frame, entity: str, *, plant: str | None = None,
                  related: Mapping[str, Frame] | None = None,
                  source_system: str | None = None, on: date | None = None,
                  source: str | None = None) -> BatchResult:
    """Like :func:`run_suite`, with per-rule counts, percentages and samples."""
    suite = load_suite(entity)
    spark = is_spark(df)
    started = time.perf_counter()
    if spark:
        from canonical.validation.batch import spark as engine_impl
    else:
        from canonical.validation.batch import prepare as engine_impl  # type: ignore[no-redef]
        if not df.index.equals(_default_labels(len(df))):  # first failing rows are positions
            df = df.reset_index(drop=True)
    prepared = engine_impl.prepare(df, suite)
    expectations, plant_notes, name = selected(suite, prepared.present, plant,
                                               source_system=source_system, on=on)
    notes: list[Finding] = [*prepared.notes, *plant_notes]
    outcomes: list[RuleOutcome] = list(prepared.outcomes)
    prepared_at = time.perf_counter()
    if prepared.rows and expectations:
        outcomes.extend(expect(prepared, suite, name, expectations, spark))
    validated_at = time.perf_counter()
    if prepared.rows:
        found, skipped = _cross(suite, prepared, related or {}, spark)
        outcomes.extend(found)
        notes.extend(skipped)
    done = time.perf_counter()
    return BatchResult(
        extract=suite.extract, rows=prepared.rows, engine="spark" if spark else "pandas",
        outcomes=tuple(outcomes), notes=tuple(notes), plant=plant, source=source,
        extras={"prepare_s": prepared_at - started, "validate_s": validated_at - prepared_at,
                "cross_s": done - validated_at},
    )


def _default_labels(rows: int) -> Any:
    """The default row labels 0..rows-1 of a pandas frame."""
    import pandas as pd

    return pd.RangeIndex(rows)


def selected(suite: Suite, present: set[str], plant: str | None, *,
             source_system: str | None = None,
             on: date | None = None) -> tuple[list[Expectation], list[Finding], str]:
    """The expectations that run on an extract with the ``present`` columns (with a plant:
    its mapping expectations instead of the canonical code sets), the plant's notes and the
    suite's name."""
    expectations = [e for e in suite.expectations if covered(e, present)]
    if plant is None:
        return expectations, [], suite.name
    from canonical.validation.batch.plant import plant_expectations, tables_for

    native = set(tables_for(suite))  # these columns hold plant codes, not canonical ones
    expectations = [e for e in expectations if e.column not in native
                    or e.type == "expect_column_values_to_not_be_null"]
    extra, plant_notes = plant_expectations(suite, plant, source_system=source_system, on=on)
    expectations.extend(e for e in extra if covered(e, present))
    return expectations, plant_notes, f"{suite.name}@{plant}"


def expect(prepared: Prepared, suite: Suite, name: str, expectations: list[Expectation],
           spark: bool = False) -> list[RuleOutcome]:
    """The outcomes of ``expectations`` on a prepared frame, in their order: run by Great
    Expectations, but uniqueness on pandas (:mod:`~canonical.validation.batch.unique`)."""
    from canonical.validation.batch.unique import UNIQUE, unique_outcome

    ours = {id(e) for e in expectations if e.type == UNIQUE and not spark}
    theirs = [e for e in expectations if id(e) not in ours]
    found: dict[int, RuleOutcome] = {}
    if theirs:
        key = tuple(_position(suite, e) for e in theirs)
        gx_suite = ge.gx_suite(name, tuple(theirs), key)
        result = ge.validate(prepared.frame, suite.extract, gx_suite,
                             "spark" if spark else "pandas")
        found = {id(e): o for e, o in zip(theirs, ge.outcomes(result, prepared.rows), strict=True)}
    return [found[id(e)] if id(e) not in ours else unique_outcome(e, prepared.frame)
            for e in expectations]


def covered(expectation: Expectation, present: set[str]) -> bool:
    return expectation.kwargs.get("column") in present


def _position(suite: Suite, expectation: Expectation) -> int:
    try:
        return suite.expectations.index(expectation)
    except ValueError:  # a plant expectation: identify it by its content
        return hash((expectation.type, expectation.column, expectation.rule_id,
                     str(expectation.kwargs)))


def runnable(suite: Suite, present: set[str],
             related: Mapping[str, set[str]]) -> tuple[list[Check], list[Finding]]:
    """The cross-row checks that run on an extract with the ``present`` columns, given the
    columns of the related extracts at hand, and a ``BAT-004`` note for each one skipped."""
    checks: list[Check] = []
    skipped: list[Finding] = []
    for check in suite.checks:
        if not set(check.columns) & present or not _needed_present(check, present):
            continue
        if check.related:
            columns = related.get(check.related)
            if columns is None:
                skipped.append(_skipped(check))
                continue
            if not set(check.targets) <= columns:
                skipped.append(_skipped(check, missing=True))
                continue
        checks.append(check)
    return checks, skipped


def cross(checks: list[Check], frame: Frame, related: Mapping[str, Prepared],
          spark: bool = False) -> list[RuleOutcome]:
    """The outcomes of cross-row checks (from :func:`runnable`) on a prepared frame."""
    if spark:
        from canonical.validation.batch.spark import CHECKS
    else:
        from canonical.validation.batch.crossrow import CHECKS
    return [CHECKS[c.check](c, frame, related[c.related].frame if c.related else None)
            for c in checks]


def prepare_related(suite: Suite, related: Mapping[str, Frame], spark: bool) -> dict[str, Prepared]:
    """The related extracts the suite's checks name, prepared by their own suites."""
    if spark:
        from canonical.validation.batch.spark import prepare
    else:
        from canonical.validation.batch.prepare import prepare
    names = {c.related for c in suite.checks if c.related}
    return {name: prepare(raw, load_suite(name)) for name, raw in related.items()
            if name in names}


def _cross(suite: Suite, prepared: Prepared, related: Mapping[str, Frame],
           spark: bool) -> tuple[list[RuleOutcome], list[Finding]]:
    others = prepare_related(suite, related, spark)
    checks, skipped = runnable(suite, prepared.present,
                               {name: other.present for name, other in others.items()})
    return cross(checks, prepared.frame, others, spark), skipped


def _needed_present(check: Check, present: set[str]) -> bool:
    """The key columns of a check must all be there (optional quantity columns may not)."""
    if check.check == "within_tolerance":  # produced / scrapped columns are optional
        return check.columns[0] in present
    return set(check.columns) <= present


def _skipped(check: Check, *, missing: bool = False) -> Finding:
    rule = rule_of(check.rule_id)
    why = (f"the {check.related} extract lacks column(s) {', '.join(check.targets)}" if missing
           else f"no {check.related} extract was given")
    return b.CHECK_SKIPPED.finding(f"{rule.id} ({check.check}) skipped: {why}",
                                   path=",".join(check.columns))
