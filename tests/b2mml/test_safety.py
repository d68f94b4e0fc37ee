"""Hostile and non-B2MML input is refused with a rule id, quickly, without file or network access."""

from __future__ import annotations

import time

import pytest

from canonical.b2mml import read_document
from canonical.b2mml.safexml import MAX_DEPTH
from canonical.errors import B2MMLError

NS = "http://www.mesa.org/xml/B2MML"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TestResult xmlns="http://www.mesa.org/xml/B2MML"><ID>&lol9;</ID></TestResult>
"""


def external(target: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "{target}">]>\n'
            f'<TestResult xmlns="{NS}"><ID>&x;</ID></TestResult>').encode()


def rule_of(data: bytes) -> str:
    with pytest.raises(B2MMLError) as info:
        read_document(data)
    return info.value.rule_id


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    assert rule_of(BILLION_LAUGHS) == "B2M-002"
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("target", ["file:///etc/passwd", "/etc/hostname",
                                    "http://127.0.0.1:9/secret.xml"])
def test_external_entities_are_refused(target: str) -> None:
    assert rule_of(external(target)) == "B2M-002"


def test_external_dtd_is_refused() -> None:
    data = (f'<!DOCTYPE TestResult SYSTEM "http://127.0.0.1:9/b2mml.dtd">'
            f'<TestResult xmlns="{NS}"><ID>1</ID></TestResult>').encode()
    assert rule_of(data) == "B2M-002"


def test_utf16_doctype_is_refused_after_inert_parse() -> None:
    data = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM '
            f'"file:///etc/passwd">]>\n<TestResult xmlns="{NS}"><ID>&x;</ID></TestResult>')
    assert rule_of(data.encode("utf-16")) == "B2M-002"


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH + 5
    data = (f'<TestResult xmlns="{NS}">' + "<Description>" * depth + "x"
            + "</Description>" * depth + "</TestResult>").encode()
    assert rule_of(data) == "B2M-003"


@pytest.mark.parametrize(("data", "rule"), [
    (b"not xml at all", "B2M-001"),
    (b"", "B2M-001"),
    (b"<a><b></a>", "B2M-001"),
    (b'{"id": "DE01-1"}', "B2M-001"),
    (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>', "B2M-004"),
    (b"<ProductionSchedule/>", "B2M-004"),
    (f'<WorkSchedule xmlns="{NS}"><ID>1</ID></WorkSchedule>'.encode(), "B2M-005"),
    (f'<ProductionSchedule xmlns="{NS}"/>'.encode(), "B2M-005"),  # removed in v7
])
def test_not_b2mml(data: bytes, rule: str) -> None:
    assert rule_of(data) == rule


def test_missing_file_is_an_input_error(tmp_path: object) -> None:
    with pytest.raises(B2MMLError) as info:
        read_document("/nonexistent/b2mml.xml")
    assert info.value.rule_id == "B2M-001"
