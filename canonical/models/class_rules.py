"""Class rules of the schema, as the generated models enforce them.

LinkML ``rules:`` of the shape "when slot P equals V, slot Q has class C" (``Event``: when
``payload_type`` is ``Lot``, ``payload`` is a ``Lot``) become ``if``/``then`` in the JSON
Schema and a call to :func:`range_when` in the generated model, so the model and every JSON
Schema validator refuse the same records. The error carries the rule's ``title`` in the
schema (its rule id, e.g. EVT-001) so record validation reports it under that id.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel
from pydantic_core import PydanticCustomError


def range_when(
    model: BaseModel, rule_id: str, when: str, then: str, ranges: Mapping[str, type[BaseModel]]
) -> None:
    """Raise a ``class_rule`` error (context: ``rule_id``, ``field``) when ``model.<then>`` is
    not an instance of the class that ``ranges`` names for the value of ``model.<when>``."""
    key = getattr(model, when)
    wanted = ranges.get(str(getattr(key, "value", key)))
    value = getattr(model, then)
    if wanted is not None and type(value) is not wanted:
        raise PydanticCustomError(
            "class_rule",
            "{field} '{named}' names a {wanted}, but {then} is a {actual}",
            {"rule_id": rule_id, "field": when, "named": str(getattr(key, "value", key)),
             "wanted": wanted.__name__, "then": then, "actual": type(value).__name__},
        )
