"""Objects and lists: the nodes that give a mapped payload its shape.

:class:`ObjectNode` maps one canonical object from one native object (optionally a
sub-object ``at`` a path), checks native constants and refuses native keys the spec does not
know. :class:`ListNode` maps a native list item by item, :class:`ItemsNode` builds a short
canonical list (external references, a single confirmation) from fixed item rules, and
:class:`NestedNode` a nested canonical object.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol, Union, cast

from canonical.mapping.engine import rules
from canonical.mapping.engine.context import Ctx, Loc, WrongAt, get, put
from canonical.mapping.engine.quantity import QuantityNode
from canonical.mapping.engine.scalar import FAIL, ScalarNode
from canonical.mapping.engine.spec import NOTHING, Path
from canonical.mapping.engine.values import json_type
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.models import CanonicalModel

#: key -> sub-trie (an object whose keys are checked too) or None (a leaf: anything goes)
Trie = dict[str, Union["Trie", None]]


class Node(Protocol):
    field: str

    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc,
               out: dict[str, object]) -> None: ...

    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None: ...


def add_path(trie: Trie, path: Path) -> None:
    node = trie
    for key in path[:-1]:
        sub = node.get(key, {})
        if sub is None:
            return  # already a leaf: everything below is accepted
        node[key] = sub
        node = sub
    node[path[-1]] = None


class ObjectNode:
    """The fields of one canonical object and its native context."""

    __slots__ = ("at", "by_field", "check_unknown", "constants", "deep", "drop", "model",
                 "nodes", "steps", "trie")

    def __init__(self, model: type[CanonicalModel], nodes: Sequence[Node], *,
                 at: Path | None, constants: Sequence[tuple[Path, object]], trie: Trie,
                 check_unknown: bool, drop: frozenset[str]) -> None:
        # scalars first, so lists can convert to the order's material base unit
        self.nodes = tuple(sorted(nodes, key=lambda n: isinstance(n, ListNode | ItemsNode |
                                                                   NestedNode)))
        self.by_field = {n.field: n for n in nodes}
        self.model, self.at, self.constants = model, at, tuple(constants)
        self.trie, self.check_unknown, self.drop = trie, check_unknown, drop
        self.deep = check_unknown and any(sub is not None for sub in trie.values())
        self.steps = tuple(_step(node) for node in self.nodes)

    # ------------------------------------------------------------------ inbound
    def enter(self, src: dict[str, object], ctx: Ctx, loc: Loc) -> tuple[dict[str, object] | None,
                                                                        Loc]:
        """The native object this node reads (``src`` or the sub-object ``at``)."""
        if self.at is None:
            return src, loc
        sub = get(src, self.at)
        if sub is None:
            return None, loc
        if type(sub) is not dict:
            shown = sub.value if type(sub) is WrongAt else sub
            ctx.add(rules.WRONG_TYPE, f"expected an object, got {json_type(shown)}", loc,
                    self.at, None)
            return None, loc
        for key in self.at:
            loc = (loc, key)
        return sub, loc

    def decode_object(self, src: dict[str, object], ctx: Ctx, loc: Loc,
                      out: dict[str, object], steps: tuple[Step, ...] | None = None) -> None:
        """Map ``src`` into ``out``: every field (or only ``steps``, see :meth:`steps_without`)."""
        self.decode_each(((src, loc, out),), ctx, steps)

    def decode_each(self, objects: Iterable[Job], ctx: Ctx,
                    steps: tuple[Step, ...] | None = None) -> None:
        """Map each native object ``(src, loc, out)`` into its ``out`` (a list's items in one
        call, so the per-object set-up is paid once)."""
        constants, trie, deep, day = self.constants, self.trie, self.deep, ctx.day
        known = trie.keys() if self.check_unknown else None
        if steps is None:
            steps = self.steps
        for src, loc, out in objects:
            if constants:
                self._constants(src, ctx, loc)
            if known is not None and not src.keys() <= known:
                _unknown(src, trie, ctx, loc)
            if deep:
                _unknown_below(src, trie, ctx, loc)
            get_raw = src.get
            for step, key, field, aux, node in steps:
                # the common cases inline, most frequent first (see ScalarNode._fast_path and
                # QuantityNode.simple); anything else, or anything odd, goes to the node. A code
                # lookup: the code as the table spells it, its only row, approved on the day
                if step == 6:
                    raw = get_raw(key)
                    unit_key, units, base_of, base_units = aux
                    code = get_raw(unit_key)
                    row = units.get(code) if type(code) is str else None
                    if type(row) is _ROW and row.status is _APPROVED and (
                            row.valid_from <= day <= row.valid_to) and type(raw) is str and (
                            (raw.isdecimal() and len(raw) < 19) or _PLAIN(raw)):
                        unit = row.canonical_code
                        if base_of is None or (base_units.get(out.get(base_of)) == unit
                                               and not row.extra):
                            out[field] = {"value": Decimal(raw), "unit": unit}
                        else:  # to the material's base unit
                            cast(QuantityNode, node).in_base(Decimal(raw), row, out, ctx, loc, out)
                        continue
                elif step == 2:
                    raw = get_raw(key)
                    row = aux.get(raw) if type(raw) is str else None
                    if type(row) is _ROW and row.status is _APPROVED and (
                            row.valid_from <= day <= row.valid_to):
                        out[field] = row.canonical_code
                        continue
                elif step == 4:
                    raw = get_raw(key)
                    if type(raw) is str:
                        text = aux(raw) if aux is not None else raw
                        if 0 < len(text) < 10 and text.isdigit() and text.isascii():
                            out[field] = int(text)
                            continue
                elif step == 1:
                    raw = get_raw(key)
                    if type(raw) is str and raw:
                        out[field] = raw
                        continue
                elif step == 5:
                    raw = get_raw(key)
                    if type(raw) is str:
                        value = aux.get(raw, NOTHING)
                        if value is not NOTHING:
                            out[field] = value
                            continue
                elif step == 3:
                    raw = get_raw(key)
                    if type(raw) is str:
                        status = aux.get((raw, day))
                        if status is not None:
                            out[field] = status
                            continue
                elif step == 9:
                    raw = get_raw(key)
                    if type(raw) is str and (
                            (raw.isdecimal() and len(raw) < 19) or _PLAIN(raw)):
                        out[field] = Decimal(raw)
                        continue
                elif step == 8:
                    raw = get_raw(key)
                    if type(raw) is str and raw:
                        stamp = aux.quick_utc(raw, src)
                        if stamp is not None:
                            out[field] = stamp
                            continue
                elif step == 7:
                    out[field] = aux
                    continue
                node.decode(src, ctx, loc, out)

    def _constants(self, src: dict[str, object], ctx: Ctx, loc: Loc) -> None:
        for path, expected in self.constants:
            got = get(src, path)
            if got != expected or type(got) is not type(expected):
                if got is None:
                    ctx.add(rules.MISSING, f"constant {'.'.join(path)} must be {expected!r}",
                            loc, path)
                else:
                    ctx.add(rules.CONSTANT_MISMATCH, f"{'.'.join(path)} is {got!r}; this spec "
                            f"maps only {expected!r}", loc, path, got)

    def steps_without(self, node: Node) -> tuple[Step, ...]:
        """The steps of every field but ``node``'s (one the caller has already decoded)."""
        return tuple(step for step in self.steps if step[4] is not node)

    # ------------------------------------------------------------------ outbound
    def encode_object(self, obj: CanonicalModel, ctx: Ctx, loc: Loc,
                      out: dict[str, object]) -> None:
        """Write ``obj``'s fields into ``out`` (or into ``out[at]``)."""
        target = out
        if self.at is not None:
            target = {}
            put(out, self.at, target)
        for path, value in self.constants:
            put(target, path, value)
        by_field = self.by_field
        for name, value in obj.__dict__.items():
            if value is None or (type(value) is list and not value):
                continue
            node = by_field.get(name)
            if node is not None:
                node.encode(value, ctx, loc, target)
            elif name not in self.drop:
                ctx.add(rules.NO_PLACE, f"{name}: the target payload has no field for it (map "
                        "it, or list it under drop if the target does not need it)", loc,
                        (name,), value if not isinstance(value, list | CanonicalModel) else None)


