"""What the engine needs to know about a canonical model: each field's kind and nesting.

Read once per class from the generated pydantic models (their annotations), so specs are
checked against the model itself and never against a hand-kept copy of it.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from functools import cache
from typing import Annotated, Union, get_args, get_origin

from pydantic import AwareDatetime

from canonical.models import ENTITIES, CanonicalModel, Quantity


class Kind(StrEnum):
    """The kind of a canonical field, as the engine converts it."""

    TEXT = "text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DECIMAL = "decimal"
    TIMESTAMP = "timestamp"
    DATE = "date"
    ENUM = "enum"
    QUANTITY = "quantity"
    OBJECT = "object"


@dataclass(frozen=True, slots=True)
class FieldShape:
    """One field of a canonical class."""

    name: str
    kind: Kind
    required: bool
    many: bool = False  # a list of the kind
    enum: type[Enum] | None = None
    model: type[CanonicalModel] | None = None  # for OBJECT (and QUANTITY)


#: Entities a spec may map (an Event is built by canonical.engine.events).
MAPPABLE: tuple[str, ...] = tuple(sorted(n for n in ENTITIES if n != "Event"))


def entity_class(name: str) -> type[CanonicalModel] | None:
    return ENTITIES.get(name) if name in MAPPABLE else None


def _unwrap(annotation: object) -> tuple[object, bool]:
    """Strip ``Annotated`` and ``| None``; report whether it is a list."""
    many = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            annotation = members[0]
        elif origin is list:
            many = True
            annotation = get_args(annotation)[0]
        else:
            return annotation, many


def _kind(tp: object) -> tuple[Kind, type[Enum] | None, type[CanonicalModel] | None]:
    if tp is AwareDatetime:
        return Kind.TIMESTAMP, None, None
    if isinstance(tp, type):
        if issubclass(tp, Quantity):
            return Kind.QUANTITY, None, tp
        if issubclass(tp, CanonicalModel):
            return Kind.OBJECT, None, tp
        if issubclass(tp, Enum):
            return Kind.ENUM, tp, None
        if issubclass(tp, bool):
            return Kind.BOOLEAN, None, None
        if issubclass(tp, int):
            return Kind.INTEGER, None, None
        if issubclass(tp, Decimal):
            return Kind.DECIMAL, None, None
        if issubclass(tp, datetime):
            return Kind.TIMESTAMP, None, None
        if issubclass(tp, date):
            return Kind.DATE, None, None
    return Kind.TEXT, None, None


@cache
def fields_of(model: type[CanonicalModel]) -> dict[str, FieldShape]:
    """The fields of a canonical class, in declaration order."""
    out: dict[str, FieldShape] = {}
    for name, info in model.model_fields.items():
        tp, many = _unwrap(info.annotation)
        kind, enum, nested = _kind(tp)
        out[name] = FieldShape(name, kind, info.is_required(), many, enum, nested)
    return out
