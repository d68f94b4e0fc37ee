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
    prepared = engine_impl.prepare(df, suite)
    expectations = [e for e in suite.expectations if _covered(e, prepared.present)]
    notes: list[Finding] = list(prepared.notes)
    name = suite.name
    if plant is not None:
        from canonical.validation.batch.plant import plant_expectations, tables_for

        native = set(tables_for(suite))  # these columns hold plant codes, not canonical ones
        expectations = [e for e in expectations if e.column not in native
                        or e.type == "expect_column_values_to_not_be_null"]
        extra, plant_notes = plant_expectations(suite, plant, source_system=source_system, on=on)
        expectations.extend(e for e in extra if _covered(e, prepared.present))
        notes.extend(plant_notes)
        name = f"{suite.name}@{plant}"
    outcomes: list[RuleOutcome] = list(prepared.outcomes)
    prepared_at = time.perf_counter()
    if prepared.rows and expectations:
        key = tuple(_position(suite, e) for e in expectations)
        gx_suite = ge.gx_suite(name, tuple(expectations), key)
        result = ge.validate(prepared.frame, suite.extract, gx_suite,
                             "spark" if spark else "pandas")
        outcomes.extend(ge.outcomes(result, prepared.rows))
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


def _covered(expectation: Expectation, present: set[str]) -> bool:
    return expectation.kwargs.get("column") in present


def _position(suite: Suite, expectation: Expectation) -> int:
    try:
        return suite.expectations.index(expectation)
    except ValueError:  # a plant expectation: identify it by its content
        return hash((expectation.type, expectation.column, expectation.rule_id,
                     str(expectation.kwargs)))


def _cross(suite: Suite, prepared: Prepared, related: Mapping[str, Frame],
           spark: bool) -> tuple[list[RuleOutcome], list[Finding]]:
    if spark:
        from canonical.validation.batch.spark import CHECKS, prepare
    else:
        from canonical.validation.batch.crossrow import CHECKS
        from canonical.validation.batch.prepare import prepare
    found: list[RuleOutcome] = []
    skipped: list[Finding] = []
    for check in suite.checks:
        if not set(check.columns) & prepared.present or not _needed_present(check, prepared):
            continue
        other = None
        if check.related:
            raw = related.get(check.related)
            if raw is None:
                skipped.append(_skipped(check))
                continue
            other_suite = load_suite(check.related)
            other_prepared = prepare(raw, other_suite)
            if not set(check.targets) <= other_prepared.present:
                skipped.append(_skipped(check, missing=True))
                continue
            other = other_prepared.frame
        found.append(CHECKS[check.check](check, prepared.frame, other))
    return found, skipped


def _needed_present(check: Check, prepared: Prepared) -> bool:
    """The key columns of a check must all be there (optional quantity columns may not)."""
    if check.check == "within_tolerance":  # produced / scrapped columns are optional
        return check.columns[0] in prepared.present
    return set(check.columns) <= prepared.present


def _skipped(check: Check, *, missing: bool = False) -> Finding:
    rule = rule_of(check.rule_id)
    why = (f"the {check.related} extract lacks column(s) {', '.join(check.targets)}" if missing
           else f"no {check.related} extract was given")
    return b.CHECK_SKIPPED.finding(f"{rule.id} ({check.check}) skipped: {why}",
                                   path=",".join(check.columns))
