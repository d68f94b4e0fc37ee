"""Ranges in one string and censored results as LIMS send them (canonical.engine.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canonical.engine.numbers import GROUP_MARKS, NumberFormat, censored, split_range
from canonical.engine.values import Problem, read_decimal

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


#: every thousands separator a spec may declare, with a decimal comma (a dot is a group mark)
_COMMA_FORMAT = NumberFormat(",", frozenset(GROUP_MARKS - {","}))
_DOT_FORMAT = NumberFormat(".", frozenset({" ", "'"}))


def _reference(form: NumberFormat, text: str) -> Decimal | Problem:
    """What a locale number reads as by the definition: its plain digits (the format's
    pattern, group marks taken out, the decimal mark made a dot) read by ``read_decimal``."""
    match = form.pattern.fullmatch(text)
    if match is None:
        return Problem("no match")
    whole = match["int"].replace(match["g"], "") if match["g"] else match["int"]
    digits = match["sign"] + whole + ("." + match["frac"] if match["frac"] else "")
    return read_decimal(digits)


def _grouped(digits: str, mark: str) -> str:
    head = len(digits) % 3 or 3
    return mark.join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


@pytest.mark.parametrize("form", [_COMMA_FORMAT, _DOT_FORMAT], ids=["comma", "dot"])
def test_a_locale_number_reads_as_its_plain_digits_at_every_length(form: NumberFormat) -> None:
    """The digit limits of a decimal (18 before the mark, 12 after) hold for a locale number
    exactly as for a plain one, with and without thousands separators and a sign: a number
    within them is its exact Decimal (scale kept), one beyond them is refused (LEX/ENG-107
    message of read_decimal), never rounded."""
    marks = sorted(form.groups)
    seen = {"kept": 0, "refused": 0}
    for whole in range(1, 22):
        for fraction in (0, 1, 2, 11, 12, 13, 15):
            for sign in ("", "-"):
                for mark in ("", *marks):
                    digits = "9" * whole if whole % 2 else "1" + "0" * (whole - 1)
                    text = sign + (_grouped(digits, mark) if mark else digits)
                    if fraction:
                        text += form.decimal + "0" * (fraction - 1) + "5"
                    found, expected = form.read(text), _reference(form, text)
                    if isinstance(expected, Problem):
                        assert isinstance(found, Problem), text
                        assert found == expected, text  # the same message
                        seen["refused"] += 1
                    else:
                        assert type(found) is Decimal and str(found) == str(expected), text
                        seen["kept"] += 1
    assert seen["kept"] > 100 and seen["refused"] > 100


@pytest.mark.parametrize("text", ["1.23,5", "1 234 56,5", "12,", ",5", "1\u00a0234 567,5",
                                  " 12,5", "12,5\n", "\u0661\u0662", "abc", "", "+1,5"])
def test_a_text_that_is_no_locale_number_is_a_problem(text: str) -> None:
    """Separators only as real thousands groups (one mark throughout), nothing around the
    number, ASCII digits: anything else is refused, never guessed."""
    assert isinstance(_COMMA_FORMAT.read(text), Problem)
