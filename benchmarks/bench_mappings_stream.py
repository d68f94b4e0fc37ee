"""``canon mappings check`` on 100,000- and 1,000,000-row materials tables: peak RSS and time.

Two plant folders, each checked by ``canon mappings check`` in a fresh interpreter:

- **no specs**: the materials table of :mod:`bench_mapping_tables` (every tenth material
  renumbered: two dated rows of one source code, so a tenth of the rows share a key) in a
  folder without spec files;
- **with specs**: a copy of the shipped plant DE01 (plant.yaml, its 18 spec files and every
  table) whose materials table grows to the size, in DE01's own spelling (SAP_ECC codes
  zero-padded to 18 digits, the same material again for MES_DE, every tenth renumbered).

The baseline, measured in the same run, is the one of :mod:`bench_mapping_tables`: parsing
the same table files with ``csv.DictReader`` in a fresh interpreter (CPU time, ``wait4``).
Targets, per folder:

- peak RSS at 1M rows / at 100k rows <= 1.5 (the check streams: 4 bytes per row and key,
  plus the rows of groups not yet complete; the specs are compiled without rows);
- CPU time of the check / CPU time of the baseline at 1M rows <= 20 (the target of the
  whole-table check in :mod:`bench_mapping_tables`; the streamed check reads each file twice).

On the DE01 copy, ``canon mappings coverage`` (same targets) and ``canon mappings diff`` of
the folder with itself (CPU against twice the baseline: two sides; its peak RSS is reported
without a target, a diff holds 16 bytes a row per side) are measured too.

``--quick`` runs 20,000 and 200,000 rows (while iterating); ``BENCH_MAPPINGS_ROWS=a,b``
picks other sizes. Run: ``.venv/bin/python benchmarks/bench_mappings_stream.py`` (about 10
minutes of CPU).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_mapping_tables as tables
from _harness import CANON, child, exit_code, report

ROOT = Path(__file__).resolve().parent.parent
RSS_TARGET = 1.5
TIME_TARGET = 20.0  # bench_mapping_tables.CHECK_RATIO_TARGET

BASELINE = """
import csv, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.csv")):
    with path.open(encoding="utf-8", newline="") as stream:
        for _ in csv.DictReader(stream):
            pass
