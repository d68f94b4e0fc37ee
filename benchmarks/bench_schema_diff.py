"""Benchmark: the schema diff on a large generated LinkML schema versus loading it.

Input: a generated schema of 1,000 classes (a 4-level ``is_a`` tree, mixins) and 5,000
top-level slots (strings with patterns, integers with bounds, enums, class ranges), and an
edited copy (a shared slot's pattern, a base-class slot's range, a class added, an enum
value removed, descriptions). Baseline: what any LinkML-level diff must pay, loading both
schemas with SchemaView and inducing every class's slots. Ours: ``canonical.governance.diff``
(load with checks and import resolution, flatten, compare, fold per-class copies,
classify). Target: at most 1.5x the baseline.

Times are CPU seconds of this process (``time.process_time``), medians of three runs: both
sides are single-threaded and CPU-bound, and on a shared machine wall-clock time mostly
measures the neighbours.

Run: ``.venv/bin/python benchmarks/bench_schema_diff.py``; exit 1 on FAIL.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml
from _harness import median

TARGET = 1.5
CLASSES = 1000
SLOTS = 5000


def generate(version: str, edited: bool) -> str:
    slots: dict[str, dict[str, object]] = {}
    for i in range(SLOTS):
        kind = i % 4
        if kind == 0:
            slots[f"s{i}"] = {"pattern": f"^[A-Z]{{2}}[0-9]{{{4 + i % 3}}}$"}
        elif kind == 1:
            slots[f"s{i}"] = {"range": "integer", "minimum_value": 0, "maximum_value": 10 * i}
        elif kind == 2:
            slots[f"s{i}"] = {"range": "Status", "description": f"status {i}"}
        else:
            slots[f"s{i}"] = {"range": f"C{i % 97}", "multivalued": i % 2 == 0}
    classes: dict[str, dict[str, object]] = {"Stamped": {"mixin": True, "slots": ["s0", "s1"]}}
    for c in range(CLASSES):
        body: dict[str, object] = {"slots": [f"s{c * 5 + k}" for k in range(5)],
                                   "description": f"class {c}"}
        if c >= 10:
            body["is_a"] = f"C{c // 10}" if c // 10 != c else "C0"
        if c % 50 == 0:
            body["mixins"] = ["Stamped"]
        classes[f"C{c}"] = body
    status = {"permissible_values": {"REL": {}, "PCNF": {}, "CNF": {}, "TECO": {}}}
    if edited:
        slots["s0"]["pattern"] = "^[A-Z]{2}[0-9]{4,6}$"  # shared by the mixin's users
        slots["s11"]["maximum_value"] = 50
        slots["s22"]["description"] = "status 22 (SAP)"
        classes["C1"]["description"] = "class 1, reworded"
        classes["C1000"] = {"is_a": "C1", "slots": ["s5"]}
        del status["permissible_values"]["TECO"]  # type: ignore[attr-defined]
    doc = {
        "id": "https://example.org/gen", "name": "gen", "version": version,
        "imports": ["linkml:types"], "default_range": "string", "default_prefix": "gen",
        "prefixes": {"linkml": "https://w3id.org/linkml/", "gen": "https://example.org/gen/"},
        "enums": {"Status": status}, "slots": slots, "classes": classes,
    }
    return yaml.safe_dump(doc, sort_keys=False)



def main() -> int:
    from linkml_runtime.utils.schemaview import SchemaView

    from canonical.governance import diff

    folder = Path(tempfile.mkdtemp())
    old, new = folder / "old.yaml", folder / "new.yaml"
    old.write_text(generate("1.0.0", edited=False), encoding="utf-8")
    new.write_text(generate("1.1.0", edited=True), encoding="utf-8")

    def baseline() -> None:
        for path in (old, new):
            view = SchemaView(str(path))
            for cls in view.all_classes():
                view.class_induced_slots(cls)

    def ours() -> None:
        log = diff(old, new)
        if len(log.changes) < 5:
            raise SystemExit(f"benchmark input produced {len(log.changes)} changes, expected 6")

    base = median(baseline, repeat=3, clock=time.process_time)
    mine = median(ours, repeat=3, clock=time.process_time)
    ratio = mine / base
    status = "PASS" if ratio <= TARGET else "FAIL"
    print(f"generated schema: {CLASSES} classes, {SLOTS} slots")
    print(f"baseline (SchemaView load + induced slots, 2 schemas): {base * 1000:.0f} ms")
    print(f"canonical.governance.diff: {mine * 1000:.0f} ms")
    print(f"ratio={ratio:.2f} target<={TARGET} {status}")
    return 0 if status == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
