"""Benchmark: governance check of a 100,000-row materials table, and effective-dated lookups.

Run: ``.venv/bin/python benchmarks/bench_mapping_tables.py``. Prints rows/s of the check and
its ratio to just parsing the same CSV with ``csv.DictReader`` (baseline), and the cost of
``Plant.lookup`` (normalisation + effective dating) relative to a plain nested-``dict`` lookup
of the same codes behind the same call signature (the gated ratio; a bare inline
``dict[code]`` is printed for scale). Exit 1 when a target is missed.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from canonical.mapping import check_plant, load_plant

ROWS = 100_000
REPEAT = 3
CHECK_SECONDS_TARGET = 5.0  # "a few seconds on one core"
CHECK_RATIO_TARGET = 20.0  # full governance check vs bare CSV parsing (measured ~10)
LOOKUP_RATIO_TARGET = 5.0  # "no more than a few dictionary lookups" (same call shape)

PLANT_YAML = """\
id: BENCH
name: Benchmark plant
time_zone: Europe/Berlin
source_systems:
  ERP:
    kind: erp
    normalisation:
      materials:
        inbound: [trim, strip_leading_zeros]
        outbound: [{pad_left: 18}]
"""
HEADER = ("source_system,source_code,canonical_code,valid_from,valid_to,status,owner,"
          "approved_by,note,base_unit,type,description")


def write_plant(root: Path) -> Path:
    folder = root / "BENCH"
    folder.mkdir()
    (folder / "plant.yaml").write_text(PLANT_YAML, encoding="utf-8")
    with (folder / "materials.csv").open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        out.writelines(line + "\n" for line in _rows())  # never held at once
    return folder


def _rows() -> Iterator[str]:
    for i in range(ROWS):
        number = str(100000 + i)
        if i % 10 == 0:  # every tenth material was renumbered: two dated rows
            yield (f"ERP,{number.rjust(18, '0')},{number},2019-01-01,2023-12-31,"
                   f"deprecated,ann,bob,old,KGM,raw_material,Material {number} old")
            yield (f"ERP,{number.rjust(18, '0')},{number}-B,2024-01-01,,approved,ann,bob,"
                   f",KGM,raw_material,Material {number}")
        else:
            yield (f"ERP,{number.rjust(18, '0')},{number},2019-01-01,,approved,ann,bob,,"
                   f"H87,finished_good,Material {number}")


def best(run: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_only(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.DictReader(stream))


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_plant(Path(tmp))
        rows = parse_only(folder / "materials.csv")
        report = check_plant(folder)
        if report.errors:
            print(f"unexpected errors: {report.errors[0].render()}")
            return 1
        check_s = best(lambda: check_plant(folder))
        parse_s = best(lambda: parse_only(folder / "materials.csv"))
        ratio = check_s / parse_s
        print(f"check rows={rows} seconds={check_s:.3f} rows_per_s={rows / check_s:,.0f} "
              f"target<={CHECK_SECONDS_TARGET} {verdict(check_s <= CHECK_SECONDS_TARGET)}")
        print(f"check vs csv.DictReader ratio={ratio:.1f} target<={CHECK_RATIO_TARGET} "
              f"{verdict(ratio <= CHECK_RATIO_TARGET)}")
        failed |= check_s > CHECK_SECONDS_TARGET or ratio > CHECK_RATIO_TARGET

        plant = load_plant(folder)
        codes = [str(100000 + i).rjust(18, "0") for i in range(0, ROWS, 7)]
        # the baseline holds every code of the table, read from the same file (its own string
        # objects, like the plant's), so both sides pay the same hashing and cache misses
        with (folder / "materials.csv").open(encoding="utf-8", newline="") as stream:
            table = {r["source_code"]: r["canonical_code"] for r in csv.DictReader(stream)}
        plain = {"materials": {"ERP": table}}
        day = date(2025, 6, 1)
        lookup = plant.lookup

        def plain_lookup(table: str, system: str, code: str, *, on: date) -> str:
            return plain[table][system][code]  # no dating, no normalisation

        def ours() -> None:
            for code in codes:
                lookup("materials", "ERP", code, on=day)

        def baseline() -> None:
            for code in codes:
                plain_lookup("materials", "ERP", code, on=day)

        inline = plain["materials"]["ERP"]

        def bare() -> None:
            for code in codes:
                inline[code]

        ours_s = base_s = bare_s = float("inf")
        for _ in range(15):  # interleaved, so both sides see the same machine load
            ours_s = min(ours_s, best(ours, 1))
            base_s = min(base_s, best(baseline, 1))
            bare_s = min(bare_s, best(bare, 1))
        ratio = ours_s / base_s
        n = len(codes)
        print(f"lookup with normalisation + effective dating: {ours_s / n * 1e9:.0f} ns/call; "
              f"plain dict lookup through the same call shape: {base_s / n * 1e9:.0f} ns/call; "
              f"bare inline dict[code]: {bare_s / n * 1e9:.0f} ns")
        print(f"lookup vs plain dict lookup ratio={ratio:.1f} target<={LOOKUP_RATIO_TARGET} "
              f"{verdict(ratio <= LOOKUP_RATIO_TARGET)}")
        print(f"lookup vs bare inline dict[code] ratio={ours_s / bare_s:.1f} (informational)")
        failed |= ratio > LOOKUP_RATIO_TARGET
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
