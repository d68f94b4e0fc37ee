"""Where the package finds its shipped data.

In a built wheel the repository folders ``schemas/``, ``examples/``, ``mappings/`` and
``validators/`` are installed inside the package as ``canonical/_data/<name>`` and read
through :mod:`importlib.resources`. In a source checkout (editable install, tests) the
same folders are read from the repository root. Nothing here reads outside the package
or the checkout it came from.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

DataFolder = Literal["schemas", "examples", "mappings", "validators"]

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def data_dir(name: DataFolder) -> Path:
    """The directory of a shipped data folder, as a real filesystem path."""
    packaged = files("canonical").joinpath("_data", name)
    if packaged.is_dir():
        with as_file(packaged) as path:  # wheels installed from disk are plain directories
            return Path(path)
    source = _SOURCE_ROOT / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"shipped data folder {name!r} is missing from this installation")


def data_file(name: DataFolder, *parts: str) -> Path:
    """A file inside a shipped data folder (it may not exist; callers check)."""
    return data_dir(name).joinpath(*parts)


def package_file(*parts: str) -> Traversable:
    """A resource inside the ``canonical`` package itself (e.g. ``units/data/units.csv``)."""
    return files("canonical").joinpath(*parts)


SCHEMA_SOURCE = ("canonical.yaml",)
JSON_SCHEMA = ("canonical.schema.json",)

#: canonical entity -> its example records under ``examples/records/`` (stem of the JSON file)
EXAMPLE_RECORDS: dict[str, str] = {
    "ProductionOrder": "production_order",
    "Operation": "operation",
    "Material": "material",
    "Lot": "lot",
    "Resource": "resource",
    "QualityResult": "quality_result",
    "InventoryTransaction": "inventory_transaction",
    "Event": "event",
    # 1.1.0 (issue 17)
    "LaborReport": "labor_report",
    "EquipmentStateChange": "equipment_state_change",
    "Nonconformance": "nonconformance",
    "ProductionOrderPatch": "production_order_patch",
    "OperationPatch": "operation_patch",
    "MaterialPatch": "material_patch",
    "LotPatch": "lot_patch",
    "ResourcePatch": "resource_patch",
    "QualityResultPatch": "quality_result_patch",
    "InventoryTransactionPatch": "inventory_transaction_patch",
    "LaborReportPatch": "labor_report_patch",
    "EquipmentStateChangePatch": "equipment_state_change_patch",
    "NonconformancePatch": "nonconformance_patch",
}
