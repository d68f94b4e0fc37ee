"""Behaviour of a canonical quantity: the mixin the generated ``Quantity`` model inherits.

The generated model is ``class Quantity(QuantityOps, CanonicalModel)`` with the pydantic
fields ``value: Decimal`` and ``unit: str``. This mixin defines no fields of its own (it is
not a pydantic model); it only adds conversion and rounding, built on :mod:`canonical.units`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

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
