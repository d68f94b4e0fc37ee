"""Unit expressions at the edges (``"kg/h"``, ``"lbf/in**2"``) -> canonical codes, via pint.

For human input and documents that write physical units as expressions, never for plant
unit codes: ``PC`` would be read as petacoulomb and ``EA`` as exa-ampere. Anything that looks
like a code (upper-case letters and digits only) is therefore refused here; plant codes go
through the plant's mapping table. pint is imported and its registry built on first use only.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from canonical.errors import UnknownUnitError
from canonical.units.derive import DIMENSIONS
from canonical.units.table import active_units

_CODE_LIKE = re.compile(r"[A-Z0-9]{1,3}")
_TEMPERATURES = {"degC": "CEL", "degF": "FAH", "K": "KEL", "kelvin": "KEL", "degR": "A48"}


@cache
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


def code_for_expression(expression: str) -> str:
    """The canonical code whose exact factor equals what pint makes of ``expression``.

    When several codes share the factor, the one of the most normative Rec 20 level wins,
    then a code without digits (``MQH`` over ``4X``). Raises UOM-001 when the text looks like
    a code, pint cannot read it, or no canonical unit has that dimension and factor (within
    pint's float precision, 1e-12 relative).
    """
    text = expression.strip()
    if _CODE_LIKE.fullmatch(text):
        raise UnknownUnitError(expression, hint="looks like a unit code: codes are not "
                               "expressions; map plant codes through the plant mapping table")
    if text in _TEMPERATURES:
        return _TEMPERATURES[text]
    try:
        quantity = _registry().parse_expression(text).to_base_units()
    except Exception as exc:  # pint raises many types; wrap them all where they enter
        reason = f"not a unit expression ({type(exc).__name__})"
        raise UnknownUnitError(expression, hint=reason) from None
    dimension = DIMENSIONS.get(str(quantity.dimensionality))
    magnitude = float(quantity.magnitude)
    matches = [
        unit for unit in active_units(dimension)
        if dimension is not None and unit.factor is not None
        and abs(float(unit.factor) - magnitude) <= 1e-12 * magnitude
    ]
    if matches:  # several codes can share a factor (MQH, 4X): prefer the normative, lettered one
        best = min(matches, key=lambda u: (u.level, any(c.isdigit() for c in u.code), u.code))
        return best.code
    raise UnknownUnitError(expression, hint="no canonical unit has this dimension and factor")
