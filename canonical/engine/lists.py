"""Lists: the nodes that map a canonical list.

:class:`ListNode` maps a native list item by item (objects, or scalars such as serial
numbers); :class:`ItemsNode` builds a short canonical list (external references, a single
confirmation) from fixed item rules over the same native object.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

from canonical.engine import rules
from canonical.engine.context import Ctx, Loc, WrongAt, get, put
from canonical.engine.scalar import ScalarNode
from canonical.engine.spec import Path
from canonical.engine.steps import FAIL
from canonical.engine.values import json_type
from canonical.models import CanonicalModel

if TYPE_CHECKING:
    from canonical.engine.objects import Job, ObjectNode


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
        ctx.parents.append(src)  # what the items' '^.' paths read
        try:
            items: Sequence[object] = self._objects(raw, ctx, base) if self.child is not None \
                else self._scalars(raw, ctx, base)
        finally:
            ctx.parents.pop()
        if items:
            out[self.field] = items

    def _scalars(self, raw: list[object], ctx: Ctx, base: Loc) -> list[object]:
        scalar = self.item
        assert scalar is not None
        items: list[object] = []
        reader, day = scalar.reader, ctx.day
        for index, element in enumerate(raw):
            if element is None or element == "":
                ctx.add(rules.MISSING, f"{self.field}: empty list item", (base, index))
                continue
            value = reader(element, {}, day, None)  # FAIL for anything worth a finding
            if value is FAIL:  # read again, saying why (as every field does)
                value = scalar.read(element, {}, ctx, (base, index))
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
        ctx.parents.append(out)  # where the items' '^.' fields are written
        try:
            self._encode_items(value, native, ctx, here)
        finally:
            ctx.parents.pop()
        put(out, self.each, native)

    def _encode_items(self, value: list[object], native: list[object], ctx: Ctx,
                      here: Loc) -> None:
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
