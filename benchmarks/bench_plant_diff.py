"""Benchmark: the plant diff (tables, plant.yaml and specs) versus loading the plants.

Baseline: loading both shipped plants (DE01, US02) ready to map: ``load_plant`` (read, check
and index every table) and compiling their specs (``plans_for``), what every mapping process
pays once for the same files the diff reads. Ours: ``diff_plants`` of each shipped plant against a
copy with 100 changes (50 per plant: re-pointed, added and removed rows in several tables,
values-map entries changed, added and removed, native paths, formats and zones changed in
specs, the time zone and a normalisation changed in plant.yaml). The diff reads both sides
and compares them; it may cost at most twice the baseline. The ratio to ``load_plant`` alone
(tables only, specs not read) is printed for information.

Run: ``.venv/bin/python benchmarks/bench_plant_diff.py``; exit 1 on FAIL.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from _harness import median

from canonical.engine.plans import plans_for
from canonical.mapping import load_plant
from canonical.mapping.diff import diff_plants
from canonical.resources import data_dir

TARGET = 2.0
CHANGES_PER_PLANT = 56  # edits per plant; a few collapse (a re-pointed row then removed)
PLANTS = ("DE01", "US02")



def _edit_tables(folder: Path, budget: int) -> int:
    """Re-point, add and remove rows round-robin over the plant's tables; edits made."""
    tables = sorted(folder.glob("*.csv"))
    contents = {p: p.read_text(encoding="utf-8").splitlines() for p in tables}
    made, i = 0, 0
    while made < budget:
        path = tables[i % len(tables)]
        lines = contents[path]
        row = 1 + (i // len(tables)) * 2 % max(1, len(lines) - 1)
        if row < len(lines) and lines[row]:
            cells = lines[row].split(",")
            if i % 3 == 0:  # a re-pointed canonical code
                cells[2] = cells[2] + "-X"
                lines[row] = ",".join(cells)
            elif i % 3 == 1:  # a new row for a new source code
                cells[1] = f"NEU{i}"
                lines.append(",".join(cells))
            else:  # a removed row
                del lines[row]
            made += 1
        i += 1
    for path, lines in contents.items():
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return made


def _edit_specs(folder: Path, budget: int) -> int:
    """Change values-map targets, add codes, change paths, formats and zones in specs."""
    made = 0
    specs = sorted((folder / "specs").glob("*.yaml"))
    edits = [
        (re.compile(r"values: \{(\w+): (\w+)"), lambda m: f"values: {{{m[1]}: {m[2]}_x"),
        (re.compile(r"values: \{"), lambda m: "values: {ZZ_NEU: scrap, "),
        (re.compile(r"path: (\w+)"), lambda m: f"path: {m[1]}_neu"),
        (re.compile(r"format: iso"), lambda m: "format: '%Y%m%d%H%M%S'"),
        (re.compile(r"\{path: (\w+), table: (\w+)\}"), lambda m: f"{{path: {m[1]}, table: "
         "materials}"),
    ]
    while made < budget:
        before = made
        for path in specs:
            text = path.read_text(encoding="utf-8")
            for pattern, repl in edits:
                if made >= budget:
                    break
                text, n = pattern.subn(repl, text, count=1)
                made += n
            path.write_text(text, encoding="utf-8")
        if made == before:
            break
    return made


def _edit_plant_yaml(folder: Path) -> int:
    path = folder / "plant.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"time_zone: \S+", "time_zone: UTC", text, count=1)
    text = text.replace("inbound: [trim]", "inbound: [trim, upper]", 1)
    path.write_text(text, encoding="utf-8")
    return 2


def edited_copies(root: Path) -> dict[str, tuple[Path, Path]]:
    pairs: dict[str, tuple[Path, Path]] = {}
    for plant in PLANTS:
        old = data_dir("mappings") / plant
        new = root / plant
        shutil.copytree(old, new, ignore=shutil.ignore_patterns("releases"))
        made = _edit_plant_yaml(new)
        made += _edit_specs(new, 20)
        made += _edit_tables(new, CHANGES_PER_PLANT - made)
        pairs[plant] = (old, new)
    return pairs


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pairs = edited_copies(Path(tmp))
        counts = {p: len(diff_plants(old, new).changes) for p, (old, new) in pairs.items()}
        total = sum(counts.values())

        def baseline() -> None:
            for plant in PLANTS:
                plans_for(load_plant(plant))

        def tables_only() -> None:
            for plant in PLANTS:
                load_plant(plant)

        def ours() -> None:
            for old, new in pairs.values():
                diff_plants(old, new)

        base_s = tables_s = ours_s = float("inf")
        for _ in range(3):  # interleaved, so every side sees the same machine load
            base_s = min(base_s, median(baseline, repeat=9))
            tables_s = min(tables_s, median(tables_only, repeat=9))
            ours_s = min(ours_s, median(ours, repeat=9))
    ratio = ours_s / base_s
    ok = ratio <= TARGET and total >= 100
    print(f"load DE01+US02 ready to map: {base_s * 1e3:.1f} ms (load_plant alone "
          f"{tables_s * 1e3:.1f} ms); diff of both against copies with {total} changes "
          f"({', '.join(f'{p} {n}' for p, n in counts.items())}): {ours_s * 1e3:.1f} ms")
    print(f"plant diff vs loading both plants ratio={ratio:.2f} target<={TARGET} "
          f"{'PASS' if ok else 'FAIL'}")
    print(f"plant diff vs load_plant alone (tables only) ratio={ours_s / tables_s:.2f} "
          "(informational)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
