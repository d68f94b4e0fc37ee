"""Issue 13: every pattern of the contract means the same in Python, Rust and JavaScript.

The Identifier pattern used ``\\s``, which is a different set in each engine: Python's
includes U+001C..U+001F, Rust's (pydantic-core, what the models run) does not, ECMA-262's
includes the BOM and not U+0085. The patterns now spell their classes out. Each one is run
over probe strings built from every character that differs between the engines, in Python
(``re.fullmatch``, as canonical.lexical reads), Rust (the models' regex engine) and ECMA-262
(``regress``, the JavaScript semantics JSON Schema specifies, with the ``u`` flag as Ajv uses).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any

import pytest
import regress
import yaml
from pydantic import ConfigDict, StringConstraints, TypeAdapter, ValidationError

from canonical.resources import data_file

#: characters whose class differs between engines, plus ordinary ones around them
PROBES = (
    [chr(c) for c in range(0x00, 0x21)] + [chr(c) for c in range(0x7F, 0xA1)]
    + ["\u1680", "\u180e", "\u2000", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f",
       "\u205f", "\u3000", "\ufeff", "\ufffe", "\u0660", "\uff10", "\u0966", "\U0001f600",
       "a", "Z", "0", "9", "-", ".", ":", "T", "+"]
)


@cache
def patterns() -> dict[str, str]:
    source = yaml.safe_load(data_file("schemas", "canonical.yaml").read_text(encoding="utf-8"))
    return {name: t["pattern"] for name, t in source["types"].items() if t.get("pattern")}


def _probe_strings(example: str) -> list[str]:
    half = len(example) // 2
    out = [example, example + "\n"]
    for c in PROBES:
        out += [c, c + example, example + c, example[:half] + c + example[half:]]
    return out


EXAMPLES = {
    "DecimalValue": "12.500", "UnitCode": "KGM", "Identifier": "DE01-1000123", "Text": "Drehen",
    "EventType": "lot.created", "SemanticVersion": "1.0.0",
    "Timestamp": "2026-03-02T06:00:00+01:00", "CalendarDate": "2026-03-02",
}


def _rust(pattern: str) -> TypeAdapter[Any]:
    return TypeAdapter(Annotated[str, StringConstraints(pattern=pattern)],
                       config=ConfigDict(regex_engine="rust-regex"))


def test_every_pattern_has_an_example() -> None:
    assert set(patterns()) <= set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_pattern_means_the_same_in_python_rust_and_javascript(name: str) -> None:
    pattern = patterns()[name]
    python = re.compile(pattern)
    rust = _rust(pattern)
    ecma = regress.Regex(pattern, "u")
    differ: list[str] = []
    for text in _probe_strings(EXAMPLES[name]):
        try:
            rust.validate_python(text)
            in_rust = True
        except ValidationError:
            in_rust = False
        in_python = python.fullmatch(text) is not None
        in_ecma = ecma.find(text) is not None
        if not in_python == in_rust == in_ecma:
            differ.append(f"{text!r}: python={in_python} rust={in_rust} ecma={in_ecma}")
    assert differ == []


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_python_search_differs_only_on_one_final_newline(name: str) -> None:
    """What the jsonschema library does (re.search): the documented exception of the
    differential test, and nothing else."""
    pattern = patterns()[name]
    for text in _probe_strings(EXAMPLES[name]):
        if (re.search(pattern, text) is not None) != (re.fullmatch(pattern, text) is not None):
            assert text.endswith("\n") and re.fullmatch(pattern, text[:-1]), repr(text)


@pytest.mark.parametrize("text", ["DE01\x1c1", "DE01\x1f1", "\x1eDE01", "DE01\x85", "\ufeffDE01",
                                  "DE01\u2028X", "DE01\x00", "DE01\x7f1", "\u00a0DE01", "DE01 "])
def test_identifier_refuses_what_one_engine_used_to_let_through(text: str) -> None:
    pattern = patterns()["Identifier"]
    assert re.fullmatch(pattern, text) is None
    assert regress.Regex(pattern, "u").find(text) is None
    with pytest.raises(ValidationError):
        _rust(pattern).validate_python(text)
