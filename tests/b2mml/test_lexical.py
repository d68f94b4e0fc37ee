"""Issue 13: the B2MML reader reads numbers and dates by the shared lexical rules.

Before: ``\\d`` and ``Decimal()``/``int()`` read Arabic-Indic and full-width digits as ASCII,
so a QuantityString written in Arabic-Indic digits became 12.500 without a finding.
"""

from __future__ import annotations

import pytest
from test_leniency import V0600, lot

from canonical.b2mml import read_document
from canonical.b2mml.values import ValueProblem, decimal_text, integer, timestamp


@pytest.mark.parametrize("amount", ["\u0661\u0662.\u0665\u0660\u0660", "\uff11\uff12.500",
                                    "1\u0662.500"])
def test_quantity_with_foreign_digits_or_controls_is_a_finding(amount: str) -> None:
    data = lot(V0600).replace(b"12.500", amount.encode())
    result = read_document(data)
    assert [f.rule_id for f in result.report] == ["B2M-103"]
    assert "LEX-00" in result.report.findings[0].message
    assert result.records == {}


@pytest.mark.parametrize("parse,text,rule", [
    (decimal_text, "\u0661\u0662", "LEX-001"),
    (integer, "\u0660\u0660\u0661\u0660", "LEX-001"),
    (integer, "\uff10\uff10\uff11\uff10", "LEX-001"),
    (timestamp, "\u0662\u0660\u0662\u0666-03-02T06:00:00+01:00", "LEX-001"),
    (decimal_text, "12\x0b5", "LEX-003"),
])
def test_value_parsers_name_the_lexical_rule(parse: object, text: str, rule: str) -> None:
    with pytest.raises(ValueProblem, match=rule):
        parse(text)  # type: ignore[operator]


def test_xml_layout_whitespace_around_a_value_is_still_read() -> None:
    # XML Schema's whiteSpace facet collapses it for decimals: not part of the value
    assert decimal_text("\n  12.500\n") == "12.500"
    assert integer(" 0010 ") == 10
