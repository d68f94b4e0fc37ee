"""Benchmark: the mapping engine on every shipped workflow step of every example plant.

For each step of ``examples/flows/<plant>/flows.yaml``: inbound (the native payload to the
validated canonical object: lookups, units, times, validation of the result) and outbound
(the canonical object to the target system's payload, business-rule check of the input),
each against a bare ``model_validate`` of the step's canonical result, measured in the same
run. Specs are compiled once per plant, before timing (each object of a spec runs as its
generated function: canonical.engine.codegen). Times are this process's CPU time, the three
calls of a step measured in turn within each round, best round kept, so load from other
processes on a shared machine weighs on the baseline as much as on the engine. Target: at
most 2.5x, every step and direction.

Run: .venv/bin/python benchmarks/bench_engine.py   (exit 1 when a ratio misses its target)
     .venv/bin/python benchmarks/bench_engine.py --quick [PLANT...]   (fewer rounds, while iterating)
     .venv/bin/python benchmarks/bench_engine.py --quick --step order-status [PLANT...]
         (only the named steps; --step may be repeated)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from _harness import exit_code, report

from canonical.engine import from_canonical, plans_for, to_canonical
from canonical.mapping import Plant, load_plant
from canonical.reading import parse_records, read_text

TARGET = 2.5
FLOWS = Path(__file__).resolve().parent.parent / "examples" / "flows"


def _native(path: Path) -> object:
    return parse_records(read_text(path), decimals=True)[0].data


def interleaved(groups: list[tuple[Callable[[], object], ...]], number: int = 100,
                repeat: int = 70) -> list[list[float]]:
    """The best time of each call of each group. Within a round the calls of a group are
    measured in turn (a burst of load on the shared machine slows the baseline as much as
    what it is compared with), and every round goes through all the groups, so the rounds of
    one step are spread over the whole run: a disturbance of a second or two cannot spoil
    all of a step's rounds. Many short rounds rather than a few long ones (the same 7,000
    calls): a short round more often runs undisturbed, so the best round of each call is
    nearer its own time and the ratio moves less between runs."""
    best = [[float("inf")] * len(calls) for calls in groups]
    for _ in range(repeat):
        for calls, times in zip(groups, best, strict=True):
            for i, call in enumerate(calls):
                times[i] = min(times[i], _cpu(call, number))
    return best


def _cpu(call: Callable[[], object], number: int) -> float:
    """Per-call CPU time of this process (the machine is shared: wall time counts the others)."""
    call()
    start = time.process_time()
    for _ in range(number):
        call()
    return (time.process_time() - start) / number


def _calls(plant: Plant, folder: Path, step: dict[str, str]) -> tuple[Callable[[], object], ...]:
    """A step's bare ``model_validate`` of its canonical result, its inbound and outbound."""
    payload = _native(folder / step["native"])
    entity, source, target = step["entity"], step["source"], step["target"]
    obj = to_canonical(plant, entity, payload, source=source)
    wire = obj.to_json_dict()
    model = type(obj)
    return (lambda: model.model_validate(wire),
            lambda: to_canonical(plant, entity, payload, source=source),
            lambda: from_canonical(plant, obj, target=target))


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    steps = {argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--step"}
    only = {a for i, a in enumerate(argv)
            if not a.startswith("-") and (i == 0 or argv[i - 1] != "--step")}
    rounds = {"number": 50, "repeat": 12} if quick else {}
    names: list[str] = []
    groups: list[tuple[Callable[[], object], ...]] = []
    for folder in sorted(p for p in FLOWS.iterdir() if (p / "flows.yaml").is_file()):
        if only and folder.name not in only:
            continue
        manifest = yaml.safe_load((folder / "flows.yaml").read_text(encoding="utf-8"))
        plant = load_plant(manifest["plant"])
        plans_for(plant)  # compile once
        for step in manifest["steps"]:
            if steps and step["name"] not in steps:
                continue
            names.append(f"{plant.id} {step['name']}")
            groups.append(_calls(plant, folder, step))
    for name, (baseline, inbound, outbound) in zip(names, interleaved(groups, **rounds),
                                                   strict=True):
        for direction, seconds in (("inbound", inbound), ("outbound", outbound)):
            report(f"{name} {direction}", seconds / baseline, at_most=TARGET,
                   detail=f"{seconds * 1e6:.1f} us/message; model_validate "
                          f"{baseline * 1e6:.1f} us")
    return exit_code()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
