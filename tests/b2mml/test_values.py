"""Exact values in any legal lexical form: exponent decimals read exactly, written plain;
digits outside ASCII refused, never read as ASCII digits (issue 15, item 4)."""

from __future__ import annotations

import pytest

from canonical.b2mml import values


@pytest.mark.parametrize(("text", "plain"), [
    ("0.4E1", "4"), ("4.08E3", "4080"), ("1.50E-1", "0.150"), ("-2E0", "-2"),
    ("1E+2", "100"), (".5e1", "5"), ("12.500", "12.500"), ("0010", "10"),
])
def test_decimals_in_exponent_form_are_exact_and_written_plain(text: str, plain: str) -> None:
    assert values.decimal_text(text) == plain


@pytest.mark.parametrize("text", ["1E40", "1E-31", "NaN", "INF", "-INF", "1,5", "+1", "1 000"])
def test_not_a_decimal_or_too_many_digits_is_refused(text: str) -> None:
    with pytest.raises(values.ValueProblem):
        values.decimal_text(text)


@pytest.mark.parametrize("text", ["\u0661\u0662", "\uff11\uff12.5", "1\u0662E1"])
def test_non_ascii_digits_are_refused_as_decimals(text: str) -> None:
    with pytest.raises(values.ValueProblem, match="LEX-001"):
        values.decimal_text(text)


def test_non_ascii_digits_are_refused_in_integers_and_time_stamps() -> None:
    with pytest.raises(values.ValueProblem):
        values.integer("\u0661\u0660")
    with pytest.raises(values.ValueProblem):
        values.timestamp("\u0662026-03-02T06:00:00Z")
    with pytest.raises(values.ValueProblem):
        values.calendar_date("2026-03-0\u0662")
