"""EQS-003 in batch: overlapping state intervals of one resource, on pandas and on Spark,
with the same counts as the record rule over the same records."""

from __future__ import annotations

from typing import Any

import canonical
from canonical.validation.batch import check_extract
from canonical.validation.batch.crossrow import no_overlap
from canonical.validation.batch.suite import Check

from .conftest import as_text, examples
from .test_spark import _findings, _spark_frame

CHECK = Check("no_overlap", "EQS-003", ("resource", "start", "end"))


def _rows() -> list[dict[str, Any]]:
    running, down, running_open, maintenance = examples("EquipmentStateChange")
    return [
        running, down, running_open, maintenance,
        # starts one second before the down interval ends (other offset)
        {**down, "id": "X-1", "state": "running", "reason_code": None,
         "start": "2026-03-02T09:46:59+01:00", "end": "2026-03-02T09:47:00+01:00"},
        # same instant as the open running interval
        {**running_open, "id": "X-2", "state": "down", "reason_code": "DOWN-TOOL-BREAK"},
        # another resource, same times: no overlap
        {**down, "id": "X-3", "resource": "DE01-M-DMG-0418"},
        # no start: SCH-001, not an overlap
        {**down, "id": "X-4", "start": None},
    ]


def _overlaps(result: Any) -> int:
    return sum(o.failing for o in result.failures if o.rule_id == "EQS-003")


def test_shipped_intervals_do_not_overlap() -> None:
    result = check_extract(as_text(examples("EquipmentStateChange")), "EquipmentStateChange")
    assert _overlaps(result) == 0 and result.to_report().ok


def test_overlapping_intervals_are_counted_like_the_record_rule() -> None:
    rows = _rows()
    result = check_extract(as_text(rows), "EquipmentStateChange")
    assert _overlaps(result) == 2
    records = [{k: v for k, v in r.items() if v is not None} for r in rows[:-1]]
    report = canonical.validate_many(records, entity="EquipmentStateChange")
    assert sorted(f.record for f in report if f.rule_id == "EQS-003") == [4, 5]


def test_spark_counts_overlaps_like_pandas(spark: Any) -> None:
    frame = as_text(_rows())
    on_pandas = check_extract(frame, "EquipmentStateChange")
    on_spark = check_extract(_spark_frame(spark, frame), "EquipmentStateChange")
    assert _overlaps(on_spark) == 2
    assert _findings(on_spark) == _findings(on_pandas)


def test_batch_overlaps_equal_the_record_rule_on_random_extracts() -> None:
    """One meaning of EQS-003: the vectorised batch check flags exactly the rows the record
    rule flags, on random intervals (open ends, equal starts, mixed offsets)."""
    import random

    rng = random.Random(17)
    for _ in range(200):
        rows = []
        for i in range(rng.randint(0, 25)):
            hour, minute = rng.randint(0, 5), rng.choice([0, 15, 30])
            row = {"id": f"S-{i}", "plant": "DE01", "resource": rng.choice(["M1", "M2", "M3"]),
                   "state": "running",
                   "start": f"2026-03-02T0{hour}:{minute:02d}:00+0{rng.randint(0, 2)}:00"}
            if rng.random() < 0.7:
                row["end"] = (f"2026-03-02T0{hour + rng.randint(0, 3)}:"
                              f"{rng.choice([0, 10, 45]):02d}:00+01:00")
            rows.append(row)
        report = canonical.validate_many(rows, entity="EquipmentStateChange")
        expected = sorted(f.record for f in report if f.rule_id == "EQS-003")
        frame = as_text(rows).reindex(columns=["resource", "start", "end"])
        assert no_overlap(CHECK, frame, None).failing == len(expected), rows