"""

_KINDS = (("H87", "semi_finished", "Flansch"), ("H87", "finished_good", "Hydraulikzylinder"),
          ("KGM", "raw_material", "Rundstahl 42CrMo4 Ø"), ("LTR", "consumable", "Hydrauliköl HLP"),
          ("MTR", "raw_material", "Präzisionsrohr"), ("H87", "packaging", "Gitterbox"))


def _material_rows(rows: int) -> Iterator[str]:
    """``rows`` materials rows of DE01 (numbers from 5,000,000, clear of the shipped ones)."""
    written, n = 0, 5_000_000
    while written < rows:
        unit, kind, word = _KINDS[n % len(_KINDS)]
        name = f"{word} {n % 97 + 8}-{n % 13}"
        for system, code in (("SAP_ECC", str(n).rjust(18, "0")), ("MES_DE", str(n))):
            if n % 10 == 0:  # renumbered: a deprecated row and its successor, one source code
                lines = (f"{system},{code},{n},2019-01-01,2023-12-31,deprecated,t.becker,"
                         f"a.schmidt,ersetzt durch {n}-B,{unit},{kind},{name}",
                         f"{system},{code},{n}-B,2024-01-01,,approved,t.becker,a.schmidt,,"
                         f"{unit},{kind},{name} (neu)")
            else:
                lines = (f"{system},{code},{n},2023-01-01,,approved,t.becker,a.schmidt,,"
                         f"{unit},{kind},{name}",)
            yield from lines[:rows - written]
            written += len(lines)
        n += 1


def with_specs(root: Path, rows: int) -> Path:
    """A copy of DE01 whose materials table has ``rows`` more rows (written as generated:
    the peak RSS of this process is the floor of its children's, see :func:`_measure`)."""
    folder = root / "DE01"
    shutil.copytree(ROOT / "mappings" / "DE01", folder, ignore=shutil.ignore_patterns("releases"))
    with (folder / "materials.csv").open("a", encoding="utf-8", newline="") as out:
        out.writelines(line + "\n" for line in _material_rows(rows))
    return folder


def without_specs(root: Path, rows: int) -> Path:
    tables.ROWS = rows
    return tables.write_plant(root)


#: the commands measured on a plant folder: name -> (arguments, table reads the baseline is
#: counted for: a diff parses two sides)
Commands = Callable[[Path], dict[str, tuple[list[str], int]]]


def check_only(folder: Path) -> dict[str, tuple[list[str], int]]:
    return {"check": (["mappings", "check", str(folder)], 1)}


def every_command(folder: Path) -> dict[str, tuple[list[str], int]]:
    """The check, the coverage of a small extract of DE01 production orders (codes that
    map, that map only before 2024, and that do not map) and the diff of the folder with
    itself (both sides read in full; a diff holds 16 bytes a row a side, so its peak RSS
    grows a little with the table: reported, no target)."""
    extract = folder.parent / "orders.csv"
    extract.write_text("material,status,unit\n000000000005000001,REL,ST\n"
                       "000000000005000010,REL PCNF,KG\n000000000009999999,TECO,KAR\n"
                       "000000000000100100,REL,ST\n", encoding="utf-8")
    return {"check": (["mappings", "check", str(folder)], 1),
            "coverage": (["mappings", "coverage", str(folder), "--data", str(extract), "-e",
                          "ProductionOrder", "--source", "SAP_ECC", "--as-of", "2025-01-01"], 1),
            "diff": (["mappings", "diff", str(folder), str(folder)], 2)}


def _measure(name: str, build: Callable[[Path, int], Path], sizes: tuple[int, int],
             commands: Commands) -> None:
    """Peak RSS and CPU of each command at both sizes. Linux keeps a process's peak RSS across
    ``exec``, so a child's ``ru_maxrss`` is at least this process's peak: the tables are
    written as they are generated, never held (this process stays near 25 MiB)."""
    rss: dict[tuple[str, int], int] = {}
    ratio: dict[str, float] = {}
    for rows in sizes:
        with tempfile.TemporaryDirectory(prefix="canon-bench-mappings-") as tmp:
            folder = build(Path(tmp), rows)
            base, _ = child(BASELINE, str(folder))
            size = sum(p.stat().st_size for p in folder.glob("*.csv"))
            for command, (args, sides) in commands(folder).items():
                cpu, rss[command, rows] = child(CANON, *args, ok=(0, 1))
                ratio[command] = cpu / (base * sides)
                print(f"canon mappings {command} ({name}) {rows:>9,} materials "
                      f"({size / 2**20:.0f} MiB): {rows / cpu:>9,.0f} rows/s (CPU {cpu:.1f} s, "
                      f"csv.DictReader {base:.1f} s), peak RSS {rss[command, rows] / 1024:.0f} "
                      "MiB", flush=True)
    small, large = sizes
    for command in ratio:
        report(f"canon mappings {command} ({name}) peak RSS {large:,} / {small:,} rows",
               rss[command, large] / rss[command, small],
               at_most=None if command == "diff" else RSS_TARGET)
        report(f"canon mappings {command} ({name}) CPU / csv.DictReader at {large:,} rows",
               ratio[command], at_most=TIME_TARGET)


def main(argv: list[str]) -> int:
    default = "20000,200000" if "--quick" in argv else "100000,1000000"
    small, large = (int(n) for n in os.environ.get("BENCH_MAPPINGS_ROWS", default).split(","))
    _measure("no specs", without_specs, (small, large), check_only)
    _measure("DE01 with specs", with_specs, (small, large), every_command)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
