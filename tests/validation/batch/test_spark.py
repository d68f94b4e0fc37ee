"""The Spark path (GE's Spark data source, local[2]) gives the same findings as pandas."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from canonical.validation.batch import check_extract

from .conftest import as_text, examples


def _spark_frame(spark: Any, frame: pd.DataFrame) -> Any:
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField(c, T.StringType(), True) for c in frame.columns])
    rows = [tuple(None if pd.isna(v) else v for v in row)
            for row in frame.itertuples(index=False)]
    return spark.createDataFrame(rows, schema)


def _findings(result: Any) -> list[str]:
    """The rendered findings, less the first failing row: Spark keeps no row order, so only
    pandas names it (asserted below)."""
    return sorted(re.sub(r"; first failing row: \d+", "", f.render())
                  for f in result.to_report())


def _broken_transactions() -> tuple[pd.DataFrame, pd.DataFrame]:
    tx = examples("InventoryTransaction")
    order = examples("ProductionOrder")[0]
    tx[0].update(material=None, quantity_value="-3")
    tx[1].update(type="theft", quantity_unit="KG", operation="ten")
    tx[2].update(posted_at="2026-03-02T06:20:00", id=tx[3]["id"])
    tx[4].update(quantity_value="1.234,5", operation="0")
    tx.append({**tx[5], "id": "RV-X", "reversal_of": "NOT-THERE"})
    tx.extend({**tx[1], "id": f"GR-{i}", "type": "goods_receipt", "order": order["id"],
               "quantity_unit": order["ordered_quantity_unit"], "operation": "10",
               "quantity_value": order["ordered_quantity_value"]} for i in range(2))
    return as_text(tx), as_text([order])


def test_spark_equals_pandas(spark: Any) -> None:
    tx, orders = _broken_transactions()
    on_pandas = check_extract(tx, "InventoryTransaction", related={"ProductionOrder": orders})
    on_spark = check_extract(_spark_frame(spark, tx), "InventoryTransaction",
                             related={"ProductionOrder": _spark_frame(spark, orders)})
    assert on_spark.engine == "spark" and on_pandas.engine == "pandas"
    expected = {"SCH-001", "QTY-001", "SCH-006", "QTY-003", "SCH-002", "SCH-005", "INV-004",
                "SCH-007", "SCH-008", "INV-001", "BAT-003"}
    assert expected <= set(on_pandas.to_report().rule_ids())
    assert _findings(on_spark) == _findings(on_pandas)
    assert all("first failing row" in f.message for f in on_pandas.to_report().errors
               if f.rule_id != "BAT-003")
    assert not any("first failing row" in f.message for f in on_spark.to_report())

    lots = examples("Lot")
    links = as_text([
        {"lot": lots[2]["id"], "parent_lot": lots[0]["id"], "quantity_value": "5",
         "quantity_unit": "KGM"},
        {"lot": "ORPHAN", "parent_lot": "GHOST", "quantity_value": "1", "quantity_unit": "H87"},
        {"lot": lots[1]["id"], "parent_lot": lots[1]["id"], "quantity_value": "-1",
         "quantity_unit": "H87"},
    ])
    on_pandas = check_extract(links, "LotGenealogy", related={"Lot": as_text(lots)})
    on_spark = check_extract(_spark_frame(spark, links), "LotGenealogy",
                             related={"Lot": _spark_frame(spark, as_text(lots))})
    assert {"LOT-005", "BAT-002", "LOT-001", "QTY-001"} <= set(on_pandas.to_report().rule_ids())
    assert _findings(on_spark) == _findings(on_pandas)
