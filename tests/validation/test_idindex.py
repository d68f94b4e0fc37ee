"""IdIndex: the first number of each id, exact over growth, in flat arrays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from canonical.validation.idindex import MAX_EXPECTED, IdIndex


def test_first_occurrence_survives_growth() -> None:
    index = IdIndex()
    ids = [f"DE01-GI-{n:07d}" for n in range(50_000)] + ["Łódź-1", "", "0"]
    assert [index.first(i, n) for n, i in enumerate(ids)] == [None] * len(ids)
    assert len(index) == len(ids)
    assert [index.first(i, 99) for i in ids[::9973]] == list(range(0, 50_000, 9973))
    assert index.get("DE01-GI-0000042") == 42 and "Łódź-1" in index and "missing" not in index
    assert index.first("big", 2**32 - 1) is None and index.get("big") == 2**32 - 1


def test_memory_is_a_few_bytes_per_id() -> None:
    index = IdIndex()
    for n in range(200_000):
        index.first(f"MES-{n}", n)
    assert index.nbytes() / len(index) <= 32  # a dict of str would be well over 100


def test_numbers_are_stored_once_ids_differ_in_them() -> None:
    index = IdIndex()
    for n in range(5_000):
        index.first(f"LOT-{n}", 1)  # every id of a lot extract gets the same number
    alike = index.nbytes()
    assert index.get("LOT-4711") == 1 and index.first("LOT-42", 7) == 1
    assert index.first("TX-1", 3) is None  # a number of its own: numbers are stored now
    assert index.nbytes() == alike * 12 // 8
    assert index.get("LOT-4711") == 1 and index.get("TX-1") == 3
    for n in range(5_000, 40_000):  # and survive growth
        index.first(f"LOT-{n}", n)
    assert index.get("LOT-17") == 1 and index.get("LOT-39999") == 39_999 and index.get("TX-1") == 3


def test_an_index_sized_up_front_answers_the_same_and_never_grows() -> None:
    ids = [f"CZ03-VYD-{n % 61_000:06d}" for n in range(70_000)]  # 9,000 ids come twice
    grown, sized = IdIndex(), IdIndex(expected=61_000)
    before = sized.nbytes()
    answers = [sized.first(i, n % 7) for n, i in enumerate(ids)]
    assert answers == [grown.first(i, n % 7) for n, i in enumerate(ids)]
    assert sum(a is not None for a in answers) == 9_000
    assert grown.nbytes() <= sized.nbytes() < grown.nbytes() * 2  # no more than growing takes
    alike = IdIndex(expected=61_000)  # one number for every id: tables of ids alone
    before = alike.nbytes()
    for i in ids:
        alike.first(i, 3)
    assert alike.nbytes() == before  # room for all of them from the start: never grew


def test_a_wild_estimate_is_capped() -> None:
    assert IdIndex(expected=10**12).nbytes() == IdIndex(expected=MAX_EXPECTED).nbytes() <= 2**26


def _lots(ids: list[str]) -> list[dict[str, object]]:
    return [{"id": rid, "material": "7300-118", "plant": "PL07", "status": "released",
             "quantity": {"value": "120", "unit": "KGM"}} for rid in ids]


def test_two_ids_sharing_a_fingerprint_are_no_duplicate(monkeypatch: pytest.MonkeyPatch) -> None:
    """A forced collision: the index answers as for a repeat; the ids read again tell the
    two apart, while a real repeat (of either) is still reported, at the repeating record."""
    from canonical.validation import idindex, validate_many

    same = {"PL07-L-0042", "PL07-L-0043"}
    monkeypatch.setattr(idindex, "_fingerprint", lambda key: 7 if key in same else hash(key))
    index = IdIndex()
    assert index.first("PL07-L-0042", 0) is None and index.first("PL07-L-0043", 0) == 0

    report = validate_many(_lots(["PL07-L-0042", "PL07-L-0043", "Łódź-7"]), "Lot")
    assert report.rule_ids() == []
    report = validate_many(_lots(["PL07-L-0042", "PL07-L-0043", "PL07-L-0043", "PL07-L-0042"]),
                           "Lot")
    assert [(f.rule_id, f.record, f.value) for f in report] == [
        ("ID-001", 2, "PL07-L-0043"), ("ID-001", 3, "PL07-L-0042")]


def test_a_collision_in_a_file_is_no_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``canon validate`` reads its files again to check ids that seem repeated."""
    from click.testing import CliRunner

    from canonical.cli import cli
    from canonical.validation import idindex

    monkeypatch.setattr(idindex, "_fingerprint",
                        lambda key: 7 if key.startswith("PL07-L-004") else hash(key))
    path = tmp_path / "partie.jsonl"
    path.write_text("".join(json.dumps(lot) + "\n" for lot in _lots(
        ["PL07-L-0041", "PL07-L-0042", "PL07-L-0043"])), encoding="utf-8")
    assert CliRunner().invoke(cli, ["validate", str(path), "-e", "Lot"]).exit_code == 0
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(_lots(["PL07-L-0042"])[0]) + "\n")
    result = CliRunner().invoke(cli, ["validate", str(path), "-e", "Lot"])
    assert result.exit_code == 1 and result.output.count("[ID-001]") == 1
    assert f"{path}:4 record 3 $.id [ID-001]" in result.output
