"""The fast path of ``canon validate`` (model_validate_json per line) against the located path
(the reader's decoder, then the model on the ``dict``): the same records are accepted, with
the same values and the same findings, on every entity's example and on odd variants of it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from canonical.errors import InputError
from canonical.models import ENTITIES
from canonical.reading import DuplicateKeyError, iter_records, loads, written_keys
from canonical.resources import EXAMPLE_RECORDS
from canonical.validation import record
from canonical.validation.jsontext import distinct_keys, line_parser
from canonical.validation.structure import parse
from canonical.validation.validate import validate_stream

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "records"

#: values a field of real traffic sometimes holds instead of the right one
ODD: list[Any] = [
    None, "", " ", "1,5", "1.234,5", 1.5, 10, 0, -1, True, [], {}, "NaN", "Infinity", "٣",
    "12.500", "-0.000", "1e3", "2026-13-01", "2026-03-29T02:30:00", "2026-03-29T02:30:00+01:00",
    "2026-01-14", "KGM", "released", "x" * 300, "Größe", "\u00a0DE01", "DE01\n", 10**30,
    float("nan"), float("inf"), ["DE01", "DE01"], {"value": "1", "unit": "KGM"},
]


def _example(entity: str) -> dict[str, Any]:
    data = json.loads((EXAMPLES / f"{EXAMPLE_RECORDS[entity]}.json").read_text(encoding="utf-8"))
    return dict(data[0] if isinstance(data, list) else data)


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield (*path, i)
            yield from _leaves(item, (*path, i))


def _replaced(data: Any, path: tuple[Any, ...], new: Any, *, remove: bool = False) -> Any:
    copy = json.loads(json.dumps(data))
    target = copy
    for part in path[:-1]:
        target = target[part]
    if remove:
        del target[path[-1]]
    else:
        target[path[-1]] = new
    return copy


def _variants(entity: str) -> Iterator[str]:
    base = _example(entity)
    yield json.dumps(base, separators=(",", ":"), ensure_ascii=False)
    yield json.dumps(base)  # spaces after separators
    yield json.dumps(base, ensure_ascii=True)
    yield json.dumps({**base, "unknown_field": "x"})
    for path in _leaves(base):
        yield json.dumps(_replaced(base, path, None, remove=True), ensure_ascii=False)
        for value in ODD:
            yield json.dumps(_replaced(base, path, value), ensure_ascii=False)


def _located(model: type[Any], line: str) -> tuple[str, object]:
    """What the located path makes of a line: a reader error or the parse."""
    try:
        data = loads(line)
    except DuplicateKeyError:
        return "IO-008", None
    except ValueError:
        return "IO", None
    return "parsed", parse(model, data)


@pytest.mark.parametrize("entity", sorted(EXAMPLE_RECORDS))
def test_fast_path_accepts_only_what_the_located_path_accepts_with_the_same_values(
    entity: str,
) -> None:
    model = ENTITIES[entity]
    accept = line_parser(model)
    taken = 0
    for line in _variants(entity):
        fast = accept(line + "\n")
        kind, result = _located(model, line)
        if fast is None:
            continue
        taken += 1
        assert kind == "parsed", line
        assert isinstance(result, tuple)
        parsed, findings = result
        assert findings == [] and parsed is not None, line
        assert fast == parsed and type(fast) is type(parsed), line
        assert record.check(fast) == record.check(parsed), line
    assert taken > 1  # the example and the variants that stay valid took the fast path


_SCALAR = r'"(?:[^"\\]|\\.)*"|[-\w.]+'


def _duplicated(line: str, key: str) -> str | None:
    """``line`` with the first ``"key":scalar`` member written twice (pydantic keeps the second)."""
    match = re.search(rf'"{key}":\s*(?:{_SCALAR})(?=\s*[,}}])', line)
    if match is None:
        return None
    return line[: match.start()] + match.group() + "," + line[match.start():]


@pytest.mark.parametrize("entity", sorted(EXAMPLE_RECORDS))
def test_a_key_written_twice_never_takes_the_fast_path(entity: str) -> None:
    model = ENTITIES[entity]
    line = json.dumps(_example(entity), separators=(",", ":"), ensure_ascii=False)
    assert line_parser(model)(line) is not None
    for key in re.findall(r'"(\w+)":', line):
        twice = _duplicated(line, key)
        if twice is None:
            continue  # an object or array: its scalar keys are tried one by one
        assert line_parser(model)(twice) is None, twice
        assert _located(model, twice)[0] == "IO-008"
    spaced = line.replace('":', '" :', 1)  # keys this text writes cannot be counted cheaply
    assert written_keys(spaced) is None and line_parser(model)(spaced) is None


def test_distinct_keys_counts_nested_objects() -> None:
    model = ENTITIES["ProductionOrder"]
    data = _example("ProductionOrder")
    text = json.dumps(data, separators=(",", ":"))
    assert distinct_keys(model.model_validate_json(text)) == text.count('":') > len(data)


BAD_LINES = [
    '{"id":"L-1","material":"100200","plant":"DE01","quantity":{"value":"-5","unit":"KGM"},"status":"released"}',
    '{"id":"L-2","material":"100200","plant":"DE01","quantity":{"value":1.5,"unit":"KGM"},"status":"released"}',
    '{"id":"L-3","material":"100200","plant":"DE01","quantity":{"value":"5","unit":"XXX"},"status":"released"}',
    '{"id":"L-3b","material":"100200","plant":"DE01","quantity":{"value":"5","unit":"KGM"},"status":"frozen"}',
    '{"id":"L-4","material":"100200","plant":"DE01","quantity":{"value":"5","unit":"KGM"},"status":"released","genealogy":[{"parent_lot":"L-4","material":"100200","quantity":{"value":"1","unit":"KGM"}}]}',
    '{"id":"L-1","material":"100200","plant":"DE01","quantity":{"value":"5","unit":"KGM"},"status":"released","expires_on":"2020-01-01","manufactured_on":"2021-01-01"}',
    '{"id":"L-5","plant":"DE01","extra":1}',
    '["not", "an", "object"]',
    '{"id":"L-6","material":"100200","plant":"DE01","quantity":{"value":"5","unit":"KGM"},"status":"released","genealogy":[{"parent_lot":"L-404","material":"100200","quantity":{"value":"1","unit":"KGM"}}]}',
]


def _findings(path: Path, fast: bool) -> list[dict[str, object]]:
    accept = line_parser(ENTITIES["Lot"]) if fast else None
    located = ((rec.data, (str(path), rec.line, rec.index))
               for rec in iter_records(path, accept=accept))
    return [finding.to_dict() for finding in validate_stream(located, "Lot", parsed=fast)]


def test_both_paths_give_the_same_findings_on_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "lots.jsonl"
    path.write_text("\n".join(BAD_LINES) + "\n\n" + BAD_LINES[3] + "\n", encoding="utf-8")
    fast, slow = _findings(path, True), _findings(path, False)
    assert fast == slow
    assert {f["rule_id"] for f in fast} >= {"QTY-001", "SCH-007", "QTY-003", "SCH-006", "LOT-001",
                                           "ID-001", "LOT-003", "SCH-003", "SCH-011", "LOT-005"}
    records = list(iter_records(path, accept=line_parser(ENTITIES["Lot"])))
    assert sum(type(rec.data) is ENTITIES["Lot"] for rec in records) >= 3  # the clean lines took it


def test_a_key_twice_is_still_refused_by_the_reader_on_the_fast_path(tmp_path: Path) -> None:
    path = tmp_path / "lots.jsonl"
    line = json.dumps(_example("Lot"), separators=(",", ":"))
    path.write_text(f"{line}\n{_duplicated(line, 'plant')}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(iter_records(path, accept=line_parser(ENTITIES["Lot"])))
    assert (caught.value.rule_id, caught.value.line) == ("IO-008", 2)


def _schema_depth(node: Any, defs: dict[str, Any], seen: tuple[str, ...] = ()) -> int:
    """How deep the JSON a schema describes can nest (objects and arrays)."""
    if isinstance(node, list):
        return max((_schema_depth(item, defs, seen) for item in node), default=0)
    if not isinstance(node, dict):
        return 0
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        assert name not in seen, f"recursive model {name}: its depth has no bound"
        return _schema_depth(defs[name], defs, (*seen, name))
    own = 1 if node.get("type") in ("object", "array") or "properties" in node else 0
    inner = max((_schema_depth(value, defs, seen) for key, value in node.items()
                 if key != "$defs"), default=0)
    return own + inner


@pytest.mark.parametrize("entity", sorted(EXAMPLE_RECORDS))
def test_a_record_the_fast_path_accepts_is_within_the_readers_depth_limit(entity: str) -> None:
    from canonical.files.limits import MAX_JSON_DEPTH

    schema = ENTITIES[entity].model_json_schema()
    depth = _schema_depth(schema, schema.get("$defs", {}))
    assert 1 <= depth <= MAX_JSON_DEPTH  # so the reader skips its depth check on that path


@pytest.mark.parametrize("text", [
    '{"a":"12:30","b" :1}', '{"a":"12:30","b"\t:1}', '{"a":"12:30","b"\r\n:1}', '{"b"\n:1}',
    b'{"t":"2026-03-01T06:00:00+01:00","q" :"1"}',
])
def test_whitespace_before_a_colon_is_not_counted_even_beside_colons_in_values(
        text: str | bytes) -> None:
    assert written_keys(text) is None


@pytest.mark.parametrize(("text", "keys"), [
    ('{"a":"12:30","b":{"c":"x:y"}}', 3), (b'{"id":"L-1","status":"blocked"}\n', 2),
    ('{"a":"\\":"}', 2),  # an escaped quote and colon inside a value counts: never below the keys
])
def test_written_keys_counts_quote_colon_pairs(text: str | bytes, keys: int) -> None:
    assert written_keys(text) == keys
