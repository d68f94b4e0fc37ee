"""What changed between two versions of a plant's mapping specs.

Specs are matched by file name, then (for files renamed) by system, entity and direction.
Within a spec every key is compared on the normalised content
(:func:`canonical.mapping.specdocs.normalise`): formatting, comments and shorthands never show;
every change of meaning does, as one :class:`~canonical.changes.Change` of a kind from
:mod:`canonical.mapping.plant_rules` located at the spec key's line in the new file (a removed
key: its nearest surviving parent). A key the diff does not know is reported as
``spec_rule_changed`` (needs review), never skipped.

Paths read ``specs/<file>/fields/type/values/VERBRAUCH``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from canonical.changes import Change
from canonical.changes.model import ChangeKind
from canonical.mapping import plant_rules as kinds
from canonical.mapping.specdocs import APPROVAL_KEYS, SPECS, SpecDocument

#: Which kind of change a key of a spec header, object or rule makes.
_HEADER = {"system": kinds.SPEC_HEADER_CHANGED, "entity": kinds.SPEC_HEADER_CHANGED,
           "direction": kinds.SPEC_DIRECTION_CHANGED,
           "description": kinds.SPEC_DESCRIPTION_CHANGED, "as_of": kinds.SPEC_AS_OF_CHANGED,
           "decimal_comma": kinds.SPEC_DECIMAL_COMMA_CHANGED,
           "unknown_fields": kinds.SPEC_UNKNOWN_FIELDS_CHANGED, "drop": kinds.SPEC_DROP_CHANGED}
_RULE = {"path": kinds.SPEC_PATH_CHANGED, "each": kinds.SPEC_PATH_CHANGED,
         "at": kinds.SPEC_PATH_CHANGED, "when": kinds.SPEC_PATH_CHANGED,
         "table": kinds.SPEC_TABLE_CHANGED, "normalise": kinds.SPEC_NORMALISE_CHANGED,
         "prefix": kinds.SPEC_AFFIX_CHANGED, "suffix": kinds.SPEC_AFFIX_CHANGED,
         "format": kinds.SPEC_FORMAT_CHANGED, "time_format": kinds.SPEC_FORMAT_CHANGED,
         "time_path": kinds.SPEC_FORMAT_CHANGED, "offset": kinds.SPEC_FORMAT_CHANGED,
         "native": kinds.SPEC_FORMAT_CHANGED, "zone": kinds.SPEC_ZONE_CHANGED,
         "value": kinds.SPEC_CONSTANT_CHANGED, "default": kinds.SPEC_DEFAULT_CHANGED}
_QUANTITY = {"value": kinds.SPEC_PATH_CHANGED, "unit": kinds.SPEC_UNIT_CHANGED,
             "unit_value": kinds.SPEC_UNIT_CHANGED, "to_base_unit": kinds.SPEC_UNIT_CHANGED,
             "native": kinds.SPEC_FORMAT_CHANGED}
#: Keys compared structurally (not as one value).
_NESTED = ("fields", "values", "constants", "ignore", "quantity", "item", "items")

Keys = tuple[str, ...]


def as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


class _SpecDiff:
    """The changes between two versions of one spec (``old`` may be a renamed file)."""

    def __init__(self, old: SpecDocument, new: SpecDocument) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []

    def add(self, kind: ChangeKind, keys: Keys, message: str, before: object = None,
            after: object = None) -> None:
        """A change located at ``keys`` in the new file (a removed key: its parent's line)."""
        self.changes.append(spec_change(kind, self.new, keys, message, as_text(before),
                                        as_text(after), self.new.line(*keys)))

    def run(self) -> list[Change]:
        old, new = self.old.content, self.new.content
        for key in sorted(set(old) | set(new)):
            if key in _NESTED or key in ("spec_version",):
                continue
            a, b = old.get(key), new.get(key)
            if a != b:
                kind = _HEADER.get(key, kinds.SPEC_RULE_CHANGED)
                self.add(kind, (key,), f"{key} {show(a)} -> {show(b)}", a, b)
        if old.get("spec_version") != new.get("spec_version"):
            self.add(kinds.SPEC_RULE_CHANGED, ("spec_version",), "spec_version "
                     f"{show(old.get('spec_version'))} -> {show(new.get('spec_version'))}",
                     old.get("spec_version"), new.get("spec_version"))
        self.obj(old, new, ())
        self.approval()
        return self.changes

    def approval(self) -> None:
        for key in APPROVAL_KEYS:
            a, b = self.old.approval(key), self.new.approval(key)
            if a != b:
                self.add(kinds.SPEC_APPROVAL_CHANGED, (key,), f"{key} {a!r} -> {b!r}", a, b)

    def obj(self, old: Mapping[str, object], new: Mapping[str, object], keys: Keys) -> None:
        """An object rule (the spec root, a nested object, a list's fields, an item)."""
        a_fields, b_fields = _dict(old.get("fields")), _dict(new.get("fields"))
        for name in [*a_fields, *(n for n in b_fields if n not in a_fields)]:
            here = (*keys, "fields", name)
            if name not in b_fields:
                self.add(kinds.SPEC_FIELD_REMOVED, here, f"field {name!r} no longer mapped",
                         a_fields[name])
            elif name not in a_fields:
                self.add(kinds.SPEC_FIELD_ADDED, here, f"field {name!r} mapped", None,
                         b_fields[name])
            else:
                self.rule(a_fields[name], b_fields[name], here)
        a_const, b_const = _dict(old.get("constants")), _dict(new.get("constants"))
        for path in sorted(set(a_const) | set(b_const)):
            a, b = a_const.get(path), b_const.get(path)
            if a != b or (path in a_const) != (path in b_const):
                self.add(kinds.SPEC_CONSTANT_CHANGED, (*keys, "constants", path),
                         f"native constant {path} {show(a)} -> {show(b)}", a, b)
        a_ign, b_ign = _set(old.get("ignore")), _set(new.get("ignore"))
        for path in sorted(b_ign - a_ign):
            self.add(kinds.SPEC_IGNORE_ADDED, (*keys, "ignore"), f"native {path} now ignored",
                     None, path)
        for path in sorted(a_ign - b_ign):
            self.add(kinds.SPEC_IGNORE_REMOVED, (*keys, "ignore"),
                     f"native {path} no longer ignored: an unknown field again", path, None)
        for key in ("at", "when"):
            if old.get(key) != new.get(key):
                self.add(kinds.SPEC_PATH_CHANGED, (*keys, key), f"{key} {show(old.get(key))} "
                         f"-> {show(new.get(key))}", old.get(key), new.get(key))
        self.items(old.get("items"), new.get("items"), keys)

    def rule(self, old: object, new: object, keys: Keys) -> None:
        """One field rule (scalar, quantity, list or object)."""
        if old == new:
            return
        if not isinstance(old, dict) or not isinstance(new, dict) or _shape(old) != _shape(new):
            self.add(kinds.SPEC_RULE_CHANGED, keys, f"rule of {keys[-1]!r} replaced "
                     f"({_shape(old)} -> {_shape(new)})", old, new)
            return
        table = _QUANTITY if _shape(old) == "quantity" else _RULE
        a_q, b_q = _dict(old.get("quantity")), _dict(new.get("quantity"))
        for key in sorted(set(old) | set(new) | set(a_q) | set(b_q)):
            inside = key in a_q or key in b_q
            a = a_q.get(key) if inside else old.get(key)
            b = b_q.get(key) if inside else new.get(key)
            if key in _NESTED or key in ("at", "when") or a == b:
                continue
            here = (*keys, "quantity", key) if inside else (*keys, key)
            kind = table.get(key, kinds.SPEC_RULE_CHANGED)
            self.add(kind, here, f"{'.'.join(keys[1::2])} {key} {show(a)} -> {show(b)}",
                     a, b)
        self.values(_dict(old.get("values")), _dict(new.get("values")), (*keys, "values"))
        if old.get("item") != new.get("item"):
            self.rule(old.get("item"), new.get("item"), (*keys, "item"))
        if _shape(old) in ("list", "object", "items"):
            self.obj(old, new, keys)

    def values(self, old: Mapping[str, object], new: Mapping[str, object], keys: Keys) -> None:
        field = ".".join(keys[1:-1:2])
        for code in [*old, *(c for c in new if c not in old)]:
            here = (*keys, code)
            if code not in new:
                self.add(kinds.SPEC_VALUE_REMOVED, here, f"{field}: native {code!r} "
                         f"(-> {old[code]!r}) no longer maps", old[code], None)
            elif code not in old:
                self.add(kinds.SPEC_VALUE_ADDED, here, f"{field}: native {code!r} now maps "
                         f"to {new[code]!r}", None, new[code])
            elif old[code] != new[code]:
                swapped = [c for c in old if c != code and c in new and old[c] == new[code]
                           and new[c] == old[code]]
                how = f"; swapped with {swapped[0]!r}" if swapped else ""
                self.add(kinds.SPEC_VALUE_CHANGED, here, f"{field}: native {code!r} maps to "
                         f"{new[code]!r} instead of {old[code]!r}{how}", old[code], new[code])

    def items(self, old: object, new: object, keys: Keys) -> None:
        a, b = _list(old), _list(new)
        for i in range(max(len(a), len(b))):
            here = (*keys, "items", str(i))
            if i >= len(b):
                self.add(kinds.SPEC_RULE_CHANGED, here, f"item rule {i} removed", a[i], None)
            elif i >= len(a):
                self.add(kinds.SPEC_RULE_CHANGED, here, f"item rule {i} added", None, b[i])
            else:
                self.obj(_dict(a[i]), _dict(b[i]), here)


def spec_change(kind: ChangeKind, spec: SpecDocument, keys: Keys, message: str,
                before: str | None, after: str | None, line: int | None) -> Change:
    return kind.change("/".join((SPECS, spec.name, *keys)), message, before=before,
                       after=after, file=spec.file, line=line)


def _shape(rule: object) -> str:
    if not isinstance(rule, dict):
        return type(rule).__name__
    for key, shape in (("quantity", "quantity"), ("each", "list"), ("item", "list"),
                       ("items", "items"), ("fields", "object")):
        if key in rule:
            return shape
    return "value" if "value" in rule else "scalar"


def show(value: object) -> str:
    return "(none)" if value is None else repr(value)


def _dict(value: object) -> dict[str, object]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _set(value: object) -> set[str]:
    return {str(v) for v in value} if isinstance(value, list) else set()


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def spec_changes(old: list[SpecDocument], new: list[SpecDocument]) -> Iterator[Change]:
    """Added, removed, renamed and changed specs from ``old`` to ``new``."""
    before = {d.name: d for d in old}
    after = {d.name: d for d in new}
    gone = [d for name, d in before.items() if name not in after]
    came = [d for name, d in after.items() if name not in before]
    renamed: list[tuple[SpecDocument, SpecDocument]] = []
    for doc in list(came):
        match = next((g for g in gone if g.header == doc.header and all(doc.header)), None)
        if match is not None:
            gone.remove(match)
            came.remove(doc)
            renamed.append((match, doc))
    for doc in sorted(came, key=lambda d: d.name):
        yield spec_change(kinds.SPEC_ADDED, doc, (), "spec added ({} {} {})".format(
            *doc.header), None, doc.fingerprint, 1)
    for doc in sorted(gone, key=lambda d: d.name):
        yield spec_change(kinds.SPEC_REMOVED, doc, (), "spec removed ({} {} {})".format(
            *doc.header), doc.fingerprint, None, None)
    for a, b in renamed:
        yield spec_change(kinds.SPEC_RENAMED, b, (), f"renamed from {a.name}", a.name, b.name, 1)
        yield from _SpecDiff(a, b).run()
    for name in sorted(set(before) & set(after)):
        yield from _SpecDiff(before[name], after[name]).run()
