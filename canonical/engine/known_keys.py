"""The native keys a spec knows, and a finding for every other key of a native object.

While a spec is compiled, each native path a rule reads is added to a :data:`Trie` of its
object (:func:`add_path`). Decoding then reports keys outside the trie (``ENG-103``): a native
field the spec does not map never passes silently; the spec lists it under ``ignore`` when it
carries nothing the canonical model needs.
"""

from __future__ import annotations

from typing import Union

from canonical.engine import rules
from canonical.engine.context import Ctx, Loc
from canonical.engine.spec import Path

#: key -> sub-trie (an object whose keys are checked too) or None (a leaf: anything goes)
Trie = dict[str, Union["Trie", None]]


def add_path(trie: Trie, path: Path) -> None:
    """Mark ``path`` as known (its last key a leaf: anything below it is accepted)."""
    node = trie
    for key in path[:-1]:
        sub = node.get(key, {})
        if sub is None:
            return  # already a leaf: everything below is accepted
        node[key] = sub
        node = sub
    node[path[-1]] = None


def unknown_keys(src: dict[str, object], trie: Trie, ctx: Ctx, loc: Loc) -> None:
    """A finding for each key of ``src`` (at ``loc``) that is not in ``trie``."""
    for key, value in src.items():
        if key not in trie:
            ctx.add(rules.UNKNOWN_FIELD, f"{key!r} is not mapped by the spec (declare it under "
                    "ignore if it carries nothing the canonical model needs)", loc, (key,),
                    value if not isinstance(value, dict | list) else None)
            continue


def unknown_keys_below(src: dict[str, object], trie: Trie, ctx: Ctx, loc: Loc) -> None:
    """:func:`unknown_keys` in every sub-object of ``src`` that ``trie`` checks too."""
    for key, sub in trie.items():
        value = src.get(key)
        if sub is not None and type(value) is dict:
            if not value.keys() <= sub.keys():
                unknown_keys(value, sub, ctx, (loc, key))
            unknown_keys_below(value, sub, ctx, (loc, key))