_APPROVED = RowStatus.APPROVED
_ROW = MappingRow
#: a plain decimal amount; whole amounts (str.isdecimal, up to 18 characters) match it too,
#: which the inline steps test first as it is cheaper
_PLAIN = re.compile(r"-?\d{1,18}(\.\d{1,12})?").fullmatch
Step = tuple[int, str, str, Any, Node]
#: one native object to decode: the object, where it is, and the canonical dict to fill
Job = tuple[dict[str, object], Loc, dict[str, object]]


def _step(node: Node) -> Step:
    """How :meth:`ObjectNode.decode_object` runs a node: an inline fast path, or the node."""
    if isinstance(node, ScalarNode):
        if node.const is not NOTHING:
            return (7, "", node.field, node.const, node)
        if node.fast:
            return (node.fast, node.key or "", node.field, node.fast_aux, node)
    if isinstance(node, QuantityNode) and node.simple:
        assert node.unit_path is not None
        base = node.base_of if not node.base_from_root else None
        return (6, node.value_path[0], node.field,
                (node.unit_path[0], node.units.spellings, base, node.base_units), node)
    return (0, "", node.field, None, node)


def _unknown_below(src: dict[str, object], trie: Trie, ctx: Ctx, loc: Loc) -> None:
    for key, sub in trie.items():
        value = src.get(key)
        if sub is not None and type(value) is dict:
            if not value.keys() <= sub.keys():
                _unknown(value, sub, ctx, (loc, key))
            _unknown_below(value, sub, ctx, (loc, key))


