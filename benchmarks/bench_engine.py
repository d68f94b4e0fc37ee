"""Benchmark: the mapping engine against a bare pydantic model_validate of its result.

Inbound: an SAP production order with 6 operations and 8 components (code lookups, unit
translation and conversion to base units, id normalisation, timestamps in the plant zone,
validation of the result) vs ``ProductionOrder.model_validate`` of the canonical JSON dict.
Outbound: the canonical order to the MES payload (reverse lookups, formatting, business-rule
check of the input) vs the same baseline. Specs are compiled once per plant, before timing.

Run: .venv/bin/python benchmarks/bench_engine.py   (exit 1 when a ratio misses its target)
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

from canonical.engine import from_canonical, plans_for, to_canonical
from canonical.mapping import load_plant
from canonical.models import ProductionOrder
from canonical.reading import parse_records, read_text

TARGET = 2.5
ROOT = Path(__file__).resolve().parent.parent


def best(func: object, number: int = 2000, repeat: int = 7) -> float:
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number  # type: ignore[arg-type]


def main() -> int:
    plant = load_plant("DE01")
    plans_for(plant)  # compile once
    payload = parse_records(read_text(ROOT / "examples/flows/DE01/order-release.sap.json"),
                            decimals=True)[0].data
    order = to_canonical(plant, "ProductionOrder", payload, source="SAP_ECC")
    wire = order.to_json_dict()
    print(f"order: {len(order.operations)} operations, {len(order.components)} components")
    baseline = best(lambda: ProductionOrder.model_validate(wire))
    inbound = best(lambda: to_canonical(plant, "ProductionOrder", payload, source="SAP_ECC"))
    outbound = best(lambda: from_canonical(plant, order, target="MES_DE"))
    ok = True
    for name, seconds in (("inbound", inbound), ("outbound", outbound)):
        ratio = seconds / baseline
        passed = ratio <= TARGET
        ok = ok and passed
        print(f"{name}: {seconds * 1e6:.1f} us/message ({1 / seconds:,.0f} messages/s); "
              f"model_validate {baseline * 1e6:.1f} us")
        print(f"ratio={ratio:.2f} target<={TARGET} {'PASS' if passed else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
