"""EQS-003 across records: the streaming interval store finds what sorting everything found.

The reference below judges each change against every earlier change of its resource, in
(start, record) order (what the former store did after keeping ~540 bytes a change): on
shuffled, overlapping extracts with mixed UTC offsets, open ends and equal starts, both give
the same findings, in the same order, with the same messages and locations.
"""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from canonical.models import EquipmentStateChange
from canonical.report import Finding
from canonical.validation import equipment_states
from canonical.validation import rules as r
from canonical.validation.equipment_states import Intervals, Where
from canonical.validation.record import check


def _reference(changes: list[tuple[EquipmentStateChange, Where]]) -> list[Finding]:
    """EQS-003 by brute force: each change against every change of its resource before it."""
    found: list[Finding] = []
    resources = list(dict.fromkeys(change.resource for change, _ in changes))
    for resource in resources:
        ordered = sorted((item for item in changes if item[0].resource == resource),
                         key=lambda item: (item[0].start, item[1][2]))
        for k, (change, where) in enumerate(ordered):
            earlier = [c for c, _ in ordered[:k]]
            closed = [c for c in earlier if c.end is not None]
            # the first of the furthest explicit ends before this change
            furthest = max(closed, key=lambda c: c.end, default=None)  # type: ignore[arg-type,return-value]
            text = None
            if earlier and earlier[-1].start == change.start:
                text = (f"{change.id!r} and {earlier[-1].id!r} both start at "
                        f"{change.start.isoformat()}")
            elif furthest is not None and furthest.end is not None and change.start < furthest.end:
                text = (f"{change.state.value} from {change.start.isoformat()} starts before "
                        f"{furthest.id!r} ({furthest.state.value}) ends at {furthest.end.isoformat()}")
            if text is not None:
                found.append(r.EQS_OVERLAP.finding(
                    f"resource {resource!r}: {text}", path="$.start", value=change.id,
                ).located(file=where[0], line=where[1], record=where[2]))
    return found


def _changes(rng: random.Random, count: int) -> list[tuple[EquipmentStateChange, Where]]:
    changes = []
    for index in range(count):
        day, hour, minute = rng.randint(1, 2), rng.randint(0, 9), rng.choice([0, 15, 30, 59])
        offset = rng.choice(["Z", "+01:00", "+02:00", "-05:30", "+00:00"])
        data = {"id": f"ÉQ-{rng.randint(0, 10**6)}-{index}", "plant": "DE01",
                "resource": rng.choice(["M1", "M2", "Presse 3"]),
                "state": rng.choice(["running", "available", "down"]), "reason_code": "R1",
                "start": f"2026-03-0{day}T0{hour}:{minute:02d}:{rng.choice(['00', '00.250'])}{offset}"}
        if rng.random() < 0.7:
            data["end"] = f"2026-03-0{day}T0{min(hour + rng.randint(0, 3), 9)}:45:00+01:00"
        where: Where = (rng.choice(["a.jsonl", "b.jsonl", None]), rng.choice([index + 1, None]), index)
        changes.append((EquipmentStateChange.model_validate(data), where))
    return changes


def _found(changes: list[tuple[EquipmentStateChange, Where]]) -> list[Finding]:
    intervals = Intervals()
    for change, where in changes:
        intervals.add(change, where)
    return list(intervals.findings())


def test_shuffled_overlapping_changes_give_the_reference_findings() -> None:
    rng = random.Random(20)
    total = 0
    for _ in range(150):
        changes = _changes(rng, rng.randint(0, 40))
        expected = _reference(changes)
        assert _found(changes) == expected
        total += len(expected)
    assert total > 500  # the extracts overlap a lot: both kinds of finding are compared


def _found_again(changes: list[tuple[EquipmentStateChange, Where]]) -> tuple[list[Finding], int]:
    """The findings when the changes can be read again, and how often they were."""
    reads = 0

    def again() -> list[tuple[EquipmentStateChange, Where]]:
        nonlocal reads
        reads += 1
        return changes

    intervals = Intervals(again)
    for change, where in changes:
        intervals.add(change, where)
    assert not intervals._kept  # nothing kept while reading
    return list(intervals.findings()), reads


