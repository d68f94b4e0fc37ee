"""The rules of the units subsystem (ids ``UOM-xxx``), declared for the rule catalogue.

The matching exceptions live in :mod:`canonical.errors` and carry the same ids.
"""

from __future__ import annotations

from canonical.report import Severity
from canonical.rules import Scope, rule

UNKNOWN_UNIT = rule("UOM-001", "Unit code is not a canonical UN/ECE Rec 20 code", Scope.UNITS)
DEPRECATED_UNIT = rule(
    "UOM-002", "Unit code is deleted or deprecated in Rec 20; use its replacement", Scope.UNITS
)
INCOMPATIBLE_UNITS = rule(
    "UOM-003", "Units of different dimensions and no material factor between them", Scope.UNITS
)
INVALID_QUANTITY = rule(
    "UOM-004", "Quantity value is not an exact finite decimal", Scope.UNITS
)
MATERIAL_UNIT = rule(
    "UOM-005", "Material alternative unit cannot be used for conversion", Scope.UNITS
)
NOT_WHOLE = rule(
    "UOM-006", "Quantity of a whole-count unit is not a whole number", Scope.UNITS
)
BAD_RATIO = rule(
    "UOM-007",
    "Material alternative unit has a zero, negative or non-finite numerator or denominator",
    Scope.UNITS,
)
CIRCULAR = rule(
    "UOM-008", "Material unit definitions are circular or contradict each other", Scope.UNITS
)
DUPLICATE = rule(
    "UOM-009", "Material declares the same alternative unit twice", Scope.UNITS
)
PRECISION = rule(
    "UOM-010", "Quantity has more decimals than its unit's precision and needs rounding",
    Scope.UNITS, Severity.WARNING,
)
TOO_PRECISE = rule(
    "UOM-011",
    "A converted quantity needs more decimal places than a canonical quantity carries (12); round it explicitly",
    Scope.UNITS,
)
