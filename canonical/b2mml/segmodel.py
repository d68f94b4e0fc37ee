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

from dataclasses import dataclass

from canonical.b2mml.specmodel import FieldSpec


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
    segment: SegmentWrite | None = None  # outbound: the order's own segment
    child: SegmentWrite | None = None  # outbound: one per operation
    requirement: SegmentWrite | None = None  # outbound: one per material requirement

    def identity_field(self) -> FieldSpec | None:
        return next((f for f in self.operation if f.name == self.identity), None)

    def use_of(self, element: str) -> str | None:
        return next((use for name, use in self.uses if name == element), None)
