"""The equipment hierarchy across the resources of one extract (RES-010, RES-011).

A resource's ``parent`` is a reference. When the extract does not carry the parent (a B2MML
document with one line of a plant, an extract of one area), the reference is all there is:
RES-002 says so as a warning and nothing else is checked. When the extract does carry it,
the parent must be able to contain the resource:

- RES-010: the parent is a level above the resource (site > area > line > work center >
  machine; a level may contain its own level, as nested work centers do). A tool or labour
  pool sits below any level and contains nothing.
- RES-011: the parent is in the same plant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from canonical.models import Resource
from canonical.report import Finding
from canonical.validation import rules as r

W = TypeVar("W")

#: hierarchy levels, top first; kinds not listed (tool, labor_pool) contain nothing
RANK = {"site": 0, "area": 1, "line": 2, "work_center": 3, "machine": 4}


def contains(parent: str, child: str) -> bool:
    """Whether a resource of kind ``parent`` can hold one of kind ``child``."""
    if parent not in RANK:
        return False
    return child not in RANK or RANK[parent] <= RANK[child]


class Hierarchy(Generic[W]):
    """Resources seen (kind and plant by id) and the parents they name; ``W`` locates one."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, str]] = {}
        self._children: list[tuple[W, str, str, str, str]] = []

    def add(self, res: Resource, where: W) -> None:
        self._seen.setdefault(res.id, (res.kind.value, res.plant))
        if res.parent is not None and res.parent != res.id:  # itself: RES-001
            self._children.append((where, res.id, res.kind.value, res.plant, res.parent))

    def findings(self) -> Iterator[tuple[W, Finding]]:
        """RES-010 and RES-011 for each parent the extract carries, with where its child was."""
        for where, rid, kind, plant, parent in self._children:
            found = self._seen.get(parent)
            if found is None:
                continue  # a reference outside the extract (RES-002)
            parent_kind, parent_plant = found
            if not contains(parent_kind, kind):
                yield where, r.RES_LEVEL.finding(
                    f"{kind} {rid!r} cannot sit in {parent_kind} {parent!r}: a parent is a "
                    "level above (site, area, line, work_center, machine)",
                    path="$.parent", value=parent)
            if parent_plant != plant:
                yield where, r.RES_PLANT.finding(
                    f"{rid!r} is in plant {plant!r} but its parent {parent!r} in {parent_plant!r}",
                    path="$.plant", value=plant)
