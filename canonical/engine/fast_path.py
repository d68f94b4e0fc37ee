"""The fast path of a scalar field: its common case, decided once, read without the pipeline.

Most native values are unremarkable: a non-empty string at one key that the code table spells
exactly, plain digits, a well-formed stamp. When a spec is compiled, :func:`fast_path` picks
the case of each :class:`~canonical.engine.scalar.ScalarNode` and what its inline code
needs. :meth:`ObjectNode.decode_each <canonical.engine.objects.ObjectNode.decode_each>`
inlines the same steps (its steps 1-9; 6 is a quantity, see
:attr:`~canonical.engine.quantity.QuantityNode.simple`, 7 a constant) and
:func:`quick` runs them for a node decoded on its own. Anything else, or anything odd, takes
:meth:`ScalarNode.read <canonical.engine.scalar.ScalarNode.read>`, which finds the
same value or says what is wrong.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from canonical.engine.shape import Kind
from canonical.engine.spec import NOTHING, NativeType
from canonical.engine.values import plain_decimal
from canonical.mapping.rows import RowStatus

if TYPE_CHECKING:
    from canonical.engine.scalar import ScalarNode

_APPROVED = RowStatus.APPROVED


def fast_path(node: ScalarNode, keeps_numbers: bool) -> tuple[int, Any]:
    """The common case of ``node``'s rule and what its inline code needs.

    A non-empty native string at one key, then: 1 copied as text; 2 a code lookup
    (``lookup.spellings``); 3 status flags seen before (``flag_cache``); 4 digits read as an
    integer (the normaliser, or None when it cannot change a number); 5 a values map;
    8 a local timestamp (the :class:`~canonical.engine.timestamps.TimeCodec`);
    9 a plain decimal. 0: no fast path.
    """
    kind, lookup, time = node.kind, node.lookup, node.time
    if node.native is not NativeType.STRING or node.const is not NOTHING or (
            node.key is None):
        return 0, None
    bare = not (node.prefix or node.suffix)
    if node.plain and kind is Kind.TEXT:
        return 1, None
    if lookup is not None and node.norm_in is None and bare and kind in (Kind.TEXT,
                                                                           Kind.ENUM):
        return (3, node.flag_cache) if node.flags else (2, lookup.spellings)
    if kind is Kind.INTEGER and lookup is None and node.values is None and bare:
        return 4, None if keeps_numbers else node.norm_in
    if node.values is not None and node.norm_in is None:
        return 5, node.values
    if node.plain and kind is Kind.TIMESTAMP and time is not None and time.quick:
        return 8, time
    if node.plain and kind is Kind.DECIMAL and not node.comma:
        return 9, None
    return 0, None


def quick(node: ScalarNode, raw: str, src: dict[str, object], day: date) -> object:
    """The value of a non-empty ``raw`` on ``node``'s fast path, or NOTHING (take
    :meth:`~canonical.engine.scalar.ScalarNode.read`)."""
    fast, aux = node.fast, node.fast_aux
    if fast == 1:
        return raw
    if fast == 2:
        row = node.lookup.row(raw, day)  # type: ignore[union-attr]
        return row.canonical_code if row is not None and row.status is _APPROVED else NOTHING
    if fast == 3:
        return aux.get((raw, day), NOTHING)
    if fast == 4:
        text = aux(raw) if aux is not None else raw
        return int(text) if len(text) < 10 and text.isdigit() and text.isascii() else NOTHING
    if fast == 5:
        return aux.get(raw, NOTHING)
    if fast == 8:
        stamp = aux.quick_utc(raw, src)
        return NOTHING if stamp is None else stamp
    if fast == 9:
        return Decimal(raw) if plain_decimal(raw) else NOTHING
    return NOTHING
