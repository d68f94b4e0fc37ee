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

from collections.abc import Callable, Iterator
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
    """Resources seen (kind and plant by id) and the parents they name; ``W`` locates one.

    It streams (issue 20): the ids of the resources seen are the extract's id index
    (:class:`~canonical.validation.collection.Collection`), which remembers the
    :meth:`number` of each resource's kind and plant; ``seen`` looks it up (``None``: not a
    resource of the extract). A child whose parent was read before it is judged at once (only
    its findings are kept), one whose parent comes later waits until :meth:`findings`.
    """

    def __init__(self, seen: Callable[[str], int | None]) -> None:
        self._seen = seen
        self._pairs: dict[tuple[str, str], int] = {}  # (kind, plant) -> number
        self._count = 0  # children so far: findings come in the order of their children
        self._found: list[tuple[int, W, Finding]] = []
        self._waiting: list[tuple[int, W, str, str, str, str]] = []

    def number(self, res: Resource) -> int:
        """The number of the kind and plant of ``res`` (few pairs, many resources)."""
        # the kind's value: an enum member hashes in Python, its string in C
        return self._pairs.setdefault((res.kind._value_, res.plant), len(self._pairs))

    def add(self, res: Resource, where: W) -> int | None:
        """A resource; call before its own id is remembered. Returns what ``seen`` says of its
        parent (``None``: no parent, itself, or a parent not seen yet)."""
        if res.parent is None or res.parent == res.id:  # itself: RES-001
            return None
        kind = res.kind.value
        self._count += 1
        parent = self._seen(res.parent)
        if parent is not None:
            self._found.extend((self._count, where, finding) for finding in
                               self._judged(res.id, kind, res.plant, res.parent, parent))
        else:
            self._waiting.append((self._count, where, res.id, kind, res.plant, res.parent))
        return parent

    def findings(self) -> Iterator[tuple[W, Finding]]:
        """RES-010 and RES-011 for each parent the extract carries, with where its child was."""
        found = list(self._found)
        for number, where, rid, kind, plant, parent in self._waiting:
            seen = self._seen(parent)
            if seen is not None:  # else a reference outside the extract (RES-002)
                found.extend((number, where, finding) for finding in
                             self._judged(rid, kind, plant, parent, seen))
        found.sort(key=lambda item: item[0])  # stable: a child's own findings keep their order
        for _, where, finding in found:
            yield where, finding

    def _judged(self, rid: str, kind: str, plant: str, parent: str, number: int,
                ) -> Iterator[Finding]:
        """RES-010 and RES-011 of a resource whose parent is ``number`` (its kind and plant)."""
        parent_kind, parent_plant = list(self._pairs)[number]
        if not contains(parent_kind, kind):
            yield r.RES_LEVEL.finding(
                f"{kind} {rid!r} cannot sit in {parent_kind} {parent!r}: a parent is a "
                "level above (site, area, line, work_center, machine)",
                path="$.parent", value=parent)
        if parent_plant != plant:
            yield r.RES_PLANT.finding(
                f"{rid!r} is in plant {plant!r} but its parent {parent!r} in {parent_plant!r}",
                path="$.plant", value=plant)
