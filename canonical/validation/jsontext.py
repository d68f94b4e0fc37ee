"""Records parsed straight from their JSON text by pydantic-core (the fast path of a stream).

``canon validate`` reads JSON Lines; most lines hold one well-formed record. Such a line is
parsed by its model's ``model_validate_json`` (no Python ``dict`` in between), and only a
line it refuses is decoded by the reader and parsed from the ``dict``
(:func:`canonical.validation.structure.parse`), which locates every finding. Both paths
accept the same records with the same values (``tests/validation/test_jsontext.py``), so
the findings do not depend on the path a record took.

What the reader refuses must stay refused: pydantic-core keeps the last of a key written
twice, where the reader reports IO-008. A record is taken from the fast path only when the
keys its text writes (:func:`canonical.reading.written_keys`) are as many as the distinct
keys of the parsed objects (:func:`distinct_keys`); otherwise the reader decides.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from canonical.models import CanonicalModel
from canonical.reading import written_keys
from canonical.validation.quantities import model_types


@cache
def _nested(cls: type[CanonicalModel]) -> frozenset[str]:
    """The fields of ``cls`` that may hold canonical objects (or lists of them)."""
    return frozenset(name for name, field in cls.model_fields.items()
                     if model_types(field.annotation))


def distinct_keys(obj: CanonicalModel) -> int:
    """The number of distinct keys of the JSON objects ``obj`` was parsed from."""
    given = obj.__pydantic_fields_set__  # the keys of its own object
    count = len(given)
    nested = _nested(type(obj))
    if nested.isdisjoint(given):  # a sparse record (a patch) holds no nested object
        return count
    values = obj.__dict__  # field values (``getattr`` goes through pydantic: slower)
    for name in nested.intersection(given):  # a field not given wrote no key
        value = values[name]
        if type(value) is list:
            for item in value:
                if isinstance(item, CanonicalModel):
                    # an object nesting none (a quantity, a unit layout): its keys, no call
                    count += (distinct_keys(item) if _nested(type(item))
                              else len(item.__pydantic_fields_set__))
        elif isinstance(value, CanonicalModel):
            count += (distinct_keys(value) if _nested(type(value))
                      else len(value.__pydantic_fields_set__))
    return count


def line_parser(model: type[CanonicalModel]) -> Callable[[bytes], CanonicalModel | None]:
    """The ``accept`` of :func:`canonical.reading.iter_records` for records of ``model``:
    the parsed record (nothing to re-check: ``validate_stream(..., parsed=True)`` takes it as
    it is), or ``None`` when the line needs the reader and the located path."""
    # what ``model.model_validate_json`` calls with its defaults, without its Python frame
    validate_json = model.__pydantic_validator__.validate_json

    nested = _nested(model)  # the fields that may hold objects (a patch: rarely given)

    def parse(text: bytes) -> CanonicalModel | None:
        try:
            obj: CanonicalModel = validate_json(text)
        except (ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
            return None
        given = obj.__pydantic_fields_set__
        # without nested objects given, the keys are the fields given (no call: once a record)
        keys = len(given) if nested.isdisjoint(given) else distinct_keys(obj)
        if written_keys(text) != keys:
            return None  # a key twice (IO-008), or keys not countable: the reader decides
        return obj

    return parse
