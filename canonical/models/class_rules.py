"""Class rules of the schema, as the generated models enforce them.

LinkML ``rules:`` of the shape "when slot P equals V, slot Q has class C" (``Event``: when
``payload_type`` is ``Lot``, ``payload`` is a ``Lot``) become ``if``/``then`` in the JSON
Schema and a call to :func:`range_when` in the generated model, so the model and every JSON
Schema validator refuse the same records. The error carries the rule's ``title`` in the
schema (its rule id, e.g. EVT-001) so record validation reports it under that id.

The same rules make the slot a union discriminated by the other slot (:func:`member_named`):
``payload`` is read as the class ``payload_type`` names, alone, instead of pydantic trying
each of the union's members in turn (about 1 us each, 20 members).
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ValidationError, ValidationInfo, ValidatorFunctionWrapHandler
from pydantic_core import PydanticCustomError


def _tag(key: object) -> str:
    return str(getattr(key, "value", key))


def member_named(value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo,
                 when: str, ranges: Mapping[str, type[BaseModel]]) -> object:
    """The union slot's value as the member that ``ranges`` names for the slot ``when``
    (validated before it): a wrap validator of the slot, so the union is discriminated.

    An instance of that class is taken as is (what the union does with it, minus trying the
    members before it); a dict is validated as that class alone. Anything else, or a dict that
    is not valid as the named class, goes through the whole union (``handler``), so refused
    records are refused with the same findings as before (the union's, or :func:`range_when`'s
    rule). JSON input takes the union too: its lexical rules are JSON's, not Python's.
    """
    key = info.data.get(when)  # a StrEnum member is its value as a key (no ``.value`` lookup)
    named = ranges.get(key) if isinstance(key, str) else None
    if named is None:
        return handler(value)
    if type(value) is named:
        return value
    if isinstance(value, dict) and info.mode == "python":
        try:
            return named.model_validate(value, context=info.context)
        except ValidationError:
            pass  # not this class: the union says what is wrong (a member that fits: EVT-001)
    return handler(value)


def range_when(
    model: BaseModel, rule_id: str, when: str, then: str, ranges: Mapping[str, type[BaseModel]]
) -> None:
    """Raise a ``class_rule`` error (context: ``rule_id``, ``field``) when ``model.<then>`` is
    not an instance of the class that ``ranges`` names for the value of ``model.<when>``."""
    key = getattr(model, when)
    wanted = ranges.get(key) if isinstance(key, str) else ranges.get(_tag(key))
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
            {"rule_id": rule_id, "field": when, "named": _tag(key),
             "wanted": wanted.__name__, "then": then, "actual": type(value).__name__},
        )
