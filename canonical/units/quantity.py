"""Behaviour of a canonical quantity: the mixin the generated ``Quantity`` model inherits.

The generated model is ``class Quantity(QuantityOps, CanonicalModel)`` with the pydantic
fields ``value: Decimal`` and ``unit: str``. This mixin defines no fields of its own (it is
not a pydantic model); it adds exact conversion and the explicit rounding step, built on
:mod:`canonical.units`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from canonical.report import Report
from canonical.units.rounding import DEFAULT_POLICY, RoundingMode, RoundingPolicy

if TYPE_CHECKING:  # pragma: no cover - typing only
    from typing import Self

    from canonical.units.material import MaterialLike


class QuantityOps:
    """Conversion and rounding for anything with ``value: Decimal`` and ``unit: str``."""

    if TYPE_CHECKING:
        value: Decimal
        unit: str

        def __init__(self, **data: Any) -> None: ...

    def to(self, unit: str, *, material: MaterialLike | None = None) -> Self:
        """The same amount in ``unit``, exact (no rounding). See :func:`canonical.units.convert`."""
        from canonical.units.convert import convert

        return type(self)(value=convert(self.value, self.unit, unit, material=material), unit=unit)

    def rounded(
        self, places: int | None = None, *, mode: RoundingMode | None = None,
        policy: RoundingPolicy = DEFAULT_POLICY, counts: Literal["refuse", "round"] = "refuse",
    ) -> Self:
        """This quantity rounded to its unit's precision (see :func:`canonical.units.rounded`)."""
        from canonical.units.rounding import rounded

        value = rounded(
            self.value, self.unit, places=places, mode=mode, policy=policy, counts=counts
        )
        return type(self)(value=value, unit=self.unit)

    def check_whole(self, *, path: str = "$", policy: RoundingPolicy = DEFAULT_POLICY) -> Report:
        """UOM-006 when the unit is a whole count and the value is not whole."""
        from canonical.units.rounding import check_whole

        return check_whole(self.value, self.unit, path=path, policy=policy)
