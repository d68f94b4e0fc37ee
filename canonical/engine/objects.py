"""Objects: the nodes that map one canonical object from one native object.

:class:`ObjectNode` maps one canonical object from one native object (optionally a
sub-object ``at`` a path), checks native constants and refuses native keys the spec does not
know (:mod:`~canonical.engine.known_keys`); :class:`NestedNode` maps a nested
canonical object. Lists of objects are :mod:`~canonical.engine.lists`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from canonical.engine import codegen, rules
from canonical.engine.context import Ctx, Loc, WrongAt, get, put
from canonical.engine.known_keys import Trie, unknown_keys, unknown_keys_below
from canonical.engine.lists import ItemsNode, ListNode
from canonical.engine.quantity import QuantityNode
from canonical.engine.scalar import Fast, ScalarNode
from canonical.engine.spec import Path
from canonical.engine.steps import FAIL, SKIP
from canonical.engine.values import json_type
from canonical.models import CanonicalModel

_REFERENCE = False


@contextmanager
def reference_path() -> Iterator[None]:
    """Run every object through the generic loop instead of its generated function (the
    reference the generated code is tested against)."""
    global _REFERENCE
    _REFERENCE = True
    try:
        yield
    finally:
        _REFERENCE = False


def reference_on() -> bool:
    """Whether :func:`reference_path` is on."""
    return _REFERENCE


class Node(Protocol):
    field: str

    def decode(self, src: dict[str, object], ctx: Ctx, loc: Loc,
               out: dict[str, object]) -> None: ...

    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None: ...


class ObjectNode:
    """The fields of one canonical object and its native context."""

    __slots__ = ("_decode", "_encode", "at", "by_field", "check_unknown", "constants", "deep",
                 "drop", "model", "nodes", "steps", "trie")

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
        self._decode: codegen.Decode | None = None  # generated on first use
        self._encode: codegen.Encode | None = None

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
        call, so the per-object set-up is paid once): by the generated function
        (:mod:`~canonical.engine.codegen`), or by :meth:`interpret_each` when ``steps`` are
        given or the reference path is on (:func:`reference_path`)."""
        if steps is None and not _REFERENCE:
            (self._decode or self.decoder())(objects, ctx)
        else:
            self.interpret_each(objects, ctx, steps)

    def decoder(self) -> codegen.Decode:
        """This object's generated inbound function (:mod:`~canonical.engine.codegen`),
        built on first use."""
        if self._decode is None:
            self._decode = codegen.decoder(self)[0]
        return self._decode

    def interpret_each(self, objects: Iterable[Job], ctx: Ctx,
                       steps: tuple[Step, ...] | None = None) -> None:
        """The reference path of :meth:`decode_each`: each field is read by its compiled
        ``fast`` reader; when that gives FAIL, its node reads it again, saying why."""
        constants, trie, deep = self.constants, self.trie, self.deep
        known = trie.keys() if self.check_unknown else None
        if steps is None:
            steps = self.steps
        for src, loc, out in objects:
            if constants:
                self.check_constants(src, ctx, loc)
            if known is not None and not src.keys() <= known:
                unknown_keys(src, trie, ctx, loc)
            if deep:
                unknown_keys_below(src, trie, ctx, loc)
            for field, fast, node in steps:
                if fast is not None:
                    value = fast(src, out, ctx)
                    if value is SKIP:
                        continue
                    if value is not FAIL:
                        out[field] = value
                        continue
                node.decode(src, ctx, loc, out)

    def check_constants(self, src: dict[str, object], ctx: Ctx, loc: Loc) -> None:
        for path, expected in self.constants:
            got = get(src, path)
            if type(got) is WrongAt:
                ctx.add(rules.WRONG_TYPE, f"constant {'.'.join(path)}: expected an object at "
                        f"{'.'.join(path[:got.depth])}, got {json_type(got.value)}", loc,
                        path[:got.depth], got.value)
            elif got != expected or type(got) is not type(expected):
                if got is None:
                    ctx.add(rules.MISSING, f"constant {'.'.join(path)} must be {expected!r}",
                            loc, path)
                else:
                    ctx.add(rules.CONSTANT_MISMATCH, f"{'.'.join(path)} is {got!r}; this spec "
                            f"maps only {expected!r}", loc, path, got)

    def steps_without(self, node: Node) -> tuple[Step, ...]:
        """The steps of every field but ``node``'s (one the caller has already decoded)."""
        return tuple(step for step in self.steps if step[2] is not node)

    # ------------------------------------------------------------------ outbound
    def encode_object(self, obj: CanonicalModel, ctx: Ctx, loc: Loc,
                      out: dict[str, object]) -> None:
        """Write ``obj``'s fields into ``out`` (or into ``out[at]``): by the generated function,
        or by :meth:`interpret_object` when the reference path is on."""
        if _REFERENCE:
            self.interpret_object(obj, ctx, loc, out)
            return
        if self._encode is None:
            self._encode = codegen.encoder(self)[0]
        self._encode(obj, ctx, loc, out)

    def interpret_object(self, obj: CanonicalModel, ctx: Ctx, loc: Loc,
                         out: dict[str, object]) -> None:
        """The reference path of :meth:`encode_object`."""
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
                self.no_place(name, value, ctx, loc)

    no_place = staticmethod(codegen.no_place)

    def source(self, direction: str) -> str:
        """The source of the function generated for this object (``"inbound"`` or
        ``"outbound"``) and of those of the objects below it."""
        below = [node.child for node in self.nodes if isinstance(node, NestedNode)]
        for node in self.nodes:
            if isinstance(node, ListNode) and node.child is not None:
                below.append(node.child)
            elif isinstance(node, ItemsNode):
                below.extend(node.items)
        own = codegen.decoder(self) if direction == "inbound" else codegen.encoder(self)
        return "\n".join([own[1], *(child.source(direction) for child in below)])


#: how :meth:`ObjectNode.decode_each` runs a node: its field, its fast reader (None: the
#: node decodes itself, e.g. a list) and the node
Step = tuple[str, Fast | None, Node]
#: one native object to decode: the object, where it is, and the canonical dict to fill
Job = tuple[dict[str, object], Loc, dict[str, object]]


def _step(node: Node) -> Step:
    return (node.field, node.fast if isinstance(node, ScalarNode | QuantityNode) else None,
            node)


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
        own = self.child.at is not None  # a sub-object: '^.' paths in it read ``src``
        if own:
            ctx.parents.append(src)
        self.child.decode_each(((sub, inner, result),), ctx)  # decode_object, one call less
        if own:
            ctx.parents.pop()
        if result or self.required:
            out[self.field] = result

    def encode(self, value: object, ctx: Ctx, loc: Loc, out: dict[str, object]) -> None:
        assert isinstance(value, CanonicalModel)
        own = self.child.at is not None
        if own:
            ctx.parents.append(out)
        self.child.encode_object(value, ctx, (loc, self.field), out)
        if own:
            ctx.parents.pop()
