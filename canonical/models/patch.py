"""Behaviour of canonical patch messages: the mixin every generated ``<Entity>Patch`` inherits.

A patch is JSON Merge Patch (RFC 7396) with the entity's key: a field it does not carry is
left as it is, ``null`` removes an optional field, a value replaces the field. So a patch
must remember which fields it *carried*, including explicit nulls: its wire form keeps
every field that was set, where other models drop nulls and empty lists.
This mixin defines no fields (it is not a pydantic model).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import SerializerFunctionWrapHandler, model_serializer

if TYPE_CHECKING:  # pragma: no cover - typing only
    from canonical.models.base import CanonicalModel

    _Base = CanonicalModel
else:
    _Base = object

#: Suffix of the patch class of an entity (``ProductionOrder`` -> ``ProductionOrderPatch``).
PATCH_SUFFIX = "Patch"
#: Fields that name the patched record, per entity (default: ``id``).
KEY_FIELDS: dict[str, tuple[str, ...]] = {"Operation": ("order", "sequence")}
#: Fields of a patch that are about the change, not values of the record.
CONTROL_FIELDS = frozenset({"previous_status"})


def key_fields(entity: str) -> tuple[str, ...]:
    """The fields that identify a record of ``entity``."""
    return KEY_FIELDS.get(entity, ("id",))


class PatchOps(_Base):
    """Merge-patch behaviour: which entity is patched, what changes, the wire form."""

    @classmethod
    def patched_entity(cls) -> str:
        """The entity this patch class updates (``LotPatch`` -> ``"Lot"``)."""
        return cls.__name__.removesuffix(PATCH_SUFFIX)

    def changes(self) -> dict[str, Any]:
        """The merge-patch document: every carried field but the key and control fields,
        in wire form (``None`` = remove the field)."""
        skip = set(key_fields(self.patched_entity())) | CONTROL_FIELDS
        return {k: v for k, v in self.to_json_dict().items() if k not in skip}

    @model_serializer(mode="wrap")
    def _carried_fields_only(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Dump exactly what the patch carried, whatever the dump options (also as an Event
        payload): an unset field is not a change, an explicit null removes a field, an
        explicit ``[]`` empties a list."""
        out = handler(self)
        if not isinstance(out, dict):
            return out
        carried = self.model_fields_set
        kept = {name: value for name, value in out.items() if name in carried}
        for name in carried:
            if name not in kept:
                value = getattr(self, name)
                if value is None or value == []:
                    kept[name] = None if value is None else []
        return kept
