"""The one YAML loader: safe tags, no duplicate keys, bounded aliases and depth."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from canonical.errors import InputError
from canonical.files import limits
from canonical.files.yamlsafe import parse_yaml, read_yaml

# 9 levels of 9 aliases: about 400 bytes standing for 430 million strings
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def _refused(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, source="plant.yaml")
    return caught.value


def test_plain_yaml_with_lines() -> None:
    tree = parse_yaml("id: DE01\nsource_systems:\n  SAP_ECC:\n    kind: erp\n")
    assert tree.data == {"id": "DE01", "source_systems": {"SAP_ECC": {"kind": "erp"}}}
    assert tree.line("source_systems", "SAP_ECC", "kind") == 4


@pytest.mark.parametrize(("text", "line"), [
    ("id: DE01\nname: Werk\nid: DE02\n", 3),
    ("systems: {SAP: 1, MES: 2, SAP: 3}\n", 1),
    ("a:\n  x: 1\n  'x': 2\n", 3),
])
def test_duplicate_keys_are_refused_with_line(text: str, line: int) -> None:
    error = _refused(text)
    assert (error.rule_id, error.line, error.source) == ("IO-021", line, "plant.yaml")


def test_merge_keys_are_not_duplicates() -> None:
    text = "base: &b {unit: KGM}\nx:\n  <<: *b\n  qty: '1'\ny:\n  <<: *b\n"
    assert parse_yaml(text).data["x"] == {"unit": "KGM", "qty": "1"}  # type: ignore[index]


def test_alias_bomb_fails_fast() -> None:
    assert len(BOMB.encode()) < 500
    started = time.perf_counter()
    error = _refused(BOMB)
    assert error.rule_id == "IO-022"
    assert time.perf_counter() - started < 2.0


def test_self_referring_alias_is_refused() -> None:
    assert _refused("&a [1, *a]\n").rule_id == "IO-022"


def test_depth_is_bounded_before_recursion() -> None:
    deep = "[" * (limits.MAX_YAML_DEPTH + 1) + "]" * (limits.MAX_YAML_DEPTH + 1)
    assert _refused(deep).rule_id == "IO-023"
    assert _refused("x: " + "[" * 100_000).rule_id == "IO-023"
    ok = "[" * limits.MAX_YAML_DEPTH + "]" * limits.MAX_YAML_DEPTH
    assert parse_yaml(ok).data is not None


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch /tmp/pwned']", "!!python/name:os.system",
    "!ENV HOME",
])
def test_object_tags_are_refused(tag: str) -> None:
    assert _refused(f"x: {tag}\n").rule_id == "IO-024"


def test_syntax_error_is_located() -> None:
    error = _refused("id: DE01\nname: [unclosed\n")
    assert error.rule_id == "IO-020" and error.line == 3


@pytest.mark.parametrize(("body", "rule_id", "line"), [
    (b"name: Werk\nort: K\xf6ln\n", "IO-002", 2),  # latin-1, not UTF-8
    (b"name: Werk\nname: Fabrik\n", "IO-021", 2),
])
def test_read_yaml_is_guarded(tmp_path: Path, body: bytes, rule_id: str, line: int) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(body)
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert (caught.value.rule_id, caught.value.line, caught.value.source) == (
        rule_id, line, str(path))
