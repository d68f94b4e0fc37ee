"""Ranges in one string and censored results as LIMS send them (canonical.engine.numbers)."""

from __future__ import annotations

import pytest

from canonical.engine.numbers import censored, split_range
from canonical.engine.values import Problem

#: a range as sent -> its two ends (None: not a range)
RANGES: dict[str, tuple[str, str] | None] = {
    "0,995 - 1,015": ("0,995", "1,015"), "41,4 \u2013 50,6": ("41,4", "50,6"),
    "1 000 - 2 000": ("1 000", "2 000"), "0..0,05": ("0", "0,05"), "-5--1": ("-5", "-1"),
    "  7-9 ": ("7", "9"), "0,995": None, "- 1,015": None, "0,995 -": None, "": None,
}
#: a result as sent -> its operator and bound (None: a plain value)
CENSORED: dict[str, tuple[str, str] | None] = {
    "< 0,02": ("<", "0,02"), "  >100 ": (">", "100"), "<= 5": ("<=", "5"),
    "\u2264 0,5": ("<=", "0,5"), "\u2265 12": (">=", "12"), "0,02": None, " 0,02 <": None,
    "": None, "<": None,
}


@pytest.mark.parametrize("text", RANGES)
def test_a_range_splits_into_its_two_ends_or_is_a_problem(text: str) -> None:
    for _ in range(2):  # asked again (the other end of the range): the same answer
        found = split_range(text)
        if RANGES[text] is None:
            assert isinstance(found, Problem)
        else:
            assert found == RANGES[text]


@pytest.mark.parametrize("text", CENSORED)
def test_censored_results(text: str) -> None:
    assert censored(text) == CENSORED[text]