def _unknown(src: dict[str, object], trie: Trie, ctx: Ctx, loc: Loc) -> None:
    for key, value in src.items():
        if key not in trie:
            ctx.add(rules.UNKNOWN_FIELD, f"{key!r} is not mapped by the spec (declare it under "
                    "ignore if it carries nothing the canonical model needs)", loc, (key,),
                    value if not isinstance(value, dict | list) else None)
            continue


class NestedNode:
    """A nested canonical object (e.g. a quality result's specification)."""

    __slots__ = ("child", "field", "required")

    def __init__(self, field: str, child: ObjectNode, *, required: bool) -> None:
        self.field, self.child, self.required = field, child, required

    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        sub, inner = self.child.enter(src, ctx, loc)
        if sub is None:
            if self.required:
                ctx.add(rules.MISSING, f"{self.field}: required object is missing", loc,
                        self.child.at or ())
            return
        result: dict[str, object] = {}
        self.child.decode_object(sub, ctx, inner, result)
        if result or self.required:
            out[self.field] = result

    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        assert isinstance(value, CanonicalModel)
        self.child.encode_object(value, ctx, (loc, self.field), out)


class ListNode:
    """A native list (``each``) mapped item by item."""

    __slots__ = ("child", "each", "field", "item", "unique", "unique_path")

    def __init__(self, field: str, each: Path, *, child: ObjectNode | None,
                 item: ScalarNode | None, unique: str | None) -> None:
        self.field, self.each, self.child, self.item, self.unique = field, each, child, item, unique
        key_node = child.by_field.get(unique) if child is not None and unique else None
        #: where an item's unique key is read (the finding for a duplicate points there)
        self.unique_path: Path = key_node.path or () if isinstance(key_node, ScalarNode) else ()

    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        raw = get(src, self.each)
        if raw is None:
            return
        if type(raw) is not list:
            shown = raw.value if type(raw) is WrongAt else raw
            ctx.add(rules.WRONG_TYPE, f"{self.field}: expected a list, got {json_type(shown)}",
                    loc, self.each)
            return
        base: Loc = loc
        for key in self.each:
            base = (base, key)
        items: Sequence[object] = self._objects(raw, ctx, base) if self.child is not None \
            else self._scalars(raw, ctx, base)
        if items:
            out[self.field] = items

    def _scalars(self, raw: list[object], ctx: Ctx, base: Loc) -> list[object]:
        scalar = self.item
        assert scalar is not None
        items: list[object] = []
        for index, element in enumerate(raw):
            here: Loc = (base, index)
            if element is None or element == "":
                ctx.add(rules.MISSING, f"{self.field}: empty list item", here)
                continue
            value = scalar.read(element, {}, ctx, here)
            if value is not FAIL:
                items.append(value)
        return items

    def _objects(self, raw: list[object], ctx: Ctx, base: Loc) -> list[dict[str, object]]:
        child, unique = self.child, self.unique
        assert child is not None
        flat = child.at is None  # the common case: the item itself is the object
        jobs: list[Job] = []
        items: list[dict[str, object]] = []
        indices: list[int] = []  # the native index of each item
        for index, element in enumerate(raw):
            if type(element) is not dict:
                ctx.add(rules.WRONG_TYPE, f"{self.field}: expected an object, got "
                        f"{json_type(element)}", (base, index), (), None)
                continue
            result: dict[str, object] = {}
            if flat:
                jobs.append((element, (base, index), result))
            else:
                sub, inner = child.enter(element, ctx, (base, index))
                if sub is not None:
                    jobs.append((sub, inner, result))
            items.append(result)
            indices.append(index)
        child.decode_each(jobs, ctx)
        if unique is not None:
            seen: dict[object, int] = {}  # unique key -> index of its first item
            for index, result in zip(indices, items, strict=True):
                key = result.get(unique)
                if key is not None and seen.setdefault(key, index) != index:
                    ctx.add(rules.DUPLICATE_ITEM, f"{self.field}: {unique} {key!r} appears "
                            f"twice (items {seen[key]} and {index})", (base, index),
                            self.unique_path, key)
        return items

    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        assert isinstance(value, list)
        native: list[object] = []
        here: Loc = (loc, self.field)
        for index, element in enumerate(value):
            at: Loc = (here, index)
            if self.item is not None:
                written = self.item.write(element, ctx, at, {})
                if written is not FAIL:
                    native.append(written)
                continue
            assert self.child is not None and isinstance(element, CanonicalModel)
            item: dict[str, object] = {}
            self.child.encode_object(element, ctx, at, item)
            native.append(item)
        put(out, self.each, native)


