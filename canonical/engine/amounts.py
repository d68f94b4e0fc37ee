"""The amount of a quantity field, read from its native value as the spec declares it.

A spec may say that the amount is one end of a range written in one string (``part``), that
it may be a censored laboratory result (``censored``), and how its numbers are written
(``number``: decimal mark and thousands separators; ``decimal_comma``). :func:`amount_reader`
composes what is declared, once per field when the spec is compiled, into one reader
``read(raw, say)``: the amount (a Decimal), a censored result ``(operator, bound)``, or
:data:`~canonical.engine.steps.FAIL`. The generated code
(:mod:`~canonical.engine.codegen`) and the reference path call the same reader; only the
first passes ``say=None`` (a problem gives FAIL, and the field is read again, saying why).

A specification range repeats on every result of its test, and both of its ends (two
quantities) read the same text: without findings, the two amounts of a range text are read
once and remembered (bounded, per declared reading, like :func:`~canonical.engine.numbers.
split_range`); the answers are immutable.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache, partial
from typing import NamedTuple

from canonical.engine import rules
from canonical.engine.numbers import RANGE_CACHE_SIZE, NumberFormat, censored, split_range
from canonical.engine.spec import QuantityRule
from canonical.engine.steps import FAIL, Say, fail
from canonical.engine.values import Problem, read_decimal

#: ``read(raw, say)``: a Decimal, ``(operator, Decimal)`` for a censored result, or FAIL
AmountReader = Callable[[object, "Say | None"], object]
#: the same for a native value known to be a string
TextReader = Callable[[str, "Say | None"], object]
#: the amounts of both ends of a range text, read without findings (FAIL for an end that
#: cannot be read), per declared reading: (number format, decimal comma, censored)
_ENDS: dict[tuple[NumberFormat | None, bool, bool], Callable[[str], tuple[object, object]]] = {}


class Amounts(NamedTuple):
    """The reader of a quantity field's amount: ``read`` takes any native value, ``text``
    the same for a value known to be a string (what the generated code calls once it has
    tested the type: one call less)."""

    read: AmountReader
    text: TextReader
    #: for an amount read as a plain decimal: the reader's own function, giving the
    #: Decimal (anything else is a Problem: the reader's FAIL), for the generated code to
    #: call in line; None for any other reading
    decimal: Callable[[object], Decimal | Problem] | None = None


def amount_reader(rule: QuantityRule, number: NumberFormat | None, *,
                  comma: bool) -> Amounts:
    """The reader of the amount a quantity ``rule`` declares (``number``: the field's, or
    the spec's, number format)."""
    part, is_censored = rule.part, rule.censored is not None
    one = _one_amount(number, comma=comma, is_censored=is_censored)
    if part is None:
        return one
    end = 0 if part == "lower" else 1
    key = (number, comma, is_censored)
    ends_of = _ENDS.get(key)
    if ends_of is None:
        ends_of = _ENDS[key] = lru_cache(maxsize=RANGE_CACHE_SIZE)(
            lambda text: _both_ends(text, one.text))

    def text(raw: str, say: Say | None) -> object:
        """One end of a range written in one string (``"0,995 - 1,015"``)."""
        if say is None:
            return ends_of(raw)[end]
        ends = split_range(raw)
        if type(ends) is Problem:
            return fail(say, rules.BAD_DECIMAL, ends, raw)
        return one.text(ends[end], say)

    def read(raw: object, say: Say | None) -> object:
        return text(raw, say) if type(raw) is str else one.read(raw, say)

    return Amounts(read, text)


def _both_ends(text: str, one: TextReader) -> tuple[object, object]:
    ends = split_range(text)
    if type(ends) is Problem:
        return FAIL, FAIL
    return one(ends[0], None), one(ends[1], None)


def _one_amount(number: NumberFormat | None, *, comma: bool,
                is_censored: bool) -> Amounts:
    """The reader of one amount: a censored result's operator first, then the declared
    number format, then the exact decimal."""
    def exact(value: object, say: Say | None) -> object:
        found = read_decimal(value, comma=comma)
        if type(found) is Problem:
            return fail(say, rules.BAD_DECIMAL, found, value)
        return found

    if not (is_censored or number):
        return Amounts(exact, exact, read_decimal if not comma else None)
    number_of = number.read if number is not None else partial(read_decimal, comma=comma)

    def text(value: str, say: Say | None) -> object:
        """The amount of a text: its operator (when censored) and its number."""
        operator = None
        if is_censored:
            found = censored(value)
            if found is not None:
                operator, value = found
        amount = number_of(value)
        if type(amount) is Problem:
            return fail(say, rules.BAD_DECIMAL, amount, value)
        return amount if operator is None else (operator, amount)

    def read(raw: object, say: Say | None) -> object:
        return text(raw, say) if type(raw) is str else exact(raw, say)

    return Amounts(read, text)