def test_changes_read_again_give_the_reference_findings() -> None:
    """With a second read, nothing is kept while reading; a resource out of start order is
    read again at the end, and the findings are those of keeping every change."""
    rng = random.Random(21)
    total = again = 0
    for _ in range(150):
        changes = _changes(rng, rng.randint(0, 40))
        expected = _reference(changes)
        found, reads = _found_again(changes)
        assert found == expected == _found(changes)
        total, again = total + len(expected), again + reads
    assert total > 500 and again > 100


def _in_start_order(seed: int) -> list[tuple[EquipmentStateChange, Where]]:
    """200 random changes sorted by start, numbered again in that order (a sorted extract)."""
    changes = sorted(_changes(random.Random(seed), 200),
                     key=lambda item: (item[0].start, item[1][2]))
    return [(change, (None, n + 1, n)) for n, (change, _) in enumerate(changes)]


def test_changes_in_start_order_are_never_read_again() -> None:
    changes = _in_start_order(4)
    found, reads = _found_again(changes)
    assert found == _reference(changes) and found and reads == 0


def test_changes_in_start_order_give_the_reference_findings() -> None:
    changes = _in_start_order(3)
    expected = _reference(changes)
    assert expected and _found(changes) == expected


def test_messages_keep_the_written_offsets() -> None:
    first = EquipmentStateChange.model_validate(
        {"id": "S-1", "plant": "DE01", "resource": "M1", "state": "running",
         "start": "2026-03-02T01:00:00-05:30", "end": "2026-03-02T09:00:00.5+02:00"})
    second = first.model_copy(update={"id": "S-2", "start": datetime.fromisoformat(
        "2026-03-02T06:59:00+00:00"), "end": None})
    (finding,) = _found([(first, ("x.jsonl", 1, 0)), (second, ("x.jsonl", 2, 1))])
    assert finding.rule_id == "EQS-003" and finding.record == 1 and finding.line == 2
    assert "2026-03-02T06:59:00+00:00" in finding.message
    assert "2026-03-02T09:00:00.500000+02:00" in finding.message


def test_changes_kept_in_a_temporary_file_give_the_reference_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Beyond a few bytes in memory, kept changes go to a temporary file and come back."""
    monkeypatch.setattr(equipment_states, "_SPILL", 300)
    rng = random.Random(5)
    for _ in range(30):
        changes = _changes(rng, rng.randint(20, 60))
        intervals = Intervals()
        for change, where in changes:
            intervals.add(change, where)
        assert intervals._blocks  # spilled
        assert list(intervals.findings()) == _reference(changes)



@pytest.mark.parametrize("year", [1903, 1969, 9998])
def test_changes_out_of_order_far_from_1970_come_back_exactly(year: int) -> None:
    """Kept changes store their distance from 1970 (negative before it) to the microsecond."""
    rng = random.Random(year)
    changes = [(change.model_copy(update={
        "start": change.start.replace(year=year),
        "end": None if change.end is None else change.end.replace(year=year)}), where)
        for change, where in _changes(rng, 40)]
    expected = _reference(changes)
    assert expected and _found(changes) == expected


def test_a_change_edited_between_checks_is_judged_on_its_new_times() -> None:
    """EQS-001 and EQS-003 share a change's instants; an edited end is worked out again."""
    change = EquipmentStateChange.model_validate(
        {"id": "S-9", "plant": "PL03", "resource": "Linia 2", "state": "running",
         "start": "2026-10-25T02:30:00+02:00", "end": "2026-10-25T02:10:00+01:00"})
    assert [f.rule_id for f in check(change)] == []  # 01:10Z is after 00:30Z
    change.end = datetime.fromisoformat("2026-10-25T02:10:00+02:00")  # 00:10Z: before start
    assert [f.rule_id for f in check(change)] == ["EQS-001"]
    change.end = None
    assert [f.rule_id for f in check(change)] == []
