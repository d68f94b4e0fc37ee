"""Tiny benchmark harness: best-of-N timings and ratio lines with a verdict.

Benchmarks compare our code with a baseline measured in the same run, so the ratio is
meaningful on a shared, noisy machine where absolute times are not.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

RESULTS: list[bool] = []


def best(fn: Callable[[], object], *, number: int = 1000, repeat: int = 7) -> float:
    """Best per-call time in seconds over ``repeat`` rounds of ``number`` calls."""
    fn()  # warm-up
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return min(rounds)


def median(fn: Callable[[], object], *, repeat: int = 7,
           clock: Callable[[], float] = time.perf_counter) -> float:
    """Median time in seconds of ``repeat`` single calls (for calls too slow for :func:`best`);
    ``clock=time.process_time`` measures this process's CPU time instead of wall time."""
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def report(name: str, ratio: float, *, at_most: float | None = None, at_least: float | None = None,
           detail: str = "") -> bool:
    """Print one ``name: ratio=.. target.. PASS|FAIL`` line and remember the verdict."""
    if at_most is not None:
        ok, target = ratio <= at_most, f"target<={at_most}"
    elif at_least is not None:
        ok, target = ratio >= at_least, f"target>={at_least}"
    else:
        ok, target = True, "reference"
    verdict = "PASS" if ok else "FAIL"
    print(f"{name}: ratio={ratio:.2f} {target} {verdict}" + (f"  ({detail})" if detail else ""))
    RESULTS.append(ok)
    return ok


def exit_code() -> int:
    return 0 if all(RESULTS) else 1


def child(code: str, *args: str, ok: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """CPU time (s) and peak RSS (KiB) of a fresh interpreter running ``code`` with ``args``.

    CPU time (user + system, from ``wait4``), not wall time: on a shared machine wall time
    mostly measures the neighbours. Peak RSS is the child's ``ru_maxrss``. An exit status
    outside ``ok`` stops the benchmark with the child's error.
    """
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read().decode("utf-8", "replace")  # before wait4: never blocks
    process.stderr.close()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"benchmark child failed: {error.strip()[-400:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


#: a fresh interpreter running the ``canon`` command line with its arguments
CANON = "import sys\nfrom canonical.cli import main\nmain(sys.argv[1:])\n"
