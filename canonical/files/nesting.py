"""Nesting depth of JSON text, checked before it is parsed.

Python's JSON parser recurses once per level and fails with ``RecursionError`` deep down;
pydantic and pandas have their own limits. :func:`check_json_depth` refuses text nested
deeper than :data:`~canonical.files.limits.MAX_JSON_DEPTH` with a rule id (IO-005) first.
It costs one ``str.count`` per text for ordinary records: only text with more brackets than
the limit is scanned (skipping string contents, where brackets do not nest).
"""

from __future__ import annotations

import re

from canonical.errors import InputError
from canonical.files import limits
from canonical.files.rules import DEPTH

DEPTH_ID = DEPTH.id

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(text: str | bytes) -> int:
    """The deepest nesting of arrays and objects in ``text`` (0 for a scalar)."""
    body = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    depth = deepest = 0
    for match in _TOKENS.finditer(body):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def check_json_depth(
    text: str | bytes, *, source: str = "<input>", line: int | None = None,
    limit: int = limits.MAX_JSON_DEPTH, start: int = 0, end: int | None = None,
) -> None:
    """Raise :class:`InputError` (IO-005) when ``text[start:end]`` nests deeper than ``limit``."""
    stop = len(text) if end is None else end
    opened = text.count("[", start, stop) + text.count("{", start, stop) if isinstance(
        text, str) else text.count(b"[", start, stop) + text.count(b"{", start, stop)
    if opened <= limit:
        return
    deepest = json_depth(text[start:stop])
    if deepest > limit:
        raise InputError(f"JSON nested {deepest} levels deep; the limit is {limit}",
                         source=source, line=line, rule_id=DEPTH_ID)
