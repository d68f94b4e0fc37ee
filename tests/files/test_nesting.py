"""Nesting depth of JSON text: the byte-level measure agrees with the parsed structure."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canonical.errors import InputError
from canonical.files.nesting import check_json_depth, json_depth

# Strings full of what could fool a scanner: brackets, quotes, backslashes, non-ASCII text.
_TEXT = st.text(alphabet=st.sampled_from(list('[]{}"\\\\ aß€\u00a0\U0001f600/u0')), max_size=12)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=40,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@settings(max_examples=400, deadline=None)
@given(_JSON, st.booleans(), st.booleans())
def test_depth_of_text_is_the_depth_of_what_it_parses_to(
    value: object, ascii_only: bool, as_bytes: bool,
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=None)
    assert json_depth(text.encode() if as_bytes else text) == _depth(value)


@pytest.mark.parametrize(("text", "depth"), [
    ('{"a":"x\\"[[[","b":[{"c":"\\\\"},[]]}', 3),  # escaped quote and escaped backslash
    ('"\\\\\\"[["', 0),                              # \\ then \" inside one string
    ('[{"x":"]]]]"},[[1]]]', 3),                      # closing brackets in a string
    ("[[[", 3), ("]]][", 0), ("1", 0), ("", 0),      # not JSON: still a number, no error
])
def test_depth_of_awkward_text(text: str, depth: int) -> None:
    assert json_depth(text) == depth


def test_deep_text_is_refused_with_its_rule_and_depth() -> None:
    text = '{"a":' * 300 + "1" + "}" * 300
    with pytest.raises(InputError) as caught:
        check_json_depth(text, source="orders.json", line=4, limit=256)
    assert caught.value.rule_id == "IO-005" and "300 levels" in str(caught.value)


def test_many_brackets_in_strings_do_not_count_as_depth() -> None:
    text = json.dumps({"note": "[" * 1000, "ops": [{"id": str(n)} for n in range(300)]})
    check_json_depth(text, limit=256)  # 600+ brackets, depth 3: accepted
    assert json_depth(text) == 3
