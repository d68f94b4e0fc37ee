"""Per-message state of a mapping run and the native-path helpers every node uses.

A location is a cheap linked tuple ``(parent, segment)`` built as the engine descends; it is
rendered to a JSON path (``$.OPERATIONS[2].VORNR``) only when a finding needs it.
"""

from __future__ import annotations

from datetime import date
from typing import Union

from canonical.engine.spec import Path
from canonical.report import Finding, Severity
from canonical.rules import Rule

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
    """State of one mapping run: findings so far, the lookup date, the root output."""

    __slots__ = ("day", "findings", "root")

    def __init__(self, day: date) -> None:
        self.day = day
        self.findings: list[Finding] = []
        self.root: dict[str, object] = {}

    def add(self, rule: Rule, message: str, loc: Loc, tail: Path | tuple[str | int, ...] = (),
            value: object = None, severity: Severity | None = None) -> None:
        self.findings.append(rule.finding(
            message, path=render(loc, tail), value=None if value is None else shown(value),
            severity=severity))

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)
