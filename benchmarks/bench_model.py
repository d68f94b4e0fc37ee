"""Model benchmarks (issue 2): import cost and validation overhead, as same-run ratios.

- ``import canonical`` vs ``from pydantic import BaseModel`` in fresh interpreters (target <= 2.0);
- ``canonical.validate`` (types + every business rule) vs a bare ``ProductionOrder.model_validate``
  of the same 5-operation order (target <= 1.5).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import best, exit_code, report

ROOT = Path(__file__).resolve().parent.parent


def import_time(statement: str, repeat: int = 9) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    base = import_time("from pydantic import BaseModel")
    ours = import_time("import canonical")
    report("import canonical / import pydantic.BaseModel", ours / base, at_most=2.0,
           detail=f"{ours * 1000:.0f} ms vs {base * 1000:.0f} ms, interpreter start included")

    from canonical import ProductionOrder, validate

    payload = json.loads((ROOT / "examples" / "records" / "production_order.json").read_text())
    assert len(payload["operations"]) == 5
    assert validate(payload, entity="ProductionOrder").ok
    bare = best(lambda: ProductionOrder.model_validate(payload), number=2000)
    full = best(lambda: validate(payload, entity="ProductionOrder"), number=2000)
    report("validate(order, 5 ops) / ProductionOrder.model_validate", full / bare, at_most=1.5,
           detail=f"{full * 1e6:.1f} us vs {bare * 1e6:.1f} us per call")

    from canonical.reading import parse_records

    records = json.loads((ROOT / "examples" / "records" / "lot.json").read_text())
    text = "[\n" + ",\n".join(json.dumps(records[2], indent=2) for _ in range(10_000)) + "\n]"
    ours = best(lambda: parse_records(text), number=1, repeat=5)
    plain = best(lambda: json.loads(text), number=1, repeat=5)
    report("read 10,000-record JSON array with line numbers / json.loads", ours / plain, at_most=3.0,
           detail=f"{ours * 1000:.0f} ms vs {plain * 1000:.0f} ms")
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
