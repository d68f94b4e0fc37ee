"""Type designators: the value a ``designates_type`` slot carries for each class.

A payload names its class in the designator slot: the class *name* when the slot's range
is a string type, the class *URI* (``class_uri``, else ``default_prefix:Name``) when it is
``uri``, ``uriorcurie`` or ``curie``. Renaming a class, or changing its ``class_uri``,
changes that value in every payload when (and only when) the value itself changes.
"""

from __future__ import annotations

from canonical.governance.facts import SchemaFacts

_URI_TYPES = frozenset({"uri", "uriorcurie", "curie"})


def designator_value(facts: SchemaFacts, name: str) -> tuple[str, str] | None:
    """``(slot, value)`` a payload of class ``name`` carries, or ``None`` without a designator."""
    cls = facts.classes[name]
    slot = next((s for s in cls.slots.values() if s.flag("designates_type")), None)
    if slot is None:
        return None
    ranges = cls.ranges.get(slot.name, ())
    roots = {facts.type_chains.get(r, (r,))[-1] for r in ranges}
    if roots & _URI_TYPES:
        prefix = facts.meta.get("default_prefix") or facts.name
        return slot.name, cls.element.get("class_uri") or f"{prefix}:{name}"
    return slot.name, name
