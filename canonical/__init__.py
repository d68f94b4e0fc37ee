"""mfg-canonical: the shared contract between ERP and MES.

Architecture (imports flow one way, a lower layer never imports a higher one; the same
single order as ``tests/test_layering.py``)::

    errors <- report <- rules <- units <- models <- mapping (tables)
           <- validation (records and batch) <- engine <- b2mml <- governance <- docs <- cli

The mapping engine is its own layer: it reads plant tables and validates what it builds
(records), so it sits above both; tables know nothing of validation, and batch suites
(per-plant expectations from the tables) sit with record validation.

- :mod:`canonical.errors`: the exception tree (stable rule ids).
- :mod:`canonical.report`: findings and reports returned by every check.
- :mod:`canonical.units`: UN/ECE Rec 20 unit table and exact conversion.
- :mod:`canonical.models`: pydantic models generated from ``schemas/canonical.yaml``.
- :mod:`canonical.mapping`: plant mapping tables (load, lookups, governance checks).
- :mod:`canonical.validation`: record business rules and batch suites (``.batch``).
- :mod:`canonical.engine`: the mapping engine, native payloads <-> canonical objects
  (``canonical.to_canonical`` and ``canonical.from_canonical`` re-export its entry points).
- :mod:`canonical.governance`: schema diff, compatibility, waivers, migrations.
- :mod:`canonical.service`: the contract over HTTP (``canon serve``, the ``[service]`` extra),
  a top layer beside the CLI.

``import canonical`` stays light: pandas, great_expectations, linkml and pint's unit
registry are imported only by the functions that need them.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from canonical.errors import CanonicalError
from canonical.report import Finding, Report, Severity

if TYPE_CHECKING:  # the names below are loaded on first access (see __getattr__)
    from canonical.engine import MappingResult, from_canonical, to_canonical
    from canonical.models import (
        SCHEMA_VERSION,
        EquipmentStateChange,
        Event,
        InventoryTransaction,
        LaborReport,
        Lot,
        Material,
        Nonconformance,
        Operation,
        ProductionOrder,
        QualityResult,
        Quantity,
        Resource,
    )
    from canonical.validation import validate, validate_many

#: re-exported name -> module that defines it. Loaded on first access, so ``canon --help`` and
#: the light subpackages (units, errors, report) never pay for pydantic and the models.
_LAZY: dict[str, str] = {
    **dict.fromkeys(("SCHEMA_VERSION", "Event", "InventoryTransaction", "Lot", "Material",
                     "Operation", "ProductionOrder", "QualityResult", "Quantity", "Resource",
                     "LaborReport", "EquipmentStateChange", "Nonconformance"),  # schema 1.1.0
                    "canonical.models"),
    "validate": "canonical.validation",
    "validate_many": "canonical.validation",
    **dict.fromkeys(("to_canonical", "from_canonical", "MappingResult"), "canonical.engine"),
}


@cache
def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mfg-canonical")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    # ``__version__`` is read from the installed metadata on first access: importlib.metadata
    # costs more than the rest of ``import canonical`` together.
    if name == "__version__":
        return _package_version()
    if name == "engine":  # the subpackage
        import importlib

        return importlib.import_module("canonical.engine")
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'canonical' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "CanonicalError",
    "EquipmentStateChange",
    "Event",
    "Finding",
    "InventoryTransaction",
    "LaborReport",
    "Lot",
    "MappingResult",
    "Material",
    "Nonconformance",
    "Operation",
    "ProductionOrder",
    "QualityResult",
    "Quantity",
    "Report",
    "Resource",
    "Severity",
    "__version__",
    "from_canonical",
    "to_canonical",
    "validate",
    "validate_many",
]
