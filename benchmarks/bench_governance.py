"""Benchmark: the semantic schema diff versus its unavoidable baseline.

Baseline: what any LinkML-level diff must pay, loading both schemas with SchemaView and
inducing every class's slots. Ours: ``canonical.governance.diff`` (load, checks, flatten,
compare, classify) on the canonical schema against an edited copy. The diff may cost at most
twice the baseline: comparing must stay cheap next to resolving inheritance.

Run: ``.venv/bin/python benchmarks/bench_governance.py``; exit 1 on FAIL.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _harness import median

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0


def _edited_copy() -> Path:
    text = (ROOT / "schemas" / "canonical.yaml").read_text(encoding="utf-8")
    text = text.replace("version: 1.0.0", "version: 1.1.0", 1)
    text = text.replace("maximum_value: 999\n", "maximum_value: 99\n", 1)
    text = text.replace("      priority:\n", "      urgency:\n        aliases: [priority]\n", 1)
    path = Path(tempfile.mkdtemp()) / "canonical.yaml"
    path.write_text(text, encoding="utf-8")
    return path



def main() -> int:
    from linkml_runtime.utils.schemaview import SchemaView

    from canonical.governance import diff

    old, new = ROOT / "schemas" / "canonical.yaml", _edited_copy()

    def baseline() -> None:
        for path in (old, new):
            view = SchemaView(str(path))
            for cls in view.all_classes():
                view.class_induced_slots(cls)

    def ours() -> None:
        log = diff(old, new)
        if not log.changes:
            raise SystemExit("benchmark input produced no changes")

    baseline()
    ours()  # warm imports and caches of both
    base, mine = median(baseline, repeat=7), median(ours, repeat=7)
    ratio = mine / base
    status = "PASS" if ratio <= TARGET else "FAIL"
    print(f"baseline (SchemaView load + induced slots, 2 schemas): {base * 1000:.1f} ms")
    print(f"canonical.governance.diff: {mine * 1000:.1f} ms")
    print(f"ratio={ratio:.2f} target<={TARGET} {status}")
    return 0 if status == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
