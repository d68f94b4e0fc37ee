"""Rounding: a separate, explicit step after exact conversion.

Conversion never rounds (beyond the 34-digit limit of a non-terminating quotient). Rounding
to a unit's precision is done here, by name, with a chosen :class:`RoundingMode` and a
:class:`RoundingPolicy` of decimal places per unit code or per dimension (configurable per
plant: build a policy from the plant's settings). Units whose dimension is a whole count
(``count``, ``package``) are never rounded silently: a non-whole value is reported (UOM-006)
unless the caller explicitly asks to round counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
)
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from canonical.errors import RoundingError
from canonical.report import Report
from canonical.units import rules
from canonical.units.exact import as_decimal
from canonical.units.table import lookup


class RoundingMode(StrEnum):
    """How to round; the values are the :mod:`decimal` rounding constants."""

    HALF_EVEN = ROUND_HALF_EVEN  # banker's rounding, the default
    HALF_UP = ROUND_HALF_UP  # commercial rounding
    UP = ROUND_UP  # away from zero (e.g. boxes needed)
    DOWN = ROUND_DOWN  # towards zero (e.g. full boxes available)
    CEILING = ROUND_CEILING
    FLOOR = ROUND_FLOOR


def _frozen(mapping: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class RoundingPolicy:
    """Decimal places per unit code (wins) or per dimension, a mode, and the whole-count dims."""

    places: Mapping[str, int] = field(default_factory=dict)
    dimension_places: Mapping[str, int] = field(default_factory=dict)
    mode: RoundingMode = RoundingMode.HALF_EVEN
    whole_dimensions: frozenset[str] = frozenset({"count", "package"})

    def places_for(self, unit: str) -> int | None:
        """Decimal places for ``unit`` (a canonical code), or None when none is configured."""
        found = lookup(unit)
        if found.code in self.places:
            return self.places[found.code]
        if found.dimension in self.dimension_places:
            return self.dimension_places[found.dimension]
        if found.dimension in self.whole_dimensions:
            return 0
        return None

    def requires_whole(self, unit: str) -> bool:
        return lookup(unit).dimension in self.whole_dimensions

    def with_places(self, **places: int) -> RoundingPolicy:
        """A copy with per-unit places added (``policy.with_places(KGM=3)``)."""
        return replace(self, places=_frozen({**self.places, **places}))


#: Default policy: whole counts and packages; 3 decimals for mass, volume and length.
DEFAULT_POLICY = RoundingPolicy(
    dimension_places=_frozen({"mass": 3, "volume": 3, "length": 3}),
)


def rounded(
    value: object, unit: str, *, places: int | None = None, mode: RoundingMode | None = None,
    policy: RoundingPolicy = DEFAULT_POLICY, counts: Literal["refuse", "round"] = "refuse",
) -> Decimal:
    """``value`` rounded to ``places`` (default: the policy's places for ``unit``).

    A whole-count unit with a non-whole value raises :class:`RoundingError` (UOM-006) unless
    ``counts="round"``; a unit without configured places raises it too (nothing is guessed).
    """
    number = as_decimal(value)
    if policy.requires_whole(unit) and counts == "refuse" and number != number.to_integral_value():
        raise RoundingError(number, unit, "not a whole count; round explicitly with counts='round'")
    digits = places if places is not None else policy.places_for(unit)
    if digits is None:
        raise RoundingError(number, unit, "no precision configured for this unit; pass places=")
    context = Context(prec=1000, rounding=(mode or policy.mode).value)
    return context.quantize(number, Decimal(1).scaleb(-digits))


def check_whole(
    value: object, unit: str, *, path: str = "$", policy: RoundingPolicy = DEFAULT_POLICY
) -> Report:
    """UOM-006 when ``unit`` requires a whole count and ``value`` is not one."""
    number = as_decimal(value)
    if policy.requires_whole(unit) and number != number.to_integral_value():
        return Report.of([rules.NOT_WHOLE.finding(
            f"{number} {unit} is not a whole count", path=path, value=number
        )])
    return Report()


def check_precision(
    value: object, unit: str, *, path: str = "$", policy: RoundingPolicy = DEFAULT_POLICY
) -> Report:
    """UOM-010 (warning) when ``value`` has more decimals than the policy allows for ``unit``."""
    number = as_decimal(value)
    digits = policy.places_for(unit)
    if digits is None or number == number.quantize(Decimal(1).scaleb(-digits), context=_WIDE):
        return Report()
    return Report.of([rules.PRECISION.finding(
        f"{number} {unit} has more than {digits} decimal place(s)", path=path, value=number
    )])


_WIDE = Context(prec=1000)
