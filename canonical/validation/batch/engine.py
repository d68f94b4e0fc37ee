"""Great Expectations 1.x behind one function: run expectations on a pandas or Spark frame.

One ephemeral context per process (no files, no analytics, no progress bars), one data
source per engine and one dataframe asset per extract, created on first use and reused,
so every run after the first pays only for the validation itself. Results come back as
:class:`~canonical.validation.batch.result.RuleOutcome` carrying the rule id from each
expectation's ``meta``.
"""

from __future__ import annotations

import logging
import os
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

from canonical.validation.batch import rules as b
from canonical.validation.batch.result import RuleOutcome, row_of, sampled, show
from canonical.validation.batch.suite import Expectation

Engine = Literal["pandas", "spark"]

#: How many failing values GE collects per expectation (the report shows the sorted first 5).
PARTIAL_COUNT = 20
RESULT_FORMAT: dict[str, Any] = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": PARTIAL_COUNT,
    "include_unexpected_rows": False,
}


def import_gx() -> Any:
    """Import great_expectations quietly (no analytics, no usage banner, no pandas warning)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GE_USAGE_STATISTICS_URL", "")
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                            category=FutureWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import great_expectations as gx
    for name in ("great_expectations", "py4j", "pyspark"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return gx


@dataclass(slots=True)
class _State:
    context: Any = None
    sources: dict[str, Any] = field(default_factory=dict)
    batches: dict[tuple[str, str], Any] = field(default_factory=dict)
    suites: dict[tuple[str, tuple[int, ...]], Any] = field(default_factory=dict)


_STATE = _State()


def _context() -> Any:
    if _STATE.context is None:
        gx = import_gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                             metric_calculations=False)
        _STATE.context = context
    return _STATE.context


def _batch_definition(engine: Engine, extract: str) -> Any:
    key = (engine, extract)
    found = _STATE.batches.get(key)
    if found is None:
        context = _context()
        source = _STATE.sources.get(engine)
        if source is None:
            name = f"canonical-{engine}"
            source = (context.data_sources.add_spark(name) if engine == "spark"
                      else context.data_sources.add_pandas(name))
            _STATE.sources[engine] = source
        asset = source.add_dataframe_asset(extract)
        found = asset.add_batch_definition_whole_dataframe(f"{extract}-whole")
        _STATE.batches[key] = found
    return found


def gx_suite(name: str, expectations: tuple[Expectation, ...], key: tuple[int, ...]) -> Any:
    """A ``gx.ExpectationSuite`` for these expectations (cached by their positions)."""
    cache_key = (name, key)
    found = _STATE.suites.get(cache_key)
    if found is None:
        gx = import_gx()
        found = gx.ExpectationSuite(name=name, expectations=[e.to_data() for e in expectations])
        _STATE.suites[cache_key] = found
    return found


def validate(frame: Any, extract: str, suite: Any, engine: Engine) -> Any:
    """Run a GE suite on a frame: the raw ``ExpectationSuiteValidationResult``."""
    batch = _batch_definition(engine, extract).get_batch(batch_parameters={"dataframe": frame})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return batch.validate(suite, result_format=RESULT_FORMAT)


def outcomes(result: Any, rows: int) -> list[RuleOutcome]:
    """Each expectation result as an outcome (rule id from meta, sorted sample)."""
    found: list[RuleOutcome] = []
    for item in result.results:
        config = item.expectation_config
        rule_id = str((config.meta or {}).get("rule_id", "BAT-009"))
        column = str(config.kwargs.get("column", ""))
        raised = raised_message(item.exception_info)
        if raised is not None:
            found.append(RuleOutcome(
                b.NOT_EVALUATED.id, column, config.type, rows, rows, (),
                f"{rule_id} could not be evaluated: {raised[:200]}", b.NOT_EVALUATED.severity,
            ))
            continue
        detail = item.result or {}
        failing = int(detail.get("unexpected_count") or 0)
        values = () if config.type.endswith("not_be_null") else (
            detail.get("partial_unexpected_list") or ())
        pool = tuple(show(v) for v in values)
        found.append(RuleOutcome(rule_id, column, config.type, failing, rows, sampled(pool),
                                 describe(config.type, config.kwargs), None, pool,
                                 PARTIAL_COUNT, _first_row(detail) if failing else None))
    return found


def raised_message(info: object) -> str | None:
    """The message of the exception GE met evaluating an expectation (None: it ran). GE 1.x
    keeps one ``{raised_exception, exception_message}`` entry per metric it computed, keyed by
    metric; older results have that entry flat."""
    if not isinstance(info, dict):
        return None
    entries = [info] if "raised_exception" in info else list(info.values())
    for entry in entries:
        if isinstance(entry, dict) and entry.get("raised_exception"):
            return str(entry.get("exception_message") or "engine error")
    return None


def _first_row(detail: dict[str, Any]) -> int | None:
    """The first failing row: the least row label GE lists in ``partial_unexpected_index_list``
    (part of the SUMMARY result on pandas, so knowing it costs nothing; Spark lists none)."""
    labels = [row_of(i) for i in detail.get("partial_unexpected_index_list") or ()]
    rows = [i for i in labels if i is not None]
    return min(rows) if rows else None


def describe(kind: str, kwargs: dict[str, Any]) -> str:
    if "regex" in kwargs:
        return f"pattern {kwargs['regex']}"
    if "value_set" in kwargs:
        values = list(kwargs["value_set"])
        shown = ", ".join(map(str, values[:8])) + (f", ... ({len(values)} codes)"
                                                   if len(values) > 8 else "")
        return ("not one of " if kind.endswith("not_be_in_set") else "one of ") + shown
    if "min_value" in kwargs or "max_value" in kwargs:
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        return " and ".join(t for t in (f">= {low:g}" if low is not None else "",
                                        f"<= {high:g}" if high is not None else "") if t)
    return ""
