"""Canonical model classes as B2MML specs name them.

A spec names a record's entity by its class name (``Operation``) and reads a list field's
items (``confirmations``) as records of the class the field's annotation names. Spec
building (field shapes), reading (the class a record is validated as) and grouping ask
the same questions here. ``canonical.models`` is imported on first use, so loading a spec
for governance stays as light as it was.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, get_args

if TYPE_CHECKING:
    from canonical.models import CanonicalModel


def model_of(entity: str) -> type[CanonicalModel]:
    """The canonical class named ``entity``."""
    import canonical.models as models

    found: type[CanonicalModel] = getattr(models, entity)
    return found


def field_shapes(entity: str) -> dict[str, object] | None:
    """The annotation of each field of ``entity`` (None when no model has that name)."""
    import canonical.models as models

    fields = getattr(getattr(models, entity, None), "model_fields", None)
    return {name: info.annotation for name, info in fields.items()} if fields else None


def annotation_entity(annotation: object) -> str | None:
    """The model named by a ``list[Model] | None`` annotation."""
    stack = [annotation]
    while stack:
        current = stack.pop()
        if hasattr(current, "model_fields"):
            return str(getattr(current, "__name__", ""))
        stack.extend(get_args(current))
    return None


@cache
def item_entity(entity: str, name: str) -> str:
    """The entity of the items of ``entity``'s field ``name`` (``entity`` itself when the
    field holds no model)."""
    return annotation_entity(model_of(entity).model_fields[name].annotation) or entity
