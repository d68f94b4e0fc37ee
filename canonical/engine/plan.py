"""A compiled spec: runs one payload inbound (native -> canonical dict) or outbound.

Plans are built once per plant (:mod:`canonical.engine.plans`) and hold no
per-message state; each run gets a fresh :class:`~canonical.engine.context.Ctx`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from canonical.engine import codegen, rules
from canonical.engine.clock import LocalDate, LocalToday
from canonical.engine.context import Ctx, get, put
from canonical.engine.events import message_ids
from canonical.engine.lists import ItemsNode, ListNode
from canonical.engine.objects import NestedNode, ObjectNode, reference_on
from canonical.engine.quantity import CensoredNode, QuantityNode
from canonical.engine.scalar import ScalarNode
from canonical.engine.spec import Path, Spec
from canonical.engine.steps import FAIL, SKIP
from canonical.engine.values import json_type
from canonical.models import CanonicalModel
from canonical.validation.record import checks_for


class AsOf(NamedTuple):
    """The field whose date selects table rows: its node, the native path of the object it
    is read from, and whether that object is nested (else the root object)."""

    node: ScalarNode
    at: Path
    nested: bool


class Plan:
    """The compiled form of one spec for one plant."""

    __slots__ = (
        "_date_of",
        "_message_id",
        "_today",
        "after_as_of",
        "as_of",
        "as_of_parts",
        "decode_after_as_of",
        "model",
        "plant",
        "root",
        "rules",
        "source_after_as_of",
        "spec",
        "zone",
    )

    def __init__(self, spec: Spec, model: type[CanonicalModel], root: ObjectNode,
                 as_of: AsOf | None, zone: ZoneInfo, plant: str) -> None:
        self.spec, self.model, self.root, self.as_of = spec, model, root, as_of
        self.zone, self.plant = zone, plant
        self._today = LocalToday(zone)
        self._date_of = LocalDate(zone)
        self._message_id = message_ids(plant, spec.system)
        #: the business rules of ``model`` (:func:`canonical.validation.record.checks_for`)
        self.rules = checks_for(model)
        #: the canonical field names on the way to the as_of field
        self.as_of_parts = tuple((spec.as_of or "").split("."))
        self.after_as_of = root.steps_without(as_of.node) if as_of is not None and (
            not as_of.nested) else None
        #: the root's generated function reading the as_of field first
        self.decode_after_as_of: codegen.Decode | None = None
        self.source_after_as_of = ""
        if as_of is not None and not as_of.nested:
            self.decode_after_as_of, self.source_after_as_of = codegen.decoder(
                root, as_of.node, self._day, self._date_of)

    def today(self) -> date:
        """Today in the plant's time zone."""
        return self._today()

    def decode(self, payload: object, *, on: date | None = None) -> tuple[dict[str, object], Ctx]:
        """The canonical dict (python values) of a native payload, and the run's findings."""
        out: dict[str, object] = {}
        if type(payload) is not dict:
            ctx = Ctx(on or date.min, out, {})
            ctx.add(rules.NOT_OBJECT, f"expected a JSON object, got {json_type(payload)}", None)
            return out, ctx
        ctx = Ctx(on or date.min, out, payload)
        jobs = ((payload, None, out),)
        if on is None:
            if self.decode_after_as_of is not None and not reference_on():
                self.decode_after_as_of(jobs, ctx)  # reads the as_of field first
                return out, ctx
            ctx.day = self._today() if self.as_of is None else self._day(
                self._as_of_value(payload, ctx, out))
            self.root.decode_each(jobs, ctx, self.after_as_of)
            return out, ctx
        self.root.decode_each(jobs, ctx)
        return out, ctx

    def source(self) -> str:
        """The source text of the functions generated for this spec (see
        :mod:`~canonical.engine.codegen`): for reviewers, never written to disk."""
        head = f"# {self.plant} {self.spec.system} {self.spec.entity} {self.spec.direction}\n"
        direction = self.spec.direction.value
        if direction == "inbound" and self.source_after_as_of:
            head += f"# the root reading its as_of field ({self.spec.as_of}) first\n"
            return head + self.source_after_as_of + "\n" + self.root.source(direction)
        return head + self.root.source(direction)

    def _as_of_value(self, payload: dict[str, object], ctx: Ctx,
                     out: dict[str, object]) -> object:
        """The as_of field's value, read first. A root field is decoded into ``out`` (with
        its findings) and skipped later; a nested one is read without findings (its object,
        decoded later, reports them) and gives None when it cannot be read."""
        as_of = self.as_of
        if as_of is None:
            return None
        node = as_of.node
        if not as_of.nested:
            value = node.fast(payload, out, ctx)
            if value is FAIL:
                node.decode(payload, ctx, None, out)  # again, saying why
                return out.get(node.field)
            if value is not SKIP:
                out[node.field] = value
            return None if value is SKIP else value
        holder = get(payload, as_of.at) if as_of.at else payload
        if type(holder) is not dict:
            return None
        value = node.fast(holder, {}, ctx)
        return None if value is FAIL or value is SKIP else value

    def _day(self, stamp: object) -> date:
        """The plant-local date of an as_of value (today when there is none)."""
        kind = type(stamp)  # the exact types first: what validated objects hold
        if kind is datetime or (kind is not date and isinstance(stamp, datetime)):
            return self._date_of(stamp)  # type: ignore[arg-type]
        if kind is date or isinstance(stamp, date):
            return stamp  # type: ignore[return-value]
        return self._today()

    def encode(self, obj: CanonicalModel, *, on: date | None = None) -> tuple[dict[str, object],
                                                                              Ctx]:
        """The native payload of a canonical object, and the run's findings."""
        out: dict[str, object] = {}
        ctx = Ctx(on or self.day_of(obj), {}, out)
        self.root.encode_object(obj, ctx, None, out)
        generated = self.spec.generated
        if generated:  # "message_id", the one kind so far: one id per message
            sent = self._message_id(obj)
            for path, _kind in generated:
                put(out, path, sent)
        return out, ctx

    def day_of(self, obj: CanonicalModel) -> date:
        """The date that selects table rows for an outbound object (its as_of field)."""
        if self.as_of is None:
            return self.today()
        parts = self.as_of_parts
        if len(parts) == 1:  # a field of the object itself (the common case): a datetime
            own = getattr(obj, parts[0], None)  # is what _day would give _date_of
            return self._date_of(own) if type(own) is datetime else self._day(own)
        stamp: object = obj
        for part in parts:
            if type(stamp) is list:  # a list built from item rules: its first item
                stamp = stamp[0] if stamp else None
            stamp = getattr(stamp, part, None)
        return self._day(stamp)

    def locate(self, canonical: Sequence[str | int]) -> str:
        """The native JSON path a canonical path (``operations, 2, sequence``) was read from."""
        parts: list[str | int] = []
        node: object = self.root
        rest = list(canonical)
        while node is not None:
            node = _down(node, rest, parts)
        return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


