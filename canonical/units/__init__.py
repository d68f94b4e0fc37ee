"""Units of measure: UN/ECE Rec 20 codes, exact conversion, material-specific units.

- :mod:`~canonical.units.table`: the curated unit table (package data), lookup, Markdown.
- :mod:`~canonical.units.exact`: reading values (Decimal only, never float) and factors.
- :mod:`~canonical.units.conversion`: ``convert`` / ``convert_exact`` / ``ratio``.
- :mod:`~canonical.units.material`: alternative units of a material (SAP UMREZ/UMREN).
- :mod:`~canonical.units.rounding`: the explicit rounding step and whole-count checks.
- :mod:`~canonical.units.quantity`: the mixin behind the generated ``Quantity`` model.
- :mod:`~canonical.units.frame`: vectorised pandas conversion (imported on demand only).
- :mod:`~canonical.units.expression`: pint expressions at the edges (imported on demand only).

Importing this package reads nothing and imports neither pandas nor pint; the table is
loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names below are loaded on first access (see __getattr__)
    from canonical.units.conversion import convert, convert_exact, ratio
    from canonical.units.material import (
        AlternativeUnit,
        MaterialLike,
        MaterialUnits,
        check_material,
    )
    from canonical.units.quantity import QuantityOps
    from canonical.units.rounding import (
        DEFAULT_POLICY,
        RoundingMode,
        RoundingPolicy,
        check_precision,
        check_whole,
        rounded,
    )
    from canonical.units.table import Unit, active_units, dimensions, lookup, units

#: public name -> submodule that defines it
_HOME: dict[str, str] = {
    **dict.fromkeys(("convert", "convert_exact", "ratio"), "conversion"),
    **dict.fromkeys(("AlternativeUnit", "MaterialLike", "MaterialUnits", "check_material"),
                    "material"),
    "QuantityOps": "quantity",
    **dict.fromkeys(("DEFAULT_POLICY", "RoundingMode", "RoundingPolicy", "check_precision",
                     "check_whole", "rounded"), "rounding"),
    **dict.fromkeys(("Unit", "active_units", "dimensions", "lookup", "units"), "table"),
}


def __getattr__(name: str) -> Any:
    # The generated Quantity model imports canonical.units.quantity at `import canonical`;
    # the table, conversion and material code load on first use, keeping that import light.
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'canonical.units' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"canonical.units.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])


__all__ = [
    "DEFAULT_POLICY",
    "AlternativeUnit",
    "MaterialLike",
    "MaterialUnits",
    "QuantityOps",
    "RoundingMode",
    "RoundingPolicy",
    "Unit",
    "active_units",
    "check_material",
    "check_precision",
    "check_whole",
    "convert",
    "convert_exact",
    "dimensions",
    "lookup",
    "ratio",
    "rounded",
    "units",
]
