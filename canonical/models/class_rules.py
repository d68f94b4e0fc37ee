"""Class rules of the schema, as the generated models enforce them.

LinkML ``rules:`` of the shape "when slot P equals V, slot Q has class C" (``Event``: when
``payload_type`` is ``Lot``, ``payload`` is a ``Lot``) become ``if``/``then`` in the JSON
Schema and a call to :func:`range_when` in the generated model, so the model and every JSON
Schema validator refuse the same records. The error carries the rule's ``title`` in the
schema (its rule id, e.g. EVT-001) so record validation reports it under that id.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError


def range_when(
    model: BaseModel, rule_id: str, when: str, then: str, ranges: Mapping[str, type[BaseModel]]
) -> None:
    """Raise a ``class_rule`` error (context: ``rule_id``, ``field``) when ``model.<then>`` is
    not an instance of the class that ``ranges`` names for the value of ``model.<when>``."""
    key = getattr(model, when)
    wanted = ranges.get(str(getattr(key, "value", key)))
    value = getattr(model, then)
    if wanted is not None and type(value) is not wanted and isinstance(value, BaseModel):
        # a union may read the value as another member that also fits (a whole record is
        # also a valid patch; a small patch fits several patch classes): what ``when`` names
        # decides, when the same data is valid as that class
        try:
            named = wanted.model_validate(
                value.model_dump(mode="json", exclude_unset=True, by_alias=True))
        except ValidationError:
            named = None
        if named is not None:
            object.__setattr__(model, then, named)
            return
    if wanted is not None and type(value) is not wanted:
        raise PydanticCustomError(
            "class_rule",
            "{field} '{named}' names a {wanted}, but {then} is a {actual}",
            {"rule_id": rule_id, "field": when, "named": str(getattr(key, "value", key)),
             "wanted": wanted.__name__, "then": then, "actual": type(value).__name__},
        )
