"""Start-up time of the ``canon`` command line against bare Python, measured in the same run.

1. ``canon --help`` vs ``python -c pass`` (target <= 10x): the command list comes from
   ``canonical.cli.SUMMARIES``, subcommand modules are imported only when run, and
   ``import canonical`` loads pydantic and the models only on first use;
2. ``canon rule MAP-045`` vs ``python -c pass`` (reference: the rule catalogue is imported).

Each is a fresh interpreter (``subprocess``), best of N, so the ratio includes interpreter
start-up exactly as a user's shell sees it.

Run: .venv/bin/python benchmarks/bench_cli.py   (exit 1 when a target is missed)
"""

from __future__ import annotations

import subprocess
import sys
import time

from _harness import exit_code, report

CANON = [sys.executable, "-c", "from canonical.cli import main; main()"]


def best_run(argv: list[str], repeat: int = 15) -> float:
    """Best wall time of ``repeat`` fresh processes running ``argv``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    baseline = best_run([sys.executable, "-c", "pass"])
    help_time = best_run([*CANON[:2], CANON[2].replace("main()", "main(['--help'])")])
    report("canon --help vs python -c pass", help_time / baseline, at_most=10.0,
           detail=f"{help_time * 1000:.0f} ms vs {baseline * 1000:.0f} ms")
    rule_time = best_run([*CANON[:2], CANON[2].replace("main()", "main(['rule', 'MAP-045'])")],
                         repeat=5)
    report("canon rule MAP-045 vs python -c pass", rule_time / baseline,
           detail=f"{rule_time * 1000:.0f} ms")
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
