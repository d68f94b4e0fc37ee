"""Is a slot's new range wider, narrower or unrelated to its old one?

A range is a set of alternatives (``range`` or the ranges of ``any_of``/``exactly_one_of``).
A value of old range ``x`` stays valid under new range ``y`` (``x`` is *subsumed* by ``y``)
when ``y`` is ``x`` or one of its ancestors (``typeof`` for types, ``is_a``/mixins for
classes), a wider number type (integer < decimal, float, double; float < double), an enum
with a superset of values, or a plain string type for an enum.

Ranges are judged by the values they admit, not by their names: a class with
``class_uri: linkml:Any`` admits every value, and a type that adds no constraint to its base
(no pattern, bounds or fixed values anywhere in its ``typeof`` chain) admits every value of
that base, so two unconstrained string types are the same range.
"""

from __future__ import annotations

from typing import Literal

from canonical.governance.facts import SchemaFacts

Relation = Literal["equal", "widened", "narrowed", "incompatible"]

_NUMERIC_WIDER: dict[str, frozenset[str]] = {
    "integer": frozenset({"decimal", "float", "double"}),
    "float": frozenset({"double"}),
}


def _root(facts: SchemaFacts, name: str) -> str:
    chain = facts.type_chains.get(name, (name,))
    return chain[-1] if chain else name


_CONSTRAINTS = ("pattern", "structured_pattern", "minimum_value", "maximum_value",
                "equals_string", "equals_string_in", "equals_number", "equals_expression")


def _free(facts: SchemaFacts, name: str) -> bool:
    """A type that admits every value of its base type (no constraint in its chain)."""
    chain = facts.type_chains.get(name, (name,))
    return not any(facts.types[t].get(key) for t in chain if t in facts.types
                   for key in _CONSTRAINTS)


def subsumed(x: str, old: SchemaFacts, y: str, new: SchemaFacts) -> bool:
    """Every value valid for range ``x`` (in ``old``) is valid for range ``y`` (in ``new``)."""
    if new.is_any(y):
        return True
    if old.is_any(x):
        return False
    kx, ky = old.kind_of(x), new.kind_of(y)
    if kx == "enum" and ky == "enum":
        return set(old.enums[x].values) <= set(new.enums[y].values)
    if kx == "enum":
        return ky == "type" and _root(new, y) == "string" and _free(new, y)
    if kx == "class":
        return ky == "class" and (x == y or y in old.class_ancestors.get(x, ()))
    if kx == "type" and ky == "type":
        if x == y or y in old.type_chains.get(x, ()):
            return True
        if _root(old, x) == _root(new, y) and _free(new, y):
            return True  # y admits every value of the base type x derives from
        # a wider builtin number type itself (not a restricted subtype of it)
        return _root(new, y) == y and y in _NUMERIC_WIDER.get(_root(old, x), frozenset())
    return x == y and kx == ky


def relation(old_ranges: tuple[str, ...], old: SchemaFacts,
             new_ranges: tuple[str, ...], new: SchemaFacts) -> Relation:
    """How the set of allowed values changed from ``old_ranges`` to ``new_ranges``."""
    if old_ranges == new_ranges:  # same names: changes inside them are reported where defined
        return "equal"
    widened = all(any(subsumed(o, old, n, new) for n in new_ranges) for o in old_ranges)
    narrowed = all(any(subsumed(n, new, o, old) for o in old_ranges) for n in new_ranges)
    if widened and narrowed:
        return "equal"
    if widened:
        return "widened"
    if narrowed:
        return "narrowed"
    return "incompatible"

