"""``canon mappings check`` on a 100,000-row and a 1,000,000-row materials table: peak RSS.

The table of :mod:`bench_mapping_tables` (every tenth material renumbered: two dated rows of
one source code, so a tenth of the rows share a key), in a plant folder without spec files,
checked by ``canon mappings check`` in a fresh interpreter. Target: peak RSS at 1M rows /
at 100k rows <= 1.5 (the check streams: 4 bytes per row and key, plus the rows of groups
not yet complete). ``BENCH_MAPPINGS_ROWS=20000,200000`` picks other sizes.

Run: ``.venv/bin/python benchmarks/bench_mappings_stream.py`` (about 4 minutes of CPU).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_mapping_tables as tables
from _harness import CANON, child, exit_code, report


def main() -> int:
    small, large = (int(n) for n in os.environ.get("BENCH_MAPPINGS_ROWS",
                                                   "100000,1000000").split(","))
    rss: dict[int, int] = {}
    for rows in (small, large):
        with tempfile.TemporaryDirectory(prefix="canon-bench-mappings-") as tmp:
            tables.ROWS = rows
            folder = tables.write_plant(Path(tmp))
            cpu, rss[rows] = child(CANON, "mappings", "check", str(folder))
            size = (folder / "materials.csv").stat().st_size
            print(f"canon mappings check {rows:>9,} materials ({size / 2**20:.0f} MiB): "
                  f"{rows / cpu:>9,.0f} rows/s (CPU), peak RSS {rss[rows] / 1024:.0f} MiB",
                  flush=True)
    report(f"canon mappings check peak RSS {large:,} / {small:,} rows", rss[large] / rss[small],
           at_most=1.5)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
