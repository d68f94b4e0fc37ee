"""The table-driven diff test: one fixture schema pair per change kind, checked in every mode.

tests/fixtures/schemas/diff_cases.yaml lists each pair with the change the diff must report
(kind, path), both verdicts and, per mode, the bump (``major`` marks a breaking change).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from canonical.changes import Changelog, Mode
from canonical.governance.diff import diff_facts
from canonical.governance.facts import SchemaFacts, extract
from canonical.governance.load import load_schema
from canonical.governance.rules import KINDS
from canonical.governance.source import SchemaSource

from .builders import load_table, schema_text

TABLE = load_table()
CASES: dict[str, dict[str, Any]] = {c["name"]: c for c in TABLE["cases"]}
TODAY = date(2026, 3, 1)


UNCHANGED: dict[str, dict[str, Any]] = {c["name"]: c for c in TABLE["unchanged"]}


@cache
def _facts(name: str, side: str) -> SchemaFacts:
    version = "1.0.0" if side == "old" else "1.1.0"
    text = schema_text((CASES.get(name) or UNCHANGED[name])[side], version, TABLE)
    source = SchemaSource(f"{name}:{side}", text, Path.cwd(), Path(f"{name}-{side}.yaml"))
    return extract(load_schema(source))


def _diff(name: str, mode: Mode) -> Changelog:
    return diff_facts(_facts(name, "old"), _facts(name, "new"), mode=mode, today=TODAY)


def test_table_is_large_enough_and_covers_every_kind() -> None:
    assert len(CASES) >= 40
    assert {c["kind"] for c in CASES.values()} == set(KINDS)


@pytest.mark.parametrize("mode", list(Mode), ids=str)
@pytest.mark.parametrize("name", sorted(CASES))
def test_case(name: str, mode: Mode) -> None:
    case = CASES[name]
    log = _diff(name, mode)
    paths = case.get("paths") or [case["path"]]
    changes = log.changes
    assert [(c.kind, c.path) for c in changes] == [(case["kind"], p) for p in paths], (
        [c.message for c in log.changes]
    )
    expected_bump = case["bump"][mode.value]
    for change in changes:
        assert change.consumer.value == case["consumer"]
        assert change.producer.value == case["producer"]
        assert change.bump.value == expected_bump
        assert change.breaking is (expected_bump == "major")
        assert change.rule_id is not None and change.rule_id.startswith("GOV-")
    assert log.bump.value == expected_bump
    assert [list(c.affects) for c in changes] == [case.get("affects", [])] * len(paths)
    assert (log.old_version, log.new_version) == ("1.0.0", "1.1.0")


@pytest.mark.parametrize("name", sorted(CASES))
def test_identical_schemas_have_no_changes(name: str) -> None:
    facts = _facts(name, "new")
    assert diff_facts(facts, facts, today=TODAY).changes == ()


@pytest.mark.parametrize("name", sorted(CASES))
def test_fingerprints_do_not_depend_on_mode(name: str) -> None:
    ids = {m: [c.id for c in _diff(name, m).changes] for m in Mode}
    assert ids[Mode.BACKWARD] == ids[Mode.FORWARD] == ids[Mode.FULL]


@pytest.mark.parametrize("name", sorted(UNCHANGED))
def test_same_admitted_values_give_no_change(name: str) -> None:
    log = _diff(name, Mode.FULL)
    assert log.changes == (), [c.message for c in log.changes]
