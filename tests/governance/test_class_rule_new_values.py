"""An added class rule whose precondition names only enum values added in the same release.

No payload valid under the old schema meets such a precondition, so the rule cannot break a
producer; a rule whose precondition an old value can meet stays producer-breaking.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from canonical.changes import Changelog, Mode
from canonical.governance.diff import diff_facts
from canonical.governance.facts import extract
from canonical.governance.load import load_schema
from canonical.governance.source import SchemaSource

from .builders import load_table, schema_text

TABLE = load_table()
OLD_VALUES = {"Rueckmeldung": {}, "Stoermeldung": {}}
NEW_VALUES = {**OLD_VALUES, "Qualitaetsmeldung": {}, "Wartungsauftrag": {}}


def _body(values: dict[str, Any], rules: list[dict[str, Any]]) -> dict[str, Any]:
    cls: dict[str, Any] = {"attributes": {"art": {"range": "Meldungsart", "required": True},
                                          "grund": {}, "werk": {}}}
    if rules:
        cls["rules"] = rules
    return {"enums": {"Meldungsart": {"permissible_values": values}},
            "classes": {"Meldung": cls}}


def _rule(condition: dict[str, Any]) -> dict[str, Any]:
    return {"description": "Eine Meldung dieser Art nennt ihren Grund.",
            "preconditions": {"slot_conditions": condition},
            "postconditions": {"slot_conditions": {"grund": {"required": True}}}}


def _diff(old: dict[str, Any], new: dict[str, Any], mode: Mode) -> Changelog:
    facts = []
    for side, body, version in (("old", old, "1.0.0"), ("new", new, "1.1.0")):
        source = SchemaSource(f"rule:{side}", schema_text(body, version, TABLE), Path.cwd(),
                              Path(f"rule-{side}.yaml"))
        facts.append(extract(load_schema(source)))
    return diff_facts(facts[0], facts[1], mode=mode, today=date(2026, 3, 1))


def _rule_change(log: Changelog) -> Any:
    found = [c for c in log.changes if c.kind == "class_rule.added"]
    assert len(found) == 1, [c.message for c in log.changes]
    return found[0]


NEW_ONLY = {
    "equals_string_new_value": {"art": {"equals_string": "Qualitaetsmeldung"}},
    "equals_string_in_new_values": {"art": {"equals_string_in": ["Qualitaetsmeldung",
                                                                 "Wartungsauftrag"]}},
    "one_conjunct_new_value": {"art": {"equals_string": "Wartungsauftrag"},
                               "werk": {"equals_string": "DE01"}},
}
OLD_MATCH = {
    "equals_string_old_value": {"art": {"equals_string": "Stoermeldung"}},
    "equals_string_in_mixes_old_value": {"art": {"equals_string_in": ["Qualitaetsmeldung",
                                                                      "Stoermeldung"]}},
    "free_text_slot": {"werk": {"equals_string": "DE01"}},
}


@pytest.mark.parametrize("mode", list(Mode), ids=str)
@pytest.mark.parametrize("name", sorted(NEW_ONLY))
def test_rule_on_new_values_only_is_compatible_for_producers(name: str, mode: Mode) -> None:
    log = _diff(_body(OLD_VALUES, []), _body(NEW_VALUES, [_rule(NEW_ONLY[name])]), mode)
    change = _rule_change(log)
    assert (change.consumer.value, change.producer.value) == ("compatible", "compatible")
    assert change.bump.value == "minor" and not change.breaking
    assert change.rule_id == "GOV-013"
    assert "added in this release" in change.message


@pytest.mark.parametrize("name", sorted(OLD_MATCH))
def test_rule_an_old_value_can_meet_stays_producer_breaking(name: str) -> None:
    log = _diff(_body(OLD_VALUES, []), _body(NEW_VALUES, [_rule(OLD_MATCH[name])]), Mode.FULL)
    change = _rule_change(log)
    assert (change.consumer.value, change.producer.value) == ("compatible", "breaking")
    assert change.bump.value == "major"
    assert "added in this release" not in change.message


def test_value_already_in_old_enum_is_not_new() -> None:
    rule = _rule({"art": {"equals_string": "Qualitaetsmeldung"}})
    log = _diff(_body(NEW_VALUES, []), _body(NEW_VALUES, [rule]), Mode.BACKWARD)
    assert _rule_change(log).producer.value == "breaking"
