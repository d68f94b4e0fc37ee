"""Batch suites on 1,000,000 inventory transactions: our run vs raw Great Expectations.

- ``run_suite`` (column preparation, GE validation, result conversion and the INV-001
  reversal check) against a raw GE run of the very same expectations (the committed suite
  file loaded into ``gx.ExpectationSuite`` and validated on the same frame): target <= 1.2x;
- for reference, the ratio to hand-written vectorised pandas checks of the same rules;
- the fixed overhead per run (our run minus raw GE on a 10-row extract, after the first
  run): target < 100 ms;
- peak RSS of ``canon batch`` (a fresh interpreter, the pandas engine reading the CSV in
  chunks) on 1,000,000 / on 100,000 transactions: target <= 1.5 (memory grows with a chunk
  and the key columns, not with the file). ``BENCH_BATCH_RSS_ROWS=20000,200000`` picks
  other sizes.

Run: ``.venv/bin/python benchmarks/bench_batch.py`` (about 4-5 minutes).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import CANON, child, exit_code, report

from canonical.resources import data_file
from canonical.validation.batch import check_extract
from canonical.validation.batch.engine import RESULT_FORMAT, import_gx

ROWS = 1_000_000
TYPES = np.array(["goods_issue", "goods_receipt", "scrap", "transfer", "adjustment", "count"])
UNITS = np.array(["KGM", "H87", "LTR", "MTR", "XBX"])


def transactions(rows: int, seed: int = 7) -> pd.DataFrame:
    """A realistic extract: ~0.1 % bad values so every failing path does some work."""
    rng = np.random.default_rng(seed)
    ids = pd.Series(np.char.add("MES-GI-", np.arange(rows).astype(str)), dtype="str")
    values = pd.Series(np.char.add(rng.integers(0, 5000, rows).astype(str), ".500"), dtype="str")
    units = pd.Series(UNITS[rng.integers(0, len(UNITS), rows)], dtype="str")
    kinds = TYPES[rng.integers(0, len(TYPES), rows)].astype(object)
    bad = rng.random(rows) < 0.001
    values[bad] = "-1"
    units[bad] = "KG"
    reversal = rng.random(rows) < 0.01
    kinds[reversal] = "reversal"
    reversal_of = pd.Series(None, index=range(rows), dtype="str")
    reversal_of[reversal] = ids.sample(int(reversal.sum()), random_state=1, replace=True).values
    minute = rng.integers(0, 60, rows).astype(str)
    posted = pd.Series(np.char.add(np.char.add("2026-03-02T06:", np.char.zfill(minute, 2)),
                                   ":00+01:00"), dtype="str")
    return pd.DataFrame({
        "id": ids, "type": pd.Series(kinds, dtype="str"),
        "plant": pd.Series(["DE01"] * rows, dtype="str"),
        "material": pd.Series(np.char.add("M", rng.integers(0, 500, rows).astype(str)),
                              dtype="str"),
        "quantity_value": values, "quantity_unit": units,
        "from_location": pd.Series(["DE01-SL-0001"] * rows, dtype="str"),
        "operation": pd.array(rng.integers(1, 90, rows) * 10, dtype="Int64"),
        "posted_at": posted, "reversal_of": reversal_of,
    })


class RawGX:
    """The baseline: a GE context set up by hand, the same suite file, batch.validate."""

    def __init__(self) -> None:
        gx = import_gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        asset = context.data_sources.add_pandas("raw").add_dataframe_asset("tx")
        self.batch_definition = asset.add_batch_definition_whole_dataframe("whole")
        data = json.loads(data_file("validators", "canonical", "InventoryTransaction.json")
                          .read_text(encoding="utf-8"))
        self.data = data
        self.suite_for: Callable[[set[str]], object] = lambda cols: gx.ExpectationSuite(
            name="raw", expectations=[e for e in data["expectations"]
                                      if e["kwargs"]["column"] in cols])

    def run(self, frame: pd.DataFrame, suite: object) -> object:
        batch = self.batch_definition.get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(suite, result_format=RESULT_FORMAT)


def hand_written(frame: pd.DataFrame) -> dict[str, int]:
    """The same rules as plain pandas (what a team writes without a framework)."""
    data = json.loads(data_file("validators", "canonical", "InventoryTransaction.json")
                      .read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for e in data["expectations"]:
        col, kw = e["kwargs"]["column"], e["kwargs"]
        if col not in frame:
            continue
        s = frame[col]
        kind = e["type"]
        if kind.endswith("not_be_null"):
            bad = s.isna()
        elif kind.endswith("not_match_regex"):
            bad = s.str.contains(kw["regex"], regex=True).fillna(False).astype(bool)
        elif kind.endswith("match_regex"):
            bad = s.notna() & ~s.str.contains(kw["regex"], regex=True).fillna(True).astype(bool)
        elif kind.endswith("not_be_in_set"):
            bad = s.isin(kw["value_set"])
        elif kind.endswith("be_in_set"):
            bad = s.notna() & ~s.isin(kw["value_set"])
        elif kind.endswith("between"):
            bad = (s < kw.get("min_value", -np.inf)) | (s > kw.get("max_value", np.inf))
        else:  # unique
            bad = s.duplicated(keep=False) & s.notna()
        counts[f"{e['meta']['rule_id']}:{col}"] = int(bad.sum())
    refs = frame["reversal_of"].dropna()
    counts["INV-001"] = int((~refs.isin(frame["id"])).sum())
    return counts


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss() -> None:
    """``canon batch`` peak RSS on a small and a large CSV extract of transactions."""
    small, large = (int(n) for n in os.environ.get("BENCH_BATCH_RSS_ROWS",
                                                   "100000,1000000").split(","))
    rss: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="canon-bench-batch-") as tmp:
        for rows in (small, large):
            path = Path(tmp) / f"transactions-{rows}.csv"
            transactions(rows).to_csv(path, index=False)
            cpu, rss[rows] = child(CANON, "batch", str(path), "-e", "InventoryTransaction",
                                   ok=(0, 1))
            print(f"canon batch {rows:>9,} rows: {rows / cpu:>9,.0f} rows/s (CPU), "
                  f"peak RSS {rss[rows] / 1024:.0f} MiB", flush=True)
            path.unlink()
    report(f"canon batch peak RSS {large:,} / {small:,} rows", rss[large] / rss[small],
           at_most=1.5)


def main() -> int:
    start = time.perf_counter()
    peak_rss()
    frame = transactions(ROWS)
    print(f"generated {ROWS:,} transactions in {time.perf_counter() - start:.1f}s", flush=True)
    raw = RawGX()
    suite = raw.suite_for(set(frame.columns))

    tiny = frame.head(10).copy()
    tiny_suite = raw.suite_for(set(tiny.columns))
    check_extract(tiny, "InventoryTransaction")  # first run: imports, context, suite objects
    raw.run(tiny, tiny_suite)
    ours_tiny = timed(lambda: check_extract(tiny, "InventoryTransaction"), 7)
    raw_tiny = timed(lambda: raw.run(tiny, tiny_suite), 7)
    overhead_ms = (ours_tiny - raw_tiny) * 1000
    print(f"10 rows: ours {ours_tiny * 1000:.1f} ms, raw GE {raw_tiny * 1000:.1f} ms; "
          f"fixed overhead per run {overhead_ms:.1f} ms", flush=True)

    ours_s = raw_s = float("inf")
    for _ in range(2):  # interleaved, best of 2 each
        t = time.perf_counter()
        result = check_extract(frame, "InventoryTransaction")
        ours_s = min(ours_s, time.perf_counter() - t)
        t = time.perf_counter()
        raw.run(frame, suite)
        raw_s = min(raw_s, time.perf_counter() - t)
        print(f"  ours {ours_s:.2f}s (prepare {result.extras['prepare_s']:.2f}s, GE "
              f"{result.extras['validate_s']:.2f}s, cross-row {result.extras['cross_s']:.2f}s);"
              f" raw GE {raw_s:.2f}s", flush=True)
    pandas_s = timed(lambda: hand_written(frame), 2)
    failing = {o.rule_id: o.failing for o in result.failures}
    print(f"  failing rules: {failing}; hand-written pandas {pandas_s:.2f}s")

    report("batch run_suite / raw GE (1M inventory transactions)", ours_s / raw_s, at_most=1.2)
    report("batch run_suite / hand-written pandas checks", ours_s / pandas_s,
           detail="reference: the price of GE's metric machinery")
    report("batch fixed overhead per run (ms, after the first)", overhead_ms, at_most=100.0)
    print(f"total {time.perf_counter() - start:.0f}s")
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
