"""Partial records: a lot or order message that carries only an id and some attributes.

Real traffic updates one attribute at a time: a WMS sends a lot's new status, an MES its
order's new request state, with nothing else. Read as full records these would be refused
(no quantity, no material); read with ``partial`` (``canon b2mml import --partial``,
``read_document(..., partial=True)``) each lot and order becomes its canonical patch
(:class:`~canonical.models.LotPatch`, :class:`~canonical.models.ProductionOrderPatch`, see
``docs/guides/partial-updates.md``): the record's id plus exactly the fields the message
carries, each validated with the entity's own type, then the patch checks
(:func:`~canonical.validation.patch.patch_findings`: PAT-001 when nothing changes).

A B2MML element cannot say "remove this field", so a partial record never carries a null,
and no plant default fills what the message leaves out: a patch changes only what was sent.
A list the message carries (operations, genealogy) replaces the record's list as a whole,
as in every canonical patch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from canonical.models import CanonicalModel, Lot, ProductionOrder

if TYPE_CHECKING:
    from canonical.b2mml.context import Context
    from canonical.b2mml.nodes import Node

#: Entities a partial import reads as patches (the readers of these know what is optional).
ENTITIES: tuple[type[CanonicalModel], ...] = (Lot, ProductionOrder)
#: Their names: a spec's other records are read whole even in a partial import.
PATCHABLE = frozenset(e.__name__ for e in ENTITIES)


def applies(model: type[CanonicalModel]) -> bool:
    return model in ENTITIES


def build(ctx: Context, model: type[CanonicalModel], data: dict[str, Any],
          node: Node) -> CanonicalModel | None:
    """The patch of ``model`` with the fields of ``data`` the element carried (``None``:
    absent), validated; findings are located at ``node``."""
    from canonical.validation.patch import patch_model

    patch_class = patch_model(model.__name__)
    if patch_class is None:  # pragma: no cover - ENTITIES all have a patch class
        raise LookupError(f"{model.__name__} has no patch class")
    carried = {name: value for name, value in data.items() if value not in (None, [])}
    return ctx.validated(patch_class, carried, node)  # the patch rules (PAT-xxx) included
