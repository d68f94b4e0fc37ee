"""Report a change once, where it is defined, listing the classes it reaches.

A class's induced slots repeat what its ancestors and the schema's top-level slots define,
so the same edit shows on every class that inherits it. :func:`place` folds those copies:

* a change of a top-level slot is reported once on the slot (path ``slot``), and every
  class whose induced slot shows the same change (same kind, before and after) is listed
  in ``affects`` instead of getting its own copy;
* any other change seen on several classes is reported on the topmost of them (the class
  that none of the others inherits from, path ``Class.slot``); the classes inheriting it
  are listed in ``affects``;
* a change seen on one class only stays as it is.

Overrides (``slot_usage``, a redefined attribute) give different before/after values and
therefore stay separate changes, on the class that makes them.
"""

from __future__ import annotations

from dataclasses import replace

from canonical.governance.facts import SchemaFacts
from canonical.governance.found import Found

Key = tuple[str, str, str | None, str | None]


def _key(found: Found, member: str) -> Key:
    return (found.kind, member, found.before, found.after)


def place(found: list[Found], old: SchemaFacts, new: SchemaFacts) -> list[Found]:
    """The changes with per-class copies folded into the change where they are defined."""
    out: list[Found] = []
    top: dict[Key, int] = {}
    reached: dict[int, set[str]] = {}
    groups: dict[Key, dict[str, Found]] = {}
    for f in found:
        if f.scope is None:
            out.append(f)
        elif not f.scope[0]:  # a top-level slot
            top[_key(f, f.scope[1])] = len(out)
            reached[len(out)] = set()
            out.append(f)
    for f in found:
        if f.scope is None or not f.scope[0]:
            continue
        cls, member = f.scope
        key = _key(f, member)
        if key in top:
            reached[top[key]].add(cls)
        else:
            groups.setdefault(key, {})[cls] = f
    for index, classes in reached.items():
        if classes:
            out[index] = replace(out[index], affects=tuple(sorted(classes)))
    for copies in groups.values():
        out.extend(_fold(copies, old, new))
    return out


def _fold(copies: dict[str, Found], old: SchemaFacts, new: SchemaFacts) -> list[Found]:
    def parents(name: str) -> set[str]:
        found = set(new.class_ancestors.get(name, ())) | set(old.class_ancestors.get(name, ()))
        return found - {name}

    names = set(copies)
    lineage = {name: parents(name) & names for name in names}
    out: list[Found] = []
    claimed: set[str] = set()
    for root in sorted(n for n in names if not lineage[n]):
        members = sorted(n for n in names - claimed if n == root or root in lineage[n])
        claimed.update(members)
        affects = tuple(members) if len(members) > 1 else ()
        out.append(replace(copies[root], affects=affects))
    return out