Parts = list[str | int]


def _down(node: object, rest: Parts, parts: Parts) -> object:
    """One step of :meth:`Plan.locate`: add ``node``'s native path to ``parts``, consume the
    canonical parts it covers from ``rest``, and return the next node (None: done)."""
    return _LOCATE[type(node)](node, rest, parts)


def _scalar(node: ScalarNode, rest: Parts, parts: Parts) -> object:
    parts.extend(node.path or ())
    return None


def _quantity(node: QuantityNode, rest: Parts, parts: Parts) -> object:
    unit = node.unit_path is not None and bool(rest) and rest[0] == "unit"
    parts.extend(node.unit_path if unit and node.unit_path else node.value_path)
    return None


def _censored(node: CensoredNode, rest: Parts, parts: Parts) -> object:
    parts.extend(node.quantity.value_path)
    return None


def _nested(node: NestedNode, rest: Parts, parts: Parts) -> object:
    return node.child


def _object(node: ObjectNode, rest: Parts, parts: Parts) -> object:
    parts.extend(node.at or ())
    return node.by_field.get(str(rest.pop(0))) if rest else None


def _index(rest: Parts) -> int | None:
    return rest[0] if rest and isinstance(rest[0], int) else None


def _list(node: ListNode, rest: Parts, parts: Parts) -> object:
    parts.extend(node.each)
    if _index(rest) is None:
        return None
    parts.append(rest.pop(0))
    return node.child


def _items(node: ItemsNode, rest: Parts, parts: Parts) -> object:
    """Item i comes from rule i when no rule is conditional."""
    index = _index(rest)
    if index is None or any(node.whens) or index >= len(node.items):
        return None
    rest.pop(0)
    return node.items[index]


_LOCATE: dict[type, Callable[[Any, Parts, Parts], object]] = {
    ScalarNode: _scalar, QuantityNode: _quantity, NestedNode: _nested, ObjectNode: _object,
    ListNode: _list, ItemsNode: _items, CensoredNode: _censored,
}
