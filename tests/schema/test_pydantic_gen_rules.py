"""Class rules in the model generator: a tied slot becomes a union discriminated by the slot
that names its class, which must be read first (a validator sees the slots before its own)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from canonical.schema.pydantic_gen import GenerationError, PydanticGenerator, Source

SCHEMA = """
id: https://example.org/envelope
name: envelope
version: 0.1.0
prefixes: {linkml: https://w3id.org/linkml/}
imports: [linkml:types]
default_range: string
classes:
  Bestellung:
    attributes:
      nummer: {required: true}
  Charge:
    attributes:
      nummer: {required: true}
  Umschlag:
    rules:
      - title: ENV-001
        preconditions: {slot_conditions: {art: {equals_string: Bestellung}}}
        postconditions: {slot_conditions: {inhalt: {any_of: [{range: Bestellung}]}}}
      - title: ENV-001
        preconditions: {slot_conditions: {art: {equals_string: Charge}}}
        postconditions: {slot_conditions: {inhalt: {any_of: [{range: Charge}]}}}
    attributes:
FIELDS
"""
NAMING_FIRST = """      art: {required: true}
      inhalt: {required: true, inlined: true, any_of: [{range: Bestellung}, {range: Charge}]}
"""
NAMING_LAST = """      inhalt: {required: true, inlined: true, any_of: [{range: Bestellung}, {range: Charge}]}
      art: {required: true}
"""


def _generate(tmp_path: Path, fields: str) -> str:
    from linkml_runtime.utils.schemaview import SchemaView

    text = SCHEMA.replace("FIELDS\n", fields)
    path = tmp_path / "envelope.yaml"
    path.write_text(text, encoding="utf-8")
    return PydanticGenerator(SchemaView(str(path)), Source(text, "envelope.yaml")).generate()


def test_the_tied_slot_is_read_as_the_class_the_naming_slot_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("envelope_generated")
    monkeypatch.setitem(sys.modules, module.__name__, module)  # pydantic resolves names there
    exec(compile(_generate(tmp_path, NAMING_FIRST), "envelope.py", "exec"), module.__dict__)
    parsed = module.Umschlag.model_validate({"art": "Charge", "inhalt": {"nummer": "0000460001"}})
    assert type(parsed.inhalt) is module.Charge  # Bestellung, the first member, fits too
    assert {"Bestellung": module.Bestellung, "Charge": module.Charge} == module._UMSCHLAG_INHALT_BY_ART


def test_a_naming_slot_after_the_tied_slot_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GenerationError, match="ENV-001: slot 'art' must come before 'inhalt'"):
        _generate(tmp_path, NAMING_LAST)
