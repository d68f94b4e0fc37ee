"""Where a schema change sits in the new schema file: its 1-based line, for annotations.

A change path names an element (``ProductionOrder``, ``LotStatus.expired``,
``ProductionOrder.quantity``); :func:`locate` finds the YAML key that declares it in the
LinkML source (a class's attribute or ``slot_usage``, a top-level slot, an enum's permissible
value, a type, a prefix) and returns the changes with ``file`` and ``line`` set. A removed element is
placed at its parent (the class or enum), which is where a reviewer looks.
"""

from __future__ import annotations

from dataclasses import replace

import yaml

from canonical.changes.model import Change
from canonical.errors import InputError
from canonical.files.yamlsafe import parse_yaml

_Node = yaml.Node | None


def _key(node: _Node, name: str) -> tuple[int | None, _Node]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return key.start_mark.line + 1, value
    return None, None


def _line(root: _Node, path: str) -> int | None:
    head, _, member = path.partition(".")
    if head == "prefixes" and member:
        return _key(_key(root, "prefixes")[1], member)[0] or _key(root, "prefixes")[0]
    for section, members in (("classes", ("attributes", "slot_usage")),
                             ("enums", ("permissible_values",)), ("types", ()), ("slots", ())):
        line, node = _key(_key(root, section)[1], head)
        if line is None:
            continue
        for inner in members if member else ():
            found, _ = _key(_key(node, inner)[1], member)
            if found is not None:
                return found
        if member and section == "classes":
            found, _ = _key(_key(root, "slots")[1], member)
            if found is not None:
                return found
        return line
    return None


def locate(changes: tuple[Change, ...], text: str, file: str) -> tuple[Change, ...]:
    """``changes`` with the ``file`` and ``line`` of their element in ``text``."""
    try:
        root = parse_yaml(text, source=file).node  # the one safe, bounded YAML reader
    except InputError:
        return changes
    return tuple(replace(c, file=file, line=_line(root, c.path)) for c in changes)
