"""Uniqueness of a column (or a set of columns) in a few bytes per row.

A uniqueness rule compares every row with every other, so it is the one rule of a batch
run whose working memory grows with the extract. Great Expectations' pandas
``expect_column_values_to_be_unique`` (``Series.duplicated``) builds a hash table of Python
strings: some 150-400 MB for a million ids. Here each row becomes a 64-bit hash of its
values (pandas' ``hash_pandas_object``, computed a slice at a time so the Python strings
of one slice exist at once) and the duplicates are found by sorting the hashes: 8 bytes per
row plus the sort's index. Two different values share a hash with a probability of about
n^2 / 2^65 (3 in 100 million for a million rows); that is the price of bounded memory.

The pandas engine evaluates ``expect_column_values_to_be_unique`` (GE's semantics: non-null
values that occur more than once, every occurrence failing, the sample drawn from the first
failing values in row order; a test holds it to GE's own result) and the ``unique_together``
check with :func:`duplicated`, whole extract or chunked (:mod:`~canonical.validation.batch.chunked`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from canonical.validation.batch.engine import PARTIAL_COUNT, describe
from canonical.validation.batch.result import RuleOutcome, first_failing, sampled, show
from canonical.validation.batch.suite import Expectation

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: the expectation type evaluated here instead of by Great Expectations (pandas engine)
UNIQUE = "expect_column_values_to_be_unique"
#: rows hashed at once (the Python strings of one slice exist at the same time)
SLICE_ROWS = 100_000


def _hashes(frame: pd.DataFrame) -> np.ndarray:
    import numpy as np
    import pandas as pd

    parts = [pd.util.hash_pandas_object(frame.iloc[start:start + SLICE_ROWS], index=False)
             .to_numpy() for start in range(0, len(frame), SLICE_ROWS)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)


def duplicated(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Rows whose values in ``columns`` are all present and occur in more than one row."""
    import numpy as np
    import pandas as pd

    part = frame[columns]
    complete = part.notna().all(axis=1).to_numpy()
    rows = np.flatnonzero(complete)
    hashes = _hashes(part.iloc[rows])
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    same = ordered[1:] == ordered[:-1]
    repeated = np.zeros(len(ordered), dtype=bool)
    repeated[1:] |= same
    repeated[:-1] |= same
    mask = np.zeros(len(frame), dtype=bool)
    mask[rows[order[repeated]]] = True
    return pd.Series(mask, index=frame.index)


def unique_outcome(expectation: Expectation, frame: pd.DataFrame) -> RuleOutcome:
    """The outcome of an ``expect_column_values_to_be_unique`` expectation on ``frame``."""
    column = expectation.column
    mask = duplicated(frame, [column])
    failing = int(mask.sum())
    pool = tuple(show(v) for v in frame[column][mask].head(PARTIAL_COUNT))
    return RuleOutcome(expectation.rule_id, column, UNIQUE, failing, len(frame), sampled(pool),
                       describe(UNIQUE, expectation.kwargs), None, pool, PARTIAL_COUNT,
                       first_failing(mask))
