"""Uniqueness by sorted 64-bit hashes gives Great Expectations' own outcome."""

from __future__ import annotations

import pandas as pd
import pytest

from canonical.validation.batch import engine as ge
from canonical.validation.batch.crossrow import unique_together
from canonical.validation.batch.suite import load_suite
from canonical.validation.batch.unique import UNIQUE, duplicated, unique_outcome


def _ids() -> pd.Series:
    values: list[str | None] = [f"MES-GI-{n:06d}" for n in range(300)]
    for n in range(0, 300, 7):
        values[n] = f"MES-GI-{n // 2:06d}"  # 43 repeats, more than GE's pool of 20 values
    values[5] = values[250] = None  # missing ids are not duplicates of each other
    values[11] = "mes-gi-000011"  # differs in case only: not a duplicate
    values[12] = "MES-GI-000012 "  # differs in a trailing blank only
    return pd.Series(values, dtype="str")


@pytest.mark.parametrize("column", [_ids(), pd.Series(["1"] * 3 + [None] * 4, dtype="str"),
                                    pd.Series([None, None], dtype="str")])
def test_unique_outcome_is_the_outcome_of_great_expectations(column: pd.Series) -> None:
    frame = pd.DataFrame({"id": column})
    expectation = next(e for e in load_suite("Material").expectations
                       if e.type == UNIQUE and e.column == "id")
    suite = ge.gx_suite("unique-test", (expectation,), (-1,))
    theirs = ge.outcomes(ge.validate(frame, "Material", suite, "pandas"), len(frame))[0]
    ours = unique_outcome(expectation, frame)
    assert ours.to_dict() == theirs.to_dict()
    assert ours.pool == theirs.pool


def test_rows_repeating_a_key_of_several_columns_fail_every_occurrence() -> None:
    frame = pd.DataFrame({
        "order": pd.Series(["4711", "4711", "4712", "4711", None, None], dtype="str"),
        "sequence": pd.array([10, 20, 10, 10, 10, 10], dtype="Int64"),
    })
    assert list(duplicated(frame, ["order", "sequence"])) == [True, False, False, True,
                                                              False, False]
    check = next(c for c in load_suite("Operation").checks if c.check == "unique_together")
    found = unique_together(check, frame, None)
    assert found.rule_id == "ORD-002" and found.failing == 2 and found.sample == ("'4711/10'",)
