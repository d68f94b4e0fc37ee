"""Benchmarks of canonical.units against their baselines, measured in the same run.

1. scalar ``convert`` vs ``pint`` ``Quantity(v, u).to(u2)`` on the same pairs (target >= 50x);
2. vectorised conversion of 1M rows with a material factor join vs a bare pandas multiply of
   the same Decimal column by a precomputed factor column (target <= 3x);
3. ``import canonical.units`` builds no pint registry and imports no pandas.

Run: .venv/bin/python benchmarks/bench_units.py   (exit 1 when a target is missed)
"""

from __future__ import annotations

import subprocess
import sys
import time
from decimal import Decimal

import numpy as np
import pandas as pd
import pint
from _harness import exit_code, report

from canonical.units import AlternativeUnit, MaterialUnits, convert
from canonical.units.frame import convert_column

#: (canonical from, canonical to, pint from, pint to): mass, length, volume, time, temperature
PAIRS = [
    ("LBR", "KGM", "lb", "kg"), ("MTR", "INH", "m", "inch"), ("GLL", "LTR", "gallon", "L"),
    ("HUR", "MIN", "hour", "minute"), ("CEL", "FAH", "degC", "degF"), ("GRM", "KGM", "g", "kg"),
]
VALUES = [Decimal("2.5"), Decimal("1.125"), Decimal("3"), Decimal("0.75")]


def best(fn: object, repeat: int = 5) -> float:
    """Best wall time of ``repeat`` runs of ``fn()`` (each run is a whole batch)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def bench_scalar() -> bool:
    ureg = pint.UnitRegistry()
    quantity = ureg.Quantity
    n = 2000

    def ours() -> None:
        for a, b, _, _ in PAIRS:
            for v in VALUES:
                for _ in range(n):
                    convert(v, a, b)

    def theirs() -> None:
        for _, _, a, b in PAIRS:
            for v in VALUES:
                for _ in range(n // 20):
                    quantity(float(v), a).to(b)

    ours()
    theirs()
    per_ours = best(ours) / (n * len(PAIRS) * len(VALUES))
    per_pint = best(theirs, 3) / (n // 20 * len(PAIRS) * len(VALUES))
    ratio = per_pint / per_ours
    return report("scalar convert vs pint Quantity(v, u).to(u2), x faster", ratio, at_least=50,
                  detail=f"ours {per_ours * 1e6:.2f} us, pint {per_pint * 1e6:.1f} us per call")


def bench_frame(rows: int = 1_000_000) -> bool:
    rng = np.random.default_rng(20240501)
    materials = {
        f"M{i:03d}": MaterialUnits(f"M{i:03d}", "KGM", (
            AlternativeUnit("LTR", Decimal(int(rng.integers(700, 1300))) / 1000),
            AlternativeUnit("XDR", Decimal(int(rng.integers(150, 250)))),
        ))
        for i in range(100)
    }
    values = pd.Series(
        [Decimal(int(x)).scaleb(-3) for x in rng.integers(0, 10**7, rows)], dtype=object
    )
    units = pd.Series(rng.choice(["KGM", "LBR", "GRM", "LTR", "GLL", "XDR"], rows))
    material_ids = pd.Series(rng.choice(sorted(materials), rows))
    result = convert_column(values, units, "KGM", materials=material_ids, catalogue=materials)
    # the baseline: the same column times a factor column somebody already joined
    factors = result.copy()
    factors[:] = Decimal("0.92")
    spot = [convert(values[i], units[i], "KGM", material=materials[material_ids[i]])
            for i in range(0, rows, rows // 50)]
    assert result.iloc[:: rows // 50].tolist()[: len(spot)] == spot
    ours = best(lambda: convert_column(values, units, "KGM", materials=material_ids,
                                       catalogue=materials), 3)
    bare = best(lambda: values * factors, 3)
    return report("vectorised 1M rows with material join vs bare pandas multiply", ours / bare,
                  at_most=3, detail=f"ours {ours * 1e3:.0f} ms, bare {bare * 1e3:.0f} ms")


def bench_import() -> bool:
    code = (
        "import sys, time; t = time.perf_counter(); import canonical.units; "
        "canonical.units.convert('1', 'LBR', 'KGM'); "
        "print(time.perf_counter() - t, 'pint' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, pint_loaded, pandas_loaded = out.stdout.split()
    heavy = (pint_loaded == "True") + (pandas_loaded == "True")
    return report("import canonical.units: heavy modules imported (pint, pandas)", heavy,
                  at_most=0, detail=f"import + first convert {float(seconds) * 1e3:.0f} ms")


def main() -> int:
    bench_scalar()
    bench_frame()
    bench_import()
    return exit_code()


if __name__ == "__main__":
    raise SystemExit(main())
