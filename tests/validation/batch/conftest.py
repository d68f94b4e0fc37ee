"""Fixtures of the batch tests: example records as flat extracts, and one Spark session."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "records"
FILES = {
    "InventoryTransaction": "inventory_transaction", "Lot": "lot", "Material": "material",
    "Operation": "operation", "ProductionOrder": "production_order",
    "QualityResult": "quality_result", "Resource": "resource",
    "LaborReport": "labor_report", "EquipmentStateChange": "equipment_state_change",
    "Nonconformance": "nonconformance",
}


def flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A canonical record in the extract layout: nested objects joined with '_', lists dropped."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}_"))
        elif not isinstance(value, list):
            out[prefix + key] = value
    return out


def as_text(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a CSV reader would give them: every cell text, missing cells missing."""
    columns = list(dict.fromkeys(k for row in rows for k in row))

    def cell(value: Any) -> str | None:
        return value if value is None or isinstance(value, str) else json.dumps(value)

    return pd.DataFrame({c: pd.Series([cell(r.get(c)) for r in rows], dtype="str")
                         for c in columns})


def examples(entity: str) -> list[dict[str, Any]]:
    data = json.loads((EXAMPLES / f"{FILES[entity]}.json").read_text(encoding="utf-8"))
    records = data if isinstance(data, list) else [data]
    return [flat(r) for r in records]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    os.environ.setdefault("PYSPARK_PYTHON", "python3")
    from canonical.validation.batch.spark import session

    spark = session("mfg-canonical-tests")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()
