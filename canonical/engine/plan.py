"""A compiled spec: runs one payload inbound (native -> canonical dict) or outbound.

Plans are built once per plant (:mod:`canonical.engine.plans`) and hold no
per-message state; each run gets a fresh :class:`~canonical.engine.context.Ctx`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from canonical.engine import rules
from canonical.engine.context import Ctx
from canonical.engine.lists import ItemsNode, ListNode
from canonical.engine.objects import NestedNode, ObjectNode
from canonical.engine.quantity import QuantityNode
from canonical.engine.scalar import ScalarNode
from canonical.engine.spec import Spec
from canonical.engine.values import json_type
from canonical.models import CanonicalModel


class Plan:
    """The compiled form of one spec for one plant."""

    __slots__ = ("after_as_of", "as_of", "model", "plant", "root", "spec", "zone")

    def __init__(self, spec: Spec, model: type[CanonicalModel], root: ObjectNode,
                 as_of: ScalarNode | None, zone: ZoneInfo, plant: str) -> None:
        self.spec, self.model, self.root, self.as_of = spec, model, root, as_of
        self.zone, self.plant = zone, plant
        self.after_as_of = root.steps_without(as_of) if as_of is not None else None

    def today(self) -> date:
        return datetime.now(self.zone).date()

    def decode(self, payload: object, *, on: date | None = None) -> tuple[dict[str, object], Ctx]:
        """The canonical dict (python values) of a native payload, and the run's findings."""
        ctx = Ctx(on or date.min)
        out: dict[str, object] = {}
        ctx.root = out
        if type(payload) is not dict:
            ctx.add(rules.NOT_OBJECT, f"expected a JSON object, got {json_type(payload)}", None)
            return out, ctx
        steps = None
        if on is None:
            node = self.as_of
            stamp: object = None
            if node is not None:
                node.decode(payload, ctx, None, out)
                stamp = out.get(node.field)
                steps = self.after_as_of
            if isinstance(stamp, datetime):
                ctx.day = stamp.astimezone(self.zone).date()
            elif isinstance(stamp, date):
                ctx.day = stamp
            else:
                ctx.day = self.today()
        self.root.decode_object(payload, ctx, None, out, steps)
        return out, ctx

    def encode(self, obj: CanonicalModel, *, on: date | None = None) -> tuple[dict[str, object],
                                                                              Ctx]:
        """The native payload of a canonical object, and the run's findings."""
        ctx = Ctx(on or self.day_of(obj))
        out: dict[str, object] = {}
        self.root.encode_object(obj, ctx, None, out)
        return out, ctx

    def day_of(self, obj: CanonicalModel) -> date:
        node = self.as_of
        stamp = getattr(obj, node.field, None) if node is not None else None
        if isinstance(stamp, datetime):
            return stamp.astimezone(self.zone).date()
        if isinstance(stamp, date):
            return stamp
        return self.today()

    def locate(self, canonical: Sequence[str | int]) -> str:
        """The native JSON path a canonical path (``operations, 2, sequence``) was read from."""
        parts: list[str | int] = []
        node: object = self.root
        rest = list(canonical)
        while True:
            if isinstance(node, ObjectNode):
                parts.extend(node.at or ())
                if not rest:
                    break
                name = rest.pop(0)
                node = node.by_field.get(str(name))
                if node is None:
                    break
            elif isinstance(node, ScalarNode):
                parts.extend(node.path or ())
                break
            elif isinstance(node, QuantityNode):
                unit = bool(rest) and rest[0] == "unit" and node.unit_path is not None
                parts.extend(node.unit_path if unit and node.unit_path else node.value_path)
                break
            elif isinstance(node, ListNode):
                parts.extend(node.each)
                if not rest or not isinstance(rest[0], int):
                    break
                parts.append(rest.pop(0))
                if node.child is None:
                    break
                node = node.child
            elif isinstance(node, NestedNode):
                node = node.child
            else:  # ItemsNode: item i comes from rule i when no rule is conditional
                assert isinstance(node, ItemsNode)
                if not rest or not isinstance(rest[0], int) or any(node.whens) or (
                        rest[0] >= len(node.items)):
                    break
                node = node.items[int(rest.pop(0))]
        return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)
