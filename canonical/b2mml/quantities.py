"""Which ``<Quantity>`` of an element is the canonical quantity: by ``Key``, never by position.

B2MML lets a requirement, actual or lot carry several quantities told apart by their ``Key``
(a planned amount and a rate in t/h, a count and a gross weight). The canonical quantity is:

- the only ``Quantity`` of the element (whatever its key), else
- the only one without a ``Key`` or with a key that the mapping accepts for it
  (:data:`AMOUNT_KEYS`, plus the ``amount_keys`` a plant declares for the source system in
  its ``b2mml.yaml``: ``Cantidad``, ``Menge``, ``Množství``).

The other keyed quantities are not carried by the canonical model and are reported as such
(B2M-304, info, with their path and key). When no single quantity qualifies, that is finding
B2M-303 and the element gets no quantity: a rate never becomes the ordered quantity.
"""

from __future__ import annotations

from collections.abc import Collection

from canonical.b2mml import rules
from canonical.b2mml.context import Context
from canonical.b2mml.nodes import Node

#: Keys that name the amount itself (compared case-insensitively, ``_`` and spaces ignored).
AMOUNT_KEYS = frozenset({"quantity", "amount", "planned", "plannedquantity", "ordered",
                         "orderedquantity", "actual", "actualquantity"})


def normal(key: str) -> str:
    return key.replace("_", "").replace(" ", "").lower()


def select(ctx: Context, owner: Node, accepted: Collection[str] = AMOUNT_KEYS, *,
           report: bool = True) -> Node | None:
    """The canonical ``Quantity`` child of ``owner`` (None when it has none or it is ambiguous;
    the ambiguity and the quantities not carried are reported unless ``report`` is False, for
    a second look at an element another reader reports)."""
    found = owner.children("Quantity")
    if len(found) <= 1:
        return found[0] if found else None
    if ctx.defaults.amount_keys:  # the plant's declared keys (b2mml.yaml), e.g. "Cantidad"
        accepted = frozenset(accepted) | {normal(k) for k in ctx.defaults.amount_keys}
    chosen = [q for q in found if not (key := q.text_of("Key")) or normal(key) in accepted]
    if not report:
        return chosen[0] if len(chosen) == 1 else None
    if len(chosen) != 1:
        keys = ", ".join(repr(q.text_of("Key") or "") for q in found)
        ctx.add(rules.QUANTITY_KEY, f"<{owner.name}> has {len(found)} quantities (keys {keys}) "
                f"and {len(chosen)} qualify as its amount: give the amount no Key or one of "
                f"{', '.join(sorted(accepted))}", owner)
        return None
    for other in found:
        if other is not chosen[0]:
            key = other.text_of("Key") or ""
            ctx.add(rules.NOT_CARRIED, f"quantity keyed {key!r} is not carried by the "
                    "canonical model", other, value=other.text_of("QuantityString"))
    return chosen[0]
