"""Field plans: what a record kind's spec lets the import decide once, not per record.

A record is read field by field through the value steps (:mod:`canonical.b2mml.steps`, the
one definition of every field kind). Most fields of real documents are optional properties
that the element does not carry (a lot without ``expires_on``, ``supplier``, ``order``...):
for such a field the steps do a dispatch on the kind, a property look-up and the
absent-field rules, only to find that nothing is set. A plan, compiled once per record
kind of a loaded spec, names those fields with the property ids they are read from, so a
record without any of those properties passes them over in one dictionary look-up.

The plan only *skips* a step whose answer is fixed by the spec: a field is planned when
its steps would read a named property and nothing else (no child path, key, ``any_of`` or
``within``; not a site, level, parent, measure, attribute or list), and, absent, give
"not set" without a finding (not required; no ``inherit``, ``otherwise``, ``default`` or
``assumed``). Whenever the record carries one of its properties, or the field is anything
else, the steps read it as before. ``tests/b2mml/test_fieldplan.py`` runs every fixture
and mutations of it both ways and compares records and findings.
"""

from __future__ import annotations

from canonical.b2mml.properties import key
from canonical.b2mml.specmodel import FieldSpec, Kind, RecordSpec

#: Kinds whose steps read something other than the named property alone.
_NOT_PLANNED = frozenset({Kind.SITE, Kind.LEVEL, Kind.PARENT, Kind.MEASURE, Kind.ATTRIBUTE,
                          Kind.LIST})

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
    if not spec.property or spec.path or spec.kind in _NOT_PLANNED:
        return None
    if spec.key is not None or spec.any_of or spec.within is not None:
        return None
    if spec.required or spec.inherit is not None or spec.otherwise is not None \
            or spec.default is not None or spec.assumed is not None:
        return None
    return frozenset(key(name) for name in spec.property)
