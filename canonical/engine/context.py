"""Per-message state of a mapping run and the native-path helpers every node uses.

A location is a cheap linked tuple ``(parent, segment)`` built as the engine descends; it is
rendered to a JSON path (``$.OPERATIONS[2].VORNR``) only when a finding needs it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Union

from canonical.engine.spec import Path
from canonical.report import Finding, Severity
from canonical.rules import Rule

#: the first part of a native path read from the document root (``$.HEADER.MEINS``) or from
#: the parent object (``^.MEINS``: the object holding the list an item is in); a dot inside
#: a key is written ``\.`` (``@odata\.etag``)
ROOT, PARENT = "$", "^"
_DOT = re.compile(r"(?<!\\)\.")


def split_path(text: str) -> tuple[str, ...]:
    r"""The keys of a dotted native path (``\.`` is a dot inside a key)."""
    return tuple(part.replace("\\.", ".") for part in _DOT.split(text))


def anchor_of(path: Path) -> tuple[int, Path]:
    """How far up a path starts (0 here, -1 the document root, n: n parents up) and the
    keys below that object."""
    if path and path[0] == ROOT:
        return -1, path[1:]
    up = 0
    while up < len(path) - 1 and path[up] == PARENT:
        up += 1
    return up, path[up:]


def show(path: Path) -> str:
    """A native path as a spec writes it."""
    return ".".join(p.replace(".", "\\.") for p in path)


#: ``None`` (the document root) or ``(parent, key-or-index)``.
Loc = Union[tuple["Loc", str | int], None]  # noqa: UP007 - a recursive alias needs Union


class WrongAt:
    """Returned by :func:`get` when a value on the way down is not an object."""

    __slots__ = ("depth", "value")

    def __init__(self, depth: int, value: object) -> None:
        self.depth, self.value = depth, value


def get(src: dict[str, object], path: Path) -> object:
    """The value at ``path`` below ``src``; ``None`` when absent; :class:`WrongAt` on a non-object."""
    if len(path) == 1:
        return src.get(path[0])
    current: object = src
    for depth, key in enumerate(path):
        if type(current) is not dict:
            return WrongAt(depth, current)
        current = current.get(key)
        if current is None:
            return None
    return current


def put(out: dict[str, object], path: Path, value: object) -> None:
    """Set ``value`` at ``path``, creating intermediate objects."""
    if len(path) == 1:
        out[path[0]] = value
        return
    target = out
    for key in path[:-1]:
        nxt = target.get(key)
        if type(nxt) is not dict:
            nxt = {}
            target[key] = nxt
        target = nxt
    target[path[-1]] = value


def render(loc: Loc, tail: Path | tuple[str | int, ...] = ()) -> str:
    parts: list[str | int] = []
    while loc is not None:
        loc, segment = loc
        parts.append(segment)
    parts.reverse()
    parts.extend(tail)
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def shown(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


class Ctx:
    """State of one mapping run: findings so far, the lookup date, the root output, the
    native document and the native objects above the one being mapped (``parents``)."""

    __slots__ = ("day", "findings", "native", "parents", "root")

    def __init__(self, day: date, root: dict[str, object], native: dict[str, object]) -> None:
        self.day = day
        self.findings: list[Finding] = []
        self.root, self.native = root, native
        self.parents: list[dict[str, object]] = []

    def base(self, up: int, here: dict[str, object]) -> dict[str, object] | None:
        """The native object a path anchored ``up`` starts from (see :func:`anchor_of`)."""
        if up == 0:
            return here
        if up < 0:
            return self.native
        parents = self.parents
        return parents[-up] if up <= len(parents) else None

    def add(self, rule: Rule, message: str, loc: Loc, tail: Path | tuple[str | int, ...] = (),
            value: object = None, severity: Severity | None = None) -> None:
        self.findings.append(rule.finding(
            message, path=render(loc, tail), value=None if value is None else shown(value),
            severity=severity))

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)
