"""Rules on every quantity of a record: non-negative amounts, canonical units of the right
dimension (QTY-001/002/003), and exact comparison of two quantities.

The per-class layout (which fields hold quantities, which nested fields hold any) is
derived once from the generated models and the schema's field annotations.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from typing import Union, get_args, get_origin

from pydantic_core import PydanticUndefined

from canonical.models import FIELD_ANNOTATIONS, CanonicalModel, Quantity
from canonical.report import Finding
from canonical.rules import Rule
from canonical.validation import rules as r
from canonical.validation.units import convert_or_none, unit_problem

_QuantityField = tuple[str, bool, str | None]  # name, non_negative, required dimension
#: (unit, dimension) -> problem or None; the unit table is immutable, so answers never change.
#: Units come from the input (a hostile file may write a million different ones), so at most
#: :data:`_REMEMBERED` answers are kept: memory stays flat
_UNIT_PROBLEMS: dict[tuple[str, str | None], tuple[Rule, str] | None] = {}
_REMEMBERED = 4096


@cache
def _layout(cls: type[CanonicalModel]) -> tuple[tuple[_QuantityField, ...], tuple[str, ...]]:
    """Per class: its Quantity fields and the nested fields that (transitively) hold any."""
    notes = FIELD_ANNOTATIONS.get(cls.__name__, {})
    quantities: list[_QuantityField] = []
    nested: list[str] = []
    for name, field in cls.model_fields.items():
        members = model_types(field.annotation)
        if Quantity in members:
            note = notes.get(name, {})
            quantities.append((name, note.get("non_negative") == "true", note.get("dimension")))
        elif any(holds_quantities(m) for m in members):
            nested.append(name)  # once per field, whatever the union's member count
    return tuple(quantities), tuple(nested)


@cache
def holds_quantities(cls: type[CanonicalModel]) -> bool:
    quantities, nested = _layout(cls)
    return bool(quantities or nested)


def model_types(annotation: object) -> list[type[CanonicalModel]]:
    origin = get_origin(annotation)
    if origin in (list, Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in model_types(arg)]
    if isinstance(annotation, type) and issubclass(annotation, CanonicalModel):
        return [annotation]
    return []


@cache
def _holders(cls: type[CanonicalModel]) -> frozenset[str] | None:
    """The fields of ``cls`` that can hold a quantity (directly or nested), when none of
    them has a default that holds one: then an object that was given none of them (a patch
    that changes a status) holds no quantity. None when a default may hold one."""
    quantities, nested = _layout(cls)
    names = frozenset(q[0] for q in quantities) | frozenset(nested)
    fields = cls.model_fields
    if any(fields[n].default not in (None, PydanticUndefined) or fields[n].default_factory
           not in (None, list) for n in names):
        return None
    return names


def quantity_findings(obj: CanonicalModel, path: str = "$") -> list[Finding]:
    """QTY-001/002/003 on every Quantity in ``obj`` and the objects nested in it."""
    return quantity_rules(type(obj))(obj, path)


@cache
def quantity_rules(cls: type[CanonicalModel]) -> Callable[[CanonicalModel, str], list[Finding]]:
    """:func:`quantity_findings` of one class, its quantity-holding fields found once."""
    holders = _holders(cls)

    def rules(obj: CanonicalModel, path: str = "$") -> list[Finding]:
        found: list[Finding] = []
        if holders is not None and holders.isdisjoint(obj.__pydantic_fields_set__):
            return found  # given no field that can hold a quantity: nothing to walk
        _collect(obj, [path], found)
        return found

    return rules


#: a piece of the path to a nested object: the start, a field, or a field and an index
_Piece = str | tuple[str, int]


def _joined(where: list[_Piece]) -> str:
    return where[0] + "".join(  # type: ignore[operator]
        f".{p}" if type(p) is str else f".{p[0]}[{p[1]}]" for p in where[1:])


def _collect(obj: CanonicalModel, where: list[_Piece], found: list[Finding]) -> None:
    # ``where`` is a stack of path pieces, rendered only when there is a finding (hot path)
    quantities, nested = _layout(type(obj))
    values = obj.__dict__
    for name, non_negative, dimension in quantities:
        q = values[name]
        if q is None:
            continue
        key = (q.unit, dimension)
        if key in _UNIT_PROBLEMS:
            problem = _UNIT_PROBLEMS[key]
        else:
            if len(_UNIT_PROBLEMS) >= _REMEMBERED:
                _UNIT_PROBLEMS.clear()  # start again: cheaper than finding the oldest each time
            problem = _UNIT_PROBLEMS[key] = unit_problem(q.unit, dimension)
        if problem is not None:
            rule, message = problem
            found.append(rule.finding(message, path=f"{_joined(where)}.{name}.unit",
                                      value=q.unit))
        if non_negative and q.value.is_signed() and q.value:
            found.append(r.QTY_NEGATIVE.finding(
                f"{name} is negative ({q.value} {q.unit})",
                path=f"{_joined(where)}.{name}.value", value=q.value,
            ))
    for name in nested:
        value = values[name]
        if value is None:
            continue
        if type(value) is list:
            for i, item in enumerate(value):
                where.append((name, i))
                _collect(item, where, found)
                where.pop()
        else:
            where.append(name)
            _collect(value, where, found)
            where.pop()


def amount_in(q: Quantity | None, unit: str) -> Decimal | None:
    """``q`` expressed in ``unit`` (0 for no quantity), or None when it cannot be converted."""
    if q is None:
        return Decimal(0)
    if q.unit == unit:
        return q.value
    return convert_or_none(q.value, q.unit, unit)


def not_comparable(q: Quantity, unit: str, path: str, what: str) -> Iterator[Finding]:
    """QTY-002 for two known units that cannot be compared (unknown codes are QTY-003)."""
    if unit_problem(q.unit, None) is None and unit_problem(unit, None) is None:
        yield r.QTY_DIMENSION.finding(
            f"{what}: {q.unit} cannot be compared with {unit} (different dimensions)",
            path=path, value=q.unit,
        )
