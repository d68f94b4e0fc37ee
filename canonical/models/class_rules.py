"""Class rules of the schema, as the generated models enforce them.

LinkML ``rules:`` of the shape "when slot P equals V, slot Q has class C" (``Event``: when
``payload_type`` is ``Lot``, ``payload`` is a ``Lot``) become ``if``/``then`` in the JSON
Schema and a call to :func:`range_when` in the generated model, so the model and every JSON
Schema validator refuse the same records. The error carries the rule's ``title`` in the
schema (its rule id, e.g. EVT-001) so record validation reports it under that id.

The same rules make the slot a union discriminated by the other slot (:class:`NamedBy`):
``payload`` is read as the class ``payload_type`` names, alone, instead of pydantic trying
each of the union's members in turn (about 1 us each, 20 members).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, GetCoreSchemaHandler, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError, core_schema


def _tag(key: object) -> str:
    return str(getattr(key, "value", key))


@dataclass(frozen=True, slots=True)
class NamedBy:
    """``Annotated[A | B | ..., NamedBy(when, ranges)]``: the union slot's value is read as the
    member that ``ranges`` names for the slot ``when`` (a slot validated before it), so the
    union is discriminated by ``when`` as :func:`range_when` requires it.

    Python input: an instance of that class is taken as is (what the union does with it,
    minus trying the members before it: nothing is validated twice); a dict is validated as
    that class alone. Anything else, or a dict that is not valid as the named class, goes
    through the whole union, so refused records are refused with the same findings as before
    (the union's, or :func:`range_when`'s rule). JSON input is read by the union as before,
    straight from the JSON (a Python-side validator would read it by Python's rules, where a
    strict parse takes no date from a string).
    """

    when: str
    ranges: Mapping[str, type[BaseModel]]

    def __get_pydantic_core_schema__(self, source: Any,
                                     handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        union = handler(source)
        return core_schema.json_or_python_schema(
            json_schema=union,
            python_schema=core_schema.with_info_wrap_validator_function(self._read, union))

    def _read(self, value: object, union: core_schema.ValidatorFunctionWrapHandler,
              info: ValidationInfo) -> object:
        key = info.data.get(self.when)  # a StrEnum member is its value as a key (no ``.value``)
        named = self.ranges.get(key) if isinstance(key, str) else None
        if named is None:
            return union(value)
        if type(value) is named:
            return value
        if isinstance(value, dict):
            try:
                return named.model_validate(value, context=info.context)
            except ValidationError:
                pass  # not this class: the union says what is wrong (a member that fits: EVT-001)
        return union(value)


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
