"""The canonical unit table: UN/ECE Rec 20 codes with exact factors, read once from package data.

``data/units.csv`` is derived from the Rec 20 list by :mod:`canonical.units.derive` and
committed. Each active unit has a dimension and, unless it is a package unit (``XBX``,
``SET``: defined per material), an exact factor to the coherent unit of its dimension
(kg, m, m², m³, s, K, ... or 1 for counts) and, for temperatures, an offset:
``base = (value + offset) * factor``.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib.resources import files
from types import MappingProxyType

from canonical.errors import DeprecatedUnitError, UnknownUnitError
from canonical.units.exact import factor_text, parse_factor

#: Dimensions whose units have no fixed factor: they convert only through a material.
MATERIAL_DEFINED = frozenset({"package"})


@dataclass(frozen=True, slots=True)
class Unit:
    """One row of the unit table."""

    code: str
    name: str
    symbol: str
    dimension: str
    factor: Fraction | None
    offset: Fraction
    status: str
    replacement: str | None
    level: str
    source: str

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def material_defined(self) -> bool:
        """True for package units (box, drum, set): only a material says how much they hold."""
        return self.dimension in MATERIAL_DEFINED

    @property
    def factor_text(self) -> str:
        """The exact factor as text (``0.45359237``, ``5/9``); empty for package units."""
        return "" if self.factor is None else factor_text(self.factor)

    @property
    def offset_text(self) -> str:
        return factor_text(self.offset)


def _unit(record: dict[str, str]) -> Unit:
    factor = record["factor"]
    return Unit(
        code=record["code"],
        name=record["name"],
        symbol=record["symbol"],
        dimension=record["dimension"],
        factor=parse_factor(factor) if factor else None,
        offset=parse_factor(record["offset"]) if record["offset"] else Fraction(0),
        status=record["status"],
        replacement=record["replacement"] or None,
        level=record["level"],
        source=record["source"],
    )


@cache
def units() -> Mapping[str, Unit]:
    """Every row of the table (active, deprecated and deleted), keyed by code. Loaded once."""
    text = files("canonical.units").joinpath("data", "units.csv").read_text(encoding="utf-8")
    table = {row.code: row for row in map(_unit, csv.DictReader(text.splitlines()))}
    return MappingProxyType(table)


def active_units(dimension: str | None = None) -> Iterator[Unit]:
    """Active units, in code order, optionally of one dimension."""
    for unit in units().values():
        if unit.active and (dimension is None or unit.dimension == dimension):
            yield unit


def dimensions() -> list[str]:
    """The dimensions present in the table, sorted."""
    return sorted({u.dimension for u in active_units()})


def lookup(code: object) -> Unit:
    """The active unit for ``code``; raises UOM-001 (unknown, with suggestions) or UOM-002.

    Codes are case-sensitive: Rec 20 codes are upper case, and a lower-case code is refused
    with the upper-case code as suggestion (``kgm`` -> did you mean KGM?), never guessed.
    """
    table = units()
    if type(code) is str:
        unit = table.get(code)
        if unit is not None and unit.status == "active":
            return unit
        if unit is not None:
            also = tuple(s for s in _unknown(code).suggestions if s != unit.replacement)
            raise DeprecatedUnitError(code, unit.status, unit.replacement, name=unit.name, also=also)
    raise _unknown(code)


def _unknown(code: object) -> UnknownUnitError:
    if not isinstance(code, str):
        kind = type(code).__name__
        return UnknownUnitError(repr(code), hint=f"a unit code is a string, not {kind}")
    stripped = code.strip()
    if not stripped:
        return UnknownUnitError(code, hint="the unit code is empty")
    active = [u.code for u in active_units()]
    lower = stripped.lower()
    by_symbol = [u.code for u in active_units() if u.symbol and u.symbol.lower() == lower]
    upper = [stripped.upper()] if stripped.upper() in active else []
    close = difflib.get_close_matches(stripped.upper(), active, n=3, cutoff=0.6)
    suggestions = tuple(dict.fromkeys(upper + by_symbol + close))[:3]
    if stripped != code:
        hint = "remove the surrounding spaces"
    elif stripped != stripped.upper():
        hint = "unit codes are upper-case UN/ECE Rec 20 codes; case is never guessed"
    else:
        hint = "plant-local codes reach canonical codes only through a plant mapping table"
    return UnknownUnitError(code, suggestions, hint=hint)


def decimal_factor(unit: Unit) -> Decimal | None:
    """The factor as an exact Decimal when it terminates, else None."""
    from canonical.units.exact import terminates, to_decimal

    if unit.factor is None or not terminates(unit.factor):
        return None
    return to_decimal(unit.factor)


def render_markdown() -> str:
    """The unit table in Markdown, grouped by dimension (see :mod:`canonical.units.page`)."""
    from canonical.units.page import render_markdown as render

    return render()


def render_page() -> str:
    """The docs page ``docs/reference/unit-codes.md`` (a test keeps the committed copy equal)."""
    from canonical.units.page import render_page as render

    return render()
