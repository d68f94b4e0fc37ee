"""Behaviour of a canonical quantity: the mixin the generated ``Quantity`` model inherits.

The generated model is ``class Quantity(QuantityOps, CanonicalModel)`` with the pydantic
fields ``value: Decimal`` and ``unit: str``. This mixin defines no fields of its own (it is
not a pydantic model); it adds exact conversion and the explicit rounding step, built on
:mod:`canonical.units`.
"""

from __future__ import annotations

from decimal import Context, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from canonical.errors import RoundingError
from canonical.report import Report
from canonical.units import rules

if TYPE_CHECKING:  # pragma: no cover - typing only (rounding loads the unit table: lazily)
    from typing import Self

    from canonical.units.material import MaterialLike
    from canonical.units.rounding import RoundingMode, RoundingPolicy


#: Decimal places a canonical quantity carries on the wire (the DecimalValue pattern).
MAX_PLACES = 12


class QuantityOps:
    """Conversion and rounding for anything with ``value: Decimal`` and ``unit: str``."""

    if TYPE_CHECKING:
        value: Decimal
        unit: str

        def __init__(self, **data: Any) -> None: ...

    def to(
        self, unit: str, *, material: MaterialLike | None = None, places: int | None = None,
        mode: RoundingMode | None = None, policy: RoundingPolicy | None = None,
    ) -> Self:
        """The same amount in ``unit``: exact, or rounded once to ``places`` when asked.

        A canonical quantity carries at most :data:`MAX_PLACES` decimal places. When the
        exact result needs more (1 KGM in LBR), nothing is rounded silently: pass ``places``
        (and optionally ``mode`` / ``policy``) or a :class:`RoundingError` (UOM-011) is raised.
        Rounding is applied to the exact rational result, so it happens exactly once.
        """
        from canonical.units.conversion import convert, convert_exact

        exact = convert_exact(self.value, self.unit, unit, material=material)
        if places is not None:
            from canonical.units.rounding import DEFAULT_POLICY

            context = Context(prec=1000, rounding=(mode or (policy or DEFAULT_POLICY).mode).value)
            value = context.quantize(
                context.divide(Decimal(exact.numerator), Decimal(exact.denominator)),
                Decimal(1).scaleb(-places),
            )
            return type(self)(value=value, unit=unit)
        value = convert(self.value, self.unit, unit, material=material)  # keeps the scale
        if Fraction(value) != exact or -value.as_tuple().exponent > MAX_PLACES:  # type: ignore[operator]
            raise RoundingError(
                self.value, f"{self.unit} in {unit}",
                f"the exact result needs more than {MAX_PLACES} decimal places; "
                "round it explicitly with .to(unit, places=N)",
                rule_id=rules.TOO_PRECISE.id,
            )
        return type(self)(value=value, unit=unit)

    def rounded(
        self, places: int | None = None, *, mode: RoundingMode | None = None,
        policy: RoundingPolicy | None = None, counts: Literal["refuse", "round"] = "refuse",
    ) -> Self:
        """This quantity rounded to its unit's precision (see :func:`canonical.units.rounded`)."""
        from canonical.units.rounding import DEFAULT_POLICY, rounded

        value = rounded(
            self.value, self.unit, places=places, mode=mode, policy=policy or DEFAULT_POLICY,
            counts=counts,
        )
        return type(self)(value=value, unit=self.unit)

    def check_whole(self, *, path: str = "$", policy: RoundingPolicy | None = None) -> Report:
        """UOM-006 when the unit is a whole count and the value is not whole."""
        from canonical.units.rounding import DEFAULT_POLICY, check_whole

        return check_whole(self.value, self.unit, path=path, policy=policy or DEFAULT_POLICY)
