"""docs/guides/versioning.md: its examples run and its change-kind table matches the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from canonical.changes import Mode
from canonical.governance.rules import KINDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "guides" / "versioning.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_python_examples_run(index: int) -> None:
    exec(compile(BLOCKS[index], f"{DOC.name}[{index}]", "exec"), {})


def test_kind_table_matches_rules() -> None:
    rows = {m[0]: m[1:] for m in re.findall(
        r"^\| `([a-z_.]+)` \| (GOV-\d+) \| (\w+) \| (\w+) \| ([*\w]+) \| ([*\w]+) \| ([*\w]+) \|$",
        DOC.read_text(encoding="utf-8"), re.MULTILINE)}
    assert set(rows) == set(KINDS)
    for kind, spec in KINDS.items():
        rule_id, consumer, producer, *bumps = rows[kind]
        assert (rule_id, consumer, producer) == (spec.rule.id, spec.consumer.value,
                                                 spec.producer.value)
        for mode, shown in zip(Mode, bumps, strict=True):
            breaking = mode.breaking(spec.consumer, spec.producer)
            assert shown == ("**major**" if breaking else spec.bump.value), (kind, mode)


def test_property_policy_table_matches_code() -> None:
    from canonical.governance.props import POLICY

    rows = dict(re.findall(r"^\| `([a-z_]+)` \| `([a-z_.]+)` \| [*\w]+ \| .+ \|$",
                           DOC.read_text(encoding="utf-8"), re.MULTILINE))
    assert rows == dict(POLICY)
    for kind in set(POLICY.values()):
        assert kind in KINDS
