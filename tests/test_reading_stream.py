"""iter_records: the same records and errors as read_records, one record in memory at a time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from canonical.errors import InputError
from canonical.files import limits
from canonical.reading import iter_records, read_records

CASES = [
    '{"id": "0000451201", "material": "Schraube M8"}\n{"id": "0000451202"}\n',
    '\n\n{"a": 1}  {"b": [1,\n2]}\n\n{\n  "c": {\n    "d": "Größe"\n  }\n}\n',
    '{"a": 1}\n{"b": \n', '{"a": 1}\n{"b": "x\n"}\n', '{"a": NaN}\n', '{"a": 1, "a": 2}\n',
    '[{"a": 1},\n {"b": 2}]', "", "   \n", '{"a": 1}\n}\n', '\ufeff{"a": 1}\r\n{"b": 2}\r\n',
    '{"a": 1}\n{"b": 2', '"just a string"\n42\n', '{"a":\n1}\n{"x"\n:\n2}\n',
]


def _outcome(path: Path, reader: str) -> object:
    try:
        records = read_records(path) if reader == "whole" else list(iter_records(path))
    except InputError as exc:
        return (exc.rule_id, exc.line, exc.reason)
    return [(r.index, r.line, r.data) for r in records]


@pytest.mark.parametrize("text", CASES)
def test_stream_matches_whole_file_reader(tmp_path: Path, text: str) -> None:
    path = tmp_path / "extract.jsonl"
    path.write_text(text, encoding="utf-8", newline="")
    assert _outcome(path, "stream") == _outcome(path, "whole")


def test_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "orders.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        list(iter_records(fifo))
    assert caught.value.rule_id == "IO-011"


def test_deep_record_is_located(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep = '{"a": ' + "[" * (limits.MAX_JSON_DEPTH + 5) + "]" * (limits.MAX_JSON_DEPTH + 5) + "}"
    path.write_text('{"ok": 1}\n' + deep + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(iter_records(path))
    assert (caught.value.rule_id, caught.value.line) == ("IO-005", 2)


def test_unclosed_record_stops_at_the_record_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import canonical.reading as reading

    monkeypatch.setattr(reading, "MAX_RECORD_BYTES", 1000)
    path = tmp_path / "unclosed.jsonl"
    path.write_text('{"ok": 1}\n{"note": [\n' + '"Zeile",\n' * 500 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(iter_records(path))
    assert (caught.value.rule_id, caught.value.line) == ("IO-006", 2)


def _located_outcome(path: Path) -> object:
    from canonical.reading import iter_located

    found: list[tuple[int, int, object]] = []
    stream = iter_located(path, label="extract")
    try:
        while True:
            data, (label, line, index) = next(stream)
            assert label == "extract"
            found.append((index, line, data))
    except StopIteration as stop:
        assert stop.value == len(found)  # it returns how many records it read
    except InputError as exc:
        return (exc.rule_id, exc.line, exc.reason)
    return found


@pytest.mark.parametrize("text", CASES)
def test_located_pairs_are_the_records_with_where_they_were_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "extract.jsonl"
    path.write_text(text, encoding="utf-8", newline="")
    assert _located_outcome(path) == _outcome(path, "stream")


def test_accept_is_given_the_checked_utf8_bytes_of_one_object_lines(tmp_path: Path) -> None:
    """An accepted line reaches ``accept`` as its UTF-8 bytes (ASCII or not), never
    undecodable bytes: those stop the read as IO-002 at their line."""
    given: list[bytes] = []

    def accept(raw: bytes) -> object | None:
        given.append(raw)
        return None if b"refuse" in raw else ("accepted", raw)

    good = tmp_path / "good.jsonl"
    good.write_bytes('{"id": "Ölwanne-7"}\n{"id": "refuse"}\n{"id": "plain"}\n'.encode())
    records = list(iter_records(good, accept=accept))
    assert given == ['{"id": "Ölwanne-7"}\n'.encode(), b'{"id": "refuse"}\n', b'{"id": "plain"}\n']
    assert [r.data for r in records] == [
        ("accepted", '{"id": "Ölwanne-7"}\n'.encode()), {"id": "refuse"},
        ("accepted", b'{"id": "plain"}\n')]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "plain"}\n{"id": "\xc3\x28"}\n')
    given.clear()
    with pytest.raises(InputError) as raised:
        list(iter_records(bad, accept=accept))
    assert (raised.value.rule_id, raised.value.line) == ("IO-002", 2)
    assert given == [b'{"id": "plain"}\n']


def test_estimated_records_is_near_the_count_of_a_json_lines_file(tmp_path: Path) -> None:
    from canonical.reading import estimated_records

    path = tmp_path / "lots.jsonl"
    path.write_text("".join(f'{{"id": "LOT-{n}", "note": "{"x" * (n % 40)}"}}\n'
                            for n in range(20_000)), encoding="utf-8")
    assert 18_000 <= estimated_records(path) <= 22_000
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert estimated_records(tmp_path / "empty.jsonl") == 1
    assert estimated_records(tmp_path / "missing.jsonl") == 0  # the read reports it
    assert estimated_records(tmp_path) == 0
