"""Characters that make two codes look equal but compare different (MAP-360).

A code copied from a spreadsheet, a PDF or a chat can carry a zero-width space, a bidi
control or a no-break space: ``"KG\u200b"`` looks like ``"KG"`` in every editor and never
matches it. Codes (table cells and the native codes of a spec's values map) must not hold
them; :func:`invisible_problem` says which character sits where.
"""

from __future__ import annotations

import re
import unicodedata

#: Zero-width and formatting characters, bidi controls and no-break spaces.
INVISIBLE = re.compile(
    "[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2007\u200b-\u200f"
    "\u202a-\u202f\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]"
)


def invisible_problem(code: str) -> str:
    """Why ``code`` holds an invisible character ("" when it holds none)."""
    found = INVISIBLE.search(code)
    if found is None:
        return ""
    char = found.group()
    name = unicodedata.name(char, "FORMAT CHARACTER")
    count = len(INVISIBLE.findall(code))
    more = f" (and {count - 1} more)" if count > 1 else ""
    return (f"{code!r} contains U+{ord(char):04X} {name} at position {found.start() + 1}"
            f"{more}; it looks like {INVISIBLE.sub('', code)!r} but never matches it")
