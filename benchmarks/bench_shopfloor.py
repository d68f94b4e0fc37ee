"""Schema 1.1.0 benchmarks (issue 17): every new record kind and patch, and EQS-003, as ratios.

- ``canonical.validate`` (types + business rules) vs a bare ``model_validate`` of the same
  record, for every example of LaborReport, EquipmentStateChange and Nonconformance
  (target <= 5.0). These records are small: the fixed cost of ``validate`` (parse wrapper,
  report, ~10 us) dominates, as it does for a 1.0.0 ``Resource`` without rules (about 6 on
  the same machine, printed as a reference line); orders (bench_model.py) keep their 1.5;
- ``canonical.validate`` of every example patch vs validating a whole record of the entity it
  patches (target <= 5.0: cheaper than the record for every entity with rules; a patch of a
  rule-less five-field resource pays the same fixed cost as the record);
- ``validate_many`` of 5,000 state changes (EQS-003 across records included) vs validating
  them one by one (target <= 2.0);
- the batch ``no_overlap`` check on 200,000 state-change rows vs parsing their two timestamp
  columns with pandas, the work it cannot avoid (target <= 3.0).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import best, exit_code, report

ROOT = Path(__file__).resolve().parent.parent
NEW = ("LaborReport", "EquipmentStateChange", "Nonconformance")


def _records(stem: str) -> list[dict[str, object]]:
    data = json.loads((ROOT / "examples" / "records" / f"{stem}.json").read_text())
    return data if isinstance(data, list) else [data]


def records_and_patches() -> None:
    from canonical import validate
    from canonical.models import ENTITIES
    from canonical.resources import EXAMPLE_RECORDS

    resource = _records(EXAMPLE_RECORDS["Resource"])[0]
    bare = best(lambda: ENTITIES["Resource"].model_validate(resource), number=2000)
    full = best(lambda: validate(resource, entity="Resource"), number=2000)
    report("reference: validate(Resource[0]) / model_validate (1.0.0, no rules)", full / bare,
           detail=f"{full * 1e6:.1f} us vs {bare * 1e6:.1f} us")
    for entity in NEW:
        model = ENTITIES[entity]
        for index, record in enumerate(_records(EXAMPLE_RECORDS[entity])):
            assert validate(record, entity=entity).ok, (entity, index)
            bare = best(lambda m=model, r=record: m.model_validate(r), number=2000)
            full = best(lambda e=entity, r=record: validate(r, entity=e), number=2000)
            report(f"validate({entity}[{index}]) / model_validate", full / bare, at_most=5.0,
                   detail=f"{full * 1e6:.1f} us vs {bare * 1e6:.1f} us")
    for entity, stem in EXAMPLE_RECORDS.items():
        if not entity.endswith("Patch"):
            continue
        target = entity.removesuffix("Patch")
        whole = _records(EXAMPLE_RECORDS[target])[0]
        record_time = best(lambda t=target, w=whole: validate(w, entity=t), number=1000)
        for index, patch in enumerate(_records(stem)):
            assert validate(patch, entity=entity).ok, (entity, index)
            ours = best(lambda e=entity, p=patch: validate(p, entity=e), number=1000)
            report(f"validate({entity}[{index}]) / validate({target} record)",
                   ours / record_time, at_most=5.0,
                   detail=f"{ours * 1e6:.1f} us vs {record_time * 1e6:.1f} us")


def state_changes(count: int) -> list[dict[str, object]]:
    rows = []
    for i in range(count):
        machine, slot = divmod(i, 50)
        rows.append({"id": f"EQS-{i}", "plant": "DE01", "resource": f"DE01-M-{machine:04d}",
                     "state": "down" if slot % 2 else "running", "reason_code": "DOWN-BREAKDOWN",
                     "start": f"2026-03-02T{slot // 4:02d}:{(slot % 4) * 15:02d}:00+01:00",
                     "end": f"2026-03-02T{slot // 4:02d}:{(slot % 4) * 15 + 14:02d}:59+01:00"})
    return rows


def extract_overlaps() -> None:
    from canonical import validate, validate_many

    rows = state_changes(5_000)
    assert validate_many(rows, entity="EquipmentStateChange").ok
    many = best(lambda: validate_many(rows, entity="EquipmentStateChange"), number=1, repeat=3)
    single = best(lambda: [validate(r, entity="EquipmentStateChange") for r in rows],
                  number=1, repeat=3)
    report("validate_many(5,000 state changes) / validate each", many / single, at_most=2.0,
           detail=f"{many * 1000:.0f} ms vs {single * 1000:.0f} ms")


def batch_overlaps() -> None:
    import pandas as pd

    from canonical.validation.batch.crossrow import no_overlap
    from canonical.validation.batch.suite import Check

    frame = pd.DataFrame(state_changes(200_000), dtype="str")
    check = Check("no_overlap", "EQS-003", ("resource", "start", "end"))
    assert no_overlap(check, frame, None).failing == 0

    def parse_only() -> object:
        return (pd.to_datetime(frame["start"], utc=True, format="ISO8601"),
                pd.to_datetime(frame["end"], utc=True, format="ISO8601"))

    ours = best(lambda: no_overlap(check, frame, None), number=1, repeat=3)
    base = best(parse_only, number=1, repeat=3)
    report("no_overlap(200,000 rows) / parse the two timestamp columns", ours / base,
           at_most=3.0, detail=f"{ours * 1000:.0f} ms vs {base * 1000:.0f} ms")


def main() -> int:
    records_and_patches()
    extract_overlaps()
    batch_overlaps()
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