class ItemsNode:
    """A canonical list built from fixed item rules over the same native object."""

    __slots__ = ("field", "items", "matches", "whens")

    def __init__(self, field: str, items: Sequence[ObjectNode], whens: Sequence[Path | None],
                 matches: Sequence[dict[str, object]]) -> None:
        self.field, self.items, self.whens = field, tuple(items), tuple(whens)
        self.matches = tuple(matches)  # per item: the constant canonical fields that identify it

    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        results: list[object] = []
        for child, when in zip(self.items, self.whens, strict=True):
            if when is not None and get(src, when) in (None, ""):
                continue
            sub, inner = child.enter(src, ctx, loc)
            if sub is None:
                continue
            result: dict[str, object] = {}
            child.decode_object(sub, ctx, inner, result)
            results.append(result)
        if results:
            out[self.field] = results

    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        assert isinstance(value, list)
        used: set[int] = set()
        here: Loc = (loc, self.field)
        for index, element in enumerate(value):
            assert isinstance(element, CanonicalModel)
            for number, (child, match) in enumerate(zip(self.items, self.matches, strict=True)):
                if number in used or not all(_plain(getattr(element, k, None)) == v
                                             for k, v in match.items()):
                    continue
                used.add(number)
                child.encode_object(element, ctx, (here, index), out)
                break
            else:
                ctx.add(rules.UNMATCHED_ITEM, f"{self.field}[{index}] matches no item rule of "
                        "the spec (or a second item of the same kind)", here, (index,))
        for number, when in enumerate(self.whens):
            if when is None and number not in used:
                ctx.add(rules.MISSING, f"{self.field}: required item {self.matches[number]} is "
                        "missing", here)


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value
