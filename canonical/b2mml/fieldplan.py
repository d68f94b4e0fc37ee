"""Field plans: what a record kind's spec lets the import decide once, not per record.

A record is read field by field through the value steps (:mod:`canonical.b2mml.steps`, the
one definition of every field kind). Most fields of real documents are optional properties
that the element does not carry (a lot without ``expires_on``, ``supplier``, ``order``...):
for such a field the steps do a dispatch on the kind, a property look-up and the
absent-field rules, only to find that nothing is set. A plan, compiled once per record
kind of a loaded spec, names those fields with the property ids they are read from, so a
record without any of those properties passes them over in one dictionary look-up.

The plan only *skips* a step whose answer is fixed by the spec: a field is planned when
its steps would read a named property and nothing else (not a site, level, parent, place,
measure, attribute or list), and, absent, give "not set" without a finding (not required;
every key that could find or make a value elsewhere, :data:`_ABSENT_SAFE`, at its default:
a key the spec format gains later is not planned until it is listed there). Whenever
the record carries one of its properties, or the field is anything else, the steps read it
as before. ``tests/b2mml/test_fieldplan.py`` runs every fixture and mutations of it both
ways and compares records and findings.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from functools import cache

from canonical.b2mml.properties import key
from canonical.b2mml.specmodel import FieldSpec, Kind, RecordSpec

#: Kinds whose steps read something other than the named property alone.
_NOT_PLANNED = frozenset({Kind.SITE, Kind.LEVEL, Kind.PARENT, Kind.MEASURE, Kind.ATTRIBUTE,
                          Kind.LIST, Kind.PLACE})

#: A field, and the normalised property ids it is read from when it is planned (else None).
Plan = tuple[tuple[FieldSpec, frozenset[str] | None], ...]

_PLANS: dict[int, tuple[RecordSpec, Plan]] = {}
_KEPT = 256  # record kinds remembered (a plant's edited override makes new spec objects)


def plan(record: RecordSpec) -> Plan:
    """The plan of ``record`` (compiled on first use of this spec object)."""
    found = _PLANS.get(id(record))
    if found is not None and found[0] is record:
        return found[1]
    if len(_PLANS) >= _KEPT:
        _PLANS.clear()
    compiled = tuple((spec, unset_without(spec)) for spec in record.fields)
    _PLANS[id(record)] = (record, compiled)
    return compiled


def unset_without(spec: FieldSpec) -> frozenset[str] | None:
    """The normalised property ids without which ``spec`` is not set (and nothing is
    reported), or None when its steps must always run."""
    if not spec.property or spec.kind in _NOT_PLANNED or spec.required:
        return None
    if any(getattr(spec, name) != default for name, default in _unset_defaults()):
        return None
    return frozenset(key(name) for name in spec.property)


#: Keys that do not change what the steps give for a property the element does not carry:
#: where and how a value is read when there is one, how it is written and named, and
#: ``when``/``not_with`` (which only make a field not set). Every other key (a child path,
#: ``key``, ``any_of``, ``within``, ``inherit``, ``otherwise``, ``default``, ``assumed``,
#: ``numbered``, ``total``, ``or_in``, and any key added later) must have its default, or
#: the field is read by the steps.
_ABSENT_SAFE = frozenset({"name", "kind", "file", "line", "property", "required", "what",
                          "table", "words", "data_type", "order", "also", "any_case", "when",
                          "not_with", "skip"})


@cache
def _unset_defaults() -> tuple[tuple[str, object], ...]:
    """(key, default) of every field spec key outside :data:`_ABSENT_SAFE`."""
    found: list[tuple[str, object]] = []
    for spec_field in fields(FieldSpec):
        if spec_field.name in _ABSENT_SAFE:
            continue
        if spec_field.default is not MISSING:
            found.append((spec_field.name, spec_field.default))
        elif spec_field.default_factory is not MISSING:
            found.append((spec_field.name, spec_field.default_factory()))
        else:  # a key without a default: no plan can know it is unused
            found.append((spec_field.name, _NEVER))
    return tuple(found)


_NEVER = object()
