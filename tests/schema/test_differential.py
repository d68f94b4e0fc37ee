"""The differential test: every validator of the contract agrees on every record.

The shipped examples and a few thousand rule-generated mutants of them (tests/schema/
mutants.py) go through the models, ``canonical.validate``, ``jsonschema`` with and without
format checking, ``fastjsonschema`` and LinkML's validator (tests/schema/validators.py).
Any disagreement on schema-level validity fails, except the documented exceptions below;
each names the mutation rule, the validators that accept what the others refuse, and why.
An exception that no longer matches anything fails too, so the list cannot rot.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import pytest

from .mutants import Mutant, examples, mutants
from .validators import VALIDATORS, verdicts


@dataclass(frozen=True, slots=True)
class Exception_:
    """A documented disagreement: under ``rule``, only ``accepting`` validators accept."""

    rule: str  # a mutant rule, or "*" for every rule at ``entity``/``path``
    accepting: frozenset[str]
    reason: str
    entity: str | None = None
    path: str | None = None  # first field of the mutated path


#: The documented exceptions (also listed on docs/guides/consumers.md).
EXCEPTIONS: tuple[Exception_, ...] = (
    Exception_(
        "trailing_newline",
        frozenset({"jsonschema", "jsonschema_no_format", "linkml"}),
        "Python's re lets `$` match before one final newline, and the jsonschema library "
        "(which LinkML's validator uses) searches patterns with Python's re: a pattern-checked "
        "string ending in a single \\n passes them. The pattern means end of text in ECMA-262 "
        "(what JSON Schema specifies), Rust and fastjsonschema (which rewrites `$` to \\Z); "
        "the models refuse it (LEX-002). The jsonschema format checker catches it for dates.",
    ),
    Exception_(
        "float_integral",
        frozenset({"jsonschema", "jsonschema_no_format", "fastjsonschema", "linkml"}),
        "JSON Schema's `integer` admits a number with a zero fractional part (10.0); the "
        "models are strict: 10.0 is refused rather than silently read as 10.",
    ),
    Exception_(
        "*",
        frozenset({"linkml"}),
        "LinkML's validator does not evaluate class rules (`rules:`, the if/then that ties "
        "Event.payload to payload_type, EVT-001). Since 1.1.0 the payload's any_of also holds "
        "the patch classes, and a payload missing required fields of the entity that "
        "payload_type names is still a valid patch of it: LinkML accepts it, every JSON Schema "
        "validator (which applies the if/then) and the models refuse it.",
        entity="Event", path="payload",
    ),
)


def _excused(mutant: Mutant, seen: dict[str, bool]) -> Exception_ | None:
    accepting = frozenset(name for name, ok in seen.items() if ok)
    for exception in EXCEPTIONS:
        if exception.entity is not None and (
                mutant.entity != exception.entity or not mutant.path
                or mutant.path[0] != exception.path):
            continue
        if exception.rule in ("*", mutant.rule) and accepting and accepting <= exception.accepting:
            return exception
    return None


@cache
def _sample() -> tuple[Mutant, ...]:
    """One mutant per entity, field name and rule (the first in document order)."""
    kept: dict[tuple[str, str, str], Mutant] = {}
    for mutant in mutants():
        names = [p for p in mutant.path if isinstance(p, str)]
        kept.setdefault((mutant.entity, names[-1] if names else "", mutant.rule), mutant)
    return tuple(kept.values())


def test_enough_mutants_of_every_kind() -> None:
    sample = _sample()
    rules = Counter(m.rule for m in sample)
    assert len(sample) >= 2000
    assert {m.entity for m in sample} == {e for e, _, _ in examples()}
    for family in ("trailing_newline", "arabic_digits", "fullwidth_digits", "fraction_9",
                   "date_only", "no_offset", "inner_us_1f", "inner_nel_85", "leading_bom",
                   "february_30", "null", "unknown_field", "payload_type_Lot"):
        assert rules[family] > 0, family


@pytest.mark.parametrize("entity,index,record", examples(), ids=lambda v: str(v)[:30])
def test_every_validator_accepts_every_example(entity: str, index: int, record: object) -> None:
    assert verdicts(entity, record) == dict.fromkeys(VALIDATORS, True)


@pytest.mark.slow
def test_validators_agree_on_every_mutant() -> None:
    disagreements: list[str] = []
    used: set[str] = set()
    accepted = refused = 0
    for mutant in _sample():
        seen = verdicts(mutant.entity, mutant.data)
        if len(set(seen.values())) == 1:
            accepted += all(seen.values())
            refused += not any(seen.values())
            continue
        excuse = _excused(mutant, seen)
        if excuse is not None:
            used.add(excuse.rule)
            continue
        accepting = sorted(name for name, ok in seen.items() if ok)
        disagreements.append(f"{mutant.label}: accepted only by {accepting}")
    assert disagreements == [], f"{len(disagreements)} disagreements:\n" + "\n".join(
        disagreements[:40])
    assert used == {e.rule for e in EXCEPTIONS}, "an exception no longer matches: remove it"
    assert accepted > 100 and refused > 1000  # the mutants probe both sides of the contract
