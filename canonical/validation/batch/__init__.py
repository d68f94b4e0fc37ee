"""Batch suites: validate whole extracts (CSV, JSON Lines, Parquet) with Great Expectations.

The suites are generated from the LinkML schema into ``validators/canonical/`` (one GE 1.x
suite per extract, each expectation carrying the project rule id in its ``meta``) and run
on pandas or, unchanged, on Spark through GE's Spark data source. Checks GE cannot express
(reversals, references across extracts, over-delivery) are our own vectorised code in the
same result model. Modules, bottom up:

- :mod:`~canonical.validation.batch.suite`: the suite/extract-layout model and loading;
- :mod:`~canonical.validation.batch.generate`: the generator and drift check (linkml);
- :mod:`~canonical.validation.batch.prepare`, :mod:`~canonical.validation.batch.crossrow`:
  pandas column preparation and cross-row checks (:mod:`~canonical.validation.batch.spark`
  for Spark);
- :mod:`~canonical.validation.batch.engine`: the Great Expectations context and run;
- :mod:`~canonical.validation.batch.plant`: per-plant mapping expectations;
- :mod:`~canonical.validation.batch.run`: :func:`run_suite` / :func:`check_extract`;
- :mod:`~canonical.validation.batch.read`, :mod:`~canonical.validation.batch.render`: files in,
  text / JSON / HTML out.

Importing this package imports neither pandas nor Great Expectations; a run does.
"""

from canonical.validation.batch.result import BatchResult, RuleOutcome
from canonical.validation.batch.run import check_extract, run_suite
from canonical.validation.batch.suite import Suite, load_suite, suite_names

__all__ = [
    "BatchResult",
    "RuleOutcome",
    "Suite",
    "check_extract",
    "load_suite",
    "run_suite",
    "suite_names",
]
