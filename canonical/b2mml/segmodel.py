"""The spec of a tree of segment requirements: how a schedule's request becomes one order.

A B2MML request (``ProductionRequest``, ``OperationsRequest``) holds a tree of segment
requirements. A spec's record kind declares it under ``segments`` (read by
:mod:`canonical.b2mml.segments`, written by :mod:`canonical.b2mml.segwrite`):

- ``elements``: the segment elements, nested at any depth. A segment with segments in it is
  a *container* (a phase, the order's own segment); a segment without is an *operation*,
  one item of the ``operations`` list field, unless its identity is the record's id (the
  order's own segment). Segments need no ``ID``: the operation's ``identity`` field may read
  ``ProductSegmentID`` or ``ProcessSegmentID`` (``any_of``).
- ``parameters``: the named-value elements of a segment (``ProductionParameter/Parameter``:
  the named element sits inside). The ``record`` fields read the parameters of containers
  and of the order's own segment; an operation's fields read its own.
- ``requirements``: the material requirement elements; ``use`` names the child that says
  what a requirement is, ``uses`` fixes it per element name. A ``produced`` requirement
  supplies the ``produced`` fields of the record (one per order); a ``consumed`` one is an
  item of the ``components`` list field, linked (``link``) to the operation it sits in.
  Requirements of other uses are reported (B2M-111) and not read.
- ``write``: the element written for the order's own segment and for each operation, their
  element order, and the elements written with a copy of a field (XSD-required identifiers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from canonical.b2mml.properties import key
from canonical.b2mml.specmodel import FieldSpec


def _optional(fields: tuple[FieldSpec, ...]) -> tuple[tuple[FieldSpec, tuple[str, ...]], ...]:
    """Each field with the normalised parameter IDs it is read from when it is an optional
    parameter (read only where a segment has one), else with ``()`` (always read)."""
    return tuple((f, tuple(key(p) for p in f.property)
                  if f.property and not (f.path or f.any_of or f.required or f.default)
                  else ()) for f in fields)


@dataclass(frozen=True, slots=True)
class SegmentWrite:
    """One element written out: its name, child order, elements copied from fields."""

    element: str
    order: tuple[str, ...]
    copies: tuple[tuple[str, str], ...] = ()  # element -> field (the item's, else the record's)


@dataclass(frozen=True, slots=True)
class Segments:
    """The segment tree of one record kind (see the module docstring)."""

    elements: tuple[str, ...]
    parameters: tuple[str, ...]
    requirements: tuple[str, ...]
    use: str
    uses: tuple[tuple[str, str], ...]  # requirement element -> its fixed use
    produced_uses: tuple[str, ...]
    consumed_uses: tuple[str, ...]
    record: tuple[FieldSpec, ...]  # record fields from the parameters of containers
    produced: tuple[FieldSpec, ...]  # record fields from the produced requirement
    operations: str  # the list field of the operations
    operation: tuple[FieldSpec, ...]
    identity: str  # the operation field that identifies a segment
    components: str  # the list field of the consumed requirements
    component: tuple[FieldSpec, ...]
    link: str | None = None  # the component field naming its operation (its identity)
    operation_entity: str = "Operation"  # the item models of the two list fields
    component_entity: str = "ComponentRequirement"
    segment: SegmentWrite | None = None  # outbound: the order's own segment
    child: SegmentWrite | None = None  # outbound: one per operation
    requirement: SegmentWrite | None = None  # outbound: one per material requirement
    #: compiled once: fields with the parameter IDs that make them worth reading
    operation_plan: tuple[tuple[FieldSpec, tuple[str, ...]], ...] = field(
        init=False, repr=False, compare=False)
    record_plan: tuple[tuple[FieldSpec, tuple[str, ...]], ...] = field(
        init=False, repr=False, compare=False)
    #: compiled once: parameter element names, and the named element inside each (or "")
    parameter_plan: tuple[tuple[str, ...], dict[str, str]] = field(
        init=False, repr=False, compare=False)
    use_plan: dict[str, str] = field(init=False, repr=False, compare=False)
    #: compiled once: the elements that identify a segment (its identity field's)
    identity_names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "operation_plan", _optional(self.operation))
        object.__setattr__(self, "record_plan", _optional(self.record))
        object.__setattr__(self, "use_plan", dict(self.uses))
        identity = next((f for f in self.operation if f.name == self.identity), None)
        object.__setattr__(self, "identity_names", () if identity is None
                           else identity.any_of or identity.path[:1])
        split = [name.partition("/") for name in self.parameters]
        object.__setattr__(self, "parameter_plan", (
            tuple(outer for outer, _, _ in split), {outer: inner for outer, _, inner in split}))

    def use_of(self, element: str) -> str | None:
        return self.use_plan.get(element)
