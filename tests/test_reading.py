"""canonical.reading: JSON, JSON Lines and JSON arrays, with line numbers and IO-xxx rule ids."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from canonical.errors import CanonicalError, InputError
from canonical.reading import parse_records, read_records, read_text


def _refused(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_records(text, source="in.json")
    return info.value


# ----------------------------------------------------------------------------- shapes
def test_single_document() -> None:
    (record,) = parse_records('{"id": "0010"}', source="one.json")
    assert record.data == {"id": "0010"}
    assert (record.index, record.line, record.source) == (0, 1, "one.json")


def test_single_pretty_document_is_one_record() -> None:
    text = json.dumps({"id": "a", "nested": {"b": [1, 2]}}, indent=2)
    (record,) = parse_records(text)
    assert record.data["nested"] == {"b": [1, 2]}


def test_json_lines_with_line_numbers() -> None:
    text = '{"id": "a"}\n{"id": "b"}\n\n{"id": "c"}\n'
    records = parse_records(text)
    assert [r.data["id"] for r in records] == ["a", "b", "c"]
    assert [r.index for r in records] == [0, 1, 2]
    assert [r.line for r in records] == [1, 2, 4]


def test_json_lines_with_crlf() -> None:
    records = parse_records('{"id": "a"}\r\n{"id": "b"}\r\n')
    assert [(r.data["id"], r.line) for r in records] == [("a", 1), ("b", 2)]


def test_array_elements_are_records_with_their_lines() -> None:
    text = '[\n  {"id": "a"},\n  {"id": "b"},\n\n  {"id": "c"}\n]\n'
    records = parse_records(text)
    assert [r.data["id"] for r in records] == ["a", "b", "c"]
    assert [r.line for r in records] == [2, 3, 5]


def test_array_of_non_objects_is_read_as_is() -> None:
    """Reading does not judge records: validation reports SCH-011 for them."""
    assert [r.data for r in parse_records("[1, \"x\", null, []]")] == [1, "x", None, []]


def test_leading_whitespace_shifts_lines() -> None:
    (record,) = parse_records('\n\n   {"id": "a"}')
    assert record.line == 3


def test_numbers_are_not_turned_into_strings_or_decimals_by_default() -> None:
    (record,) = parse_records('{"value": 12.50, "sequence": 10, "id": "0010"}')
    assert record.data == {"value": 12.5, "sequence": 10, "id": "0010"}
    assert type(record.data["sequence"]) is int
    assert type(record.data["value"]) is float  # left for the model to refuse (SCH-007)


def test_decimals_option_reads_numbers_exactly() -> None:
    (record,) = parse_records('{"value": 12.500, "n": 3}', decimals=True)
    assert record.data["value"] == Decimal("12.500")
    assert str(record.data["value"]) == "12.500"
    assert type(record.data["n"]) is int


def test_strings_are_kept_exactly() -> None:
    (record,) = parse_records('{"id": "0010", "value": "12.500", "t": "caf\\u00e9"}')
    assert record.data == {"id": "0010", "value": "12.500", "t": "café"}


# ----------------------------------------------------------------------------- files
def test_read_records_from_file(tmp_path: Path) -> None:
    path = tmp_path / "lots.jsonl"
    path.write_text('{"id": "a"}\n{"id": "b"}\n', encoding="utf-8")
    records = read_records(path)
    assert [(r.data["id"], r.line, r.source) for r in records] == [
        ("a", 1, str(path)), ("b", 2, str(path)),
    ]


def test_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'[{"id": "a"},\n {"id": "b"}]')
    assert read_text(path).startswith("[")
    records = read_records(path)
    assert [(r.data["id"], r.line) for r in records] == [("a", 1), ("b", 2)]


def test_utf8_non_ascii_text(tmp_path: Path) -> None:
    path = tmp_path / "text.json"
    name = "Halle 3 \u00b5m \u00e4\u00f6\u00fc \u2013 \u6e2c\u5b9a"
    path.write_text(json.dumps({"name": name}, ensure_ascii=False), encoding="utf-8")
    assert read_records(path)[0].data["name"] == name


def test_missing_file_is_io_001(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_records(tmp_path / "missing.json")
    assert info.value.rule_id == "IO-001"
    assert info.value.source == str(tmp_path / "missing.json")


def test_directory_is_io_001(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_records(tmp_path)
    assert info.value.rule_id == "IO-001"


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"\xff\xfe{\x00}\x00", 1),  # UTF-16
        (b'{"id": "a"}\n{"id": "\xe9"}\n', 2),  # Latin-1 on line 2
        (b"\x80\x81\x82", 1),
    ],
)
def test_not_utf8_is_io_002_with_line(tmp_path: Path, content: bytes, line: int) -> None:
    path = tmp_path / "bytes.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_records(path)
    assert info.value.rule_id == "IO-002"
    assert info.value.line == line


def test_input_error_is_a_value_error_and_a_canonical_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as info:
        read_records(tmp_path / "missing.json")
    assert isinstance(info.value, CanonicalError)
    assert str(tmp_path / "missing.json") in str(info.value)


# ----------------------------------------------------------------------------- bad JSON
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{"id": "a", ', 1),
        ('{"id": "a"}\n{"id": }\n', 2),
        ('{"id": "a"}\n{"id": "b"}\n{"id"', 3),
        ("[\n  {\"id\": \"a\"},\n  {\"id\": \"b\"", 3),
        ("{'id': 'a'}", 1),
        ("not json at all", 1),
    ],
)
def test_invalid_json_is_io_003_with_line(text: str, line: int) -> None:
    error = _refused(text)
    assert error.rule_id == "IO-003"
    assert error.line == line
    assert error.source == "in.json"


@pytest.mark.parametrize(
    "text",
    [
        '[{"id": "a"},]',
        '[{"id": "a"} {"id": "b"}]',
        '[{"id": "a"}',
        '[{"id": "a"}]\n[{"id": "b"}]',
        '[{"id": "a"}] trailing',
        "[] {}",
        '{"id": "a"} ]',
    ],
)
def test_malformed_arrays_and_trailing_data_are_io_003(text: str) -> None:
    assert _refused(text).rule_id == "IO-003"


@pytest.mark.parametrize(
    "text",
    [
        '{"value": NaN}',
        '{"value": Infinity}',
        '{"value": -Infinity}',
        '[{"id": "a"}, {"value": NaN}]',
        '{"id": "a"}\n{"value": Infinity}\n',
    ],
)
def test_nan_and_infinity_are_io_004(text: str) -> None:
    assert _refused(text).rule_id == "IO-004"


def test_truncated_json_lines_record_is_located_at_its_own_line() -> None:
    """Line 2 is cut short; line 3 is a good record. The error names line 2."""
    error = _refused('{"id": "a"}\n{"id": "b", \n{"id": "c"}\n')
    assert error.rule_id == "IO-003"
    assert error.line == 2


def test_nan_is_located_on_its_line() -> None:
    error = _refused('{"id": "a"}\n{"id": "b"}\n{"value": NaN}\n')
    assert (error.rule_id, error.line) == ("IO-004", 3)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"a": ' * 100_000,
        "[" + '{"a": ' * 100_000,
    ],
    ids=["array-open", "array-closed", "in-object", "objects", "in-array-element"],
)
def test_deep_nesting_is_io_005(text: str) -> None:
    assert _refused(text).rule_id == "IO-005"


def test_moderate_nesting_is_read() -> None:
    depth = 200
    (record,) = parse_records('{"a": ' + "[" * depth + "]" * depth + "}")
    node = record.data["a"]
    for _ in range(depth - 1):
        node = node[0]
    assert node == []


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\r\n"])
def test_empty_input_is_io_007(text: str) -> None:
    assert _refused(text).rule_id == "IO-007"


def test_empty_file_is_io_007(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    with pytest.raises(InputError) as info:
        read_records(path)
    assert info.value.rule_id == "IO-007"
    assert info.value.source == str(path)


def test_large_string_is_read_intact() -> None:
    big = "x" * (10 * 1024 * 1024)
    (record,) = parse_records(json.dumps({"id": big}))
    assert record.data["id"] == big


def test_duplicate_keys_are_refused_not_last_wins() -> None:
    from canonical.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_records('{"id": "L-1"}\n{"id": "L-2",\n "id": "OTHER"}\n', source="dup.jsonl")
    assert caught.value.rule_id == "IO-008"
    assert caught.value.line == 2
    assert "'id'" in str(caught.value)
