"""Streaming `canon validate` (issue 20): peak RSS and records/s on 100k and 1M records.

Generated JSON Lines extracts (in a temporary folder, removed afterwards) of each benchmarked
entity are validated by ``canon validate`` in a fresh interpreter; the baseline, measured in
the same run, is a streaming pydantic loop over the same file (``Model.model_validate_json``
per line, nothing kept). Peak RSS comes from ``wait4`` of each child process. Targets:

- peak RSS of ``canon validate`` at 1M records / at 100k records <= 1.5 (memory grows with the
  largest record, not with the file);
- time of ``canon validate`` / time of the streaming pydantic baseline at 1M records <= 2.0;
- peak RSS of ``canon validate`` on each extract of 1 GB or more (a million production
  orders are 3.3 GB) < 500 MiB.

Every entity with an example record is benchmarked (21, patches included): on this 2-core
machine shared with others, with one round each about 1.5 to 2 hours of CPU in all (the
production orders alone, 3.3 KB each, take some 25 minutes), hence the environment variables
below.

``BENCH_VALIDATE_SIZES=10000,100000`` runs smaller sizes (the ratios keep their targets);
``BENCH_VALIDATE_ROUNDS=1`` runs each command once per extract (default 3, in turn, the least
CPU time counting: the production orders then take over an hour);
``BENCH_VALIDATE_ENTITIES=Lot,ProductionOrder`` picks the entities (default: every entity
with an example record).
"""

from __future__ import annotations

import compileall
import copy
import json
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import CANON, child, exit_code, report

ROOT = Path(__file__).resolve().parent.parent
GB = 10**9
SIZES = tuple(int(n) for n in os.environ.get("BENCH_VALIDATE_SIZES", "100000,1000000").split(","))
#: runs of each command per extract, in turn; the least CPU time counts (``BENCH_VALIDATE_ROUNDS``)
ROUNDS = max(1, int(os.environ.get("BENCH_VALIDATE_ROUNDS", "3")))

BASELINE = """
import sys
from canonical.models import ENTITIES
model = ENTITIES[sys.argv[2]]
with open(sys.argv[1], "rb") as lines:
    for line in lines:
        model.model_validate_json(line)
"""


def _template(entity: str) -> dict[str, object]:
    from canonical.resources import EXAMPLE_RECORDS

    data = json.loads((ROOT / "examples" / "records" / f"{EXAMPLE_RECORDS[entity]}.json")
                      .read_text(encoding="utf-8"))
    return dict(data[0] if isinstance(data, list) else data)


def _shifted(template: dict[str, object], n: int) -> tuple[str, str]:
    """The ``n``-th interval after the template's ``start``..``end`` (no overlap: EQS-003)."""
    start = datetime.fromisoformat(str(template["start"]))
    length = datetime.fromisoformat(str(template["end"])) - start
    return (start + n * length).isoformat(), (start + (n + 1) * length).isoformat()


def _layout(template: dict[str, object], n: int) -> list[dict[str, str]]:
    """The template's alternative units with the last one's numerator varied over 20,000
    values: a master of many unit layouts, not one repeated layout (record validation
    remembers none between materials, so every record's layout is checked)."""
    units = [dict(u) for u in template.get("alternative_units") or []]  # type: ignore[attr-defined]
    if units:
        units[-1]["numerator"] = str(480 + n % 20000)
    return units


def generate(entity: str, count: int, folder: Path) -> Path:
    """``count`` valid records of ``entity`` (the shipped example, each with its own id)."""
    template = _template(entity)
    path = folder / f"{entity}-{count}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            record = copy.copy(template)
            if "id" in record:
                record["id"] = f"{str(template['id'])[:12]}-{n:08d}"
            if entity == "Lot":
                record["genealogy"] = []  # parents outside a generated extract would be findings
            if entity == "EquipmentStateChange":  # one resource's states follow each other
                record["start"], record["end"] = _shifted(template, n)
            if entity == "Material":  # a real master has many unit layouts, not one
                record["alternative_units"] = _layout(template, n)
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path


def compiled() -> None:
    """Byte-compile the package once, as installing it does (pip compiles what it installs):
    with ``PYTHONDONTWRITEBYTECODE`` set (some CI and sandbox environments) every child would
    otherwise compile the package's source again, some 0.06 s of CPU time per run of ``canon
    validate`` and less for the baseline, which imports fewer modules: a cost of the
    environment, not of validating records."""
    import canonical

    compileall.compile_dir(Path(canonical.__file__).parent, quiet=1)


def measured(path: Path, entity: str) -> tuple[float, int, float, int]:
    """CPU time and peak RSS of ``canon validate`` and of the baseline on ``path``: the least
    CPU time of :data:`ROUNDS` runs of each, taken in turn (a burst of the neighbours on this
    shared machine slows one run, never speeds one up), and the highest peak RSS."""
    times: list[float] = []
    peaks: list[int] = []
    base_times: list[float] = []
    base_peaks: list[int] = []
    for _ in range(ROUNDS):
        ours, rss = child(CANON, "validate", str(path), "-e", entity)
        base, base_rss = child(BASELINE, str(path), entity)
        times.append(ours)
        peaks.append(rss)
        base_times.append(base)
        base_peaks.append(base_rss)
    return min(times), max(peaks), min(base_times), max(base_peaks)


def main() -> int:
    from canonical.resources import EXAMPLE_RECORDS

    compiled()
    chosen = os.environ.get("BENCH_VALIDATE_ENTITIES")
    entities = chosen.split(",") if chosen else list(EXAMPLE_RECORDS)
    small, large = min(SIZES), max(SIZES)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="canon-bench-validate-") as tmp:
        for entity in entities:
            rss: dict[int, int] = {}
            for count in sorted({small, large}):  # one size given: run it once
                path = generate(entity, count, Path(tmp))
                ours, rss[count], base, base_rss = measured(path, entity)
                print(f"{entity} {count:>9,} records: canon validate {count / ours:>9,.0f} rec/s, "
                      f"peak RSS {rss[count] / 1024:.0f} MiB; streaming pydantic "
                      f"{count / base:>9,.0f} rec/s, peak RSS {base_rss / 1024:.0f} MiB")
                if count == large:
                    report(f"{entity}: canon validate / streaming model_validate_json time at "
                           f"{count:,}", ours / base, at_most=2.0)
                size = path.stat().st_size
                if size >= GB:
                    report(f"{entity}: canon validate peak RSS (MiB) on {size / GB:.1f} GB",
                           rss[count] / 1024, at_most=500.0)
                path.unlink()
            report(f"{entity}: canon validate peak RSS {large:,} / {small:,} records",
                   rss[large] / rss[small], at_most=1.5)
    print(f"total {time.perf_counter() - started:.0f}s for {len(entities)} entities")
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
