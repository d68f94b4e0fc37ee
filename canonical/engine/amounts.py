"""The amount of a quantity field, read from its native value as the spec declares it.

A spec may say that the amount is one end of a range written in one string (``part``), that
it may be a censored laboratory result (``censored``), and how its numbers are written
(``number``: decimal mark and thousands separators; ``decimal_comma``). :func:`amount_reader`
composes what is declared, once per field when the spec is compiled, into one reader
``read(raw, say)``: the amount (a Decimal), a censored result ``(operator, bound)``, or
:data:`~canonical.engine.steps.FAIL`. The generated code
(:mod:`~canonical.engine.codegen`) and the reference path call the same reader; only the
first passes ``say=None`` (a problem gives FAIL, and the field is read again, saying why).
"""

from __future__ import annotations

from collections.abc import Callable

from canonical.engine import rules
from canonical.engine.numbers import NumberFormat, censored, split_range
from canonical.engine.spec import QuantityRule
from canonical.engine.steps import FAIL, Say, fail
from canonical.engine.values import Problem, read_decimal

#: ``read(raw, say)``: a Decimal, ``(operator, Decimal)`` for a censored result, or FAIL
AmountReader = Callable[[object, "Say | None"], object]


def amount_reader(rule: QuantityRule, number: NumberFormat | None, *,
                  comma: bool) -> AmountReader:
    """The reader of the amount a quantity ``rule`` declares (``number``: the field's, or
    the spec's, number format)."""
    def exact(value: object, say: Say | None) -> object:
        found = read_decimal(value, comma=comma)
        if type(found) is Problem:
            return fail(say, rules.BAD_DECIMAL, found, value)
        return found

    part, is_censored = rule.part, rule.censored is not None
    if not (part or is_censored or number):
        return exact
    end = 0 if part == "lower" else 1
    plain = number.plain if number is not None else None

    def text(value: str, say: Say | None) -> object:
        """One end of a range, a censored result or a locale number, as declared."""
        operator = None
        if part is not None:
            ends = split_range(value)
            if type(ends) is Problem:
                return fail(say, rules.BAD_DECIMAL, ends, value)
            value = ends[end]
        if is_censored:
            found = censored(value)
            if found is not None:
                operator, value = found
        if plain is not None:
            digits = plain(value)
            if type(digits) is Problem:
                return fail(say, rules.BAD_DECIMAL, digits, value)
            value = digits
        amount = exact(value, say)
        if operator is None or amount is FAIL:
            return amount
        return operator, amount

    def read(raw: object, say: Say | None) -> object:
        return text(raw, say) if type(raw) is str else exact(raw, say)

    return read

