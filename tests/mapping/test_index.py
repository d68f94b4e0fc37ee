"""The inbound index: raw spellings, other spellings (remembered, bounded), effective dating."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from canonical.errors import UnmappedCodeError
from canonical.mapping import load_plant
from canonical.mapping.index import RESPELLED_LIMIT, InboundLookup
from canonical.mapping.plant import Plant

from .builders import make_plant, table


@pytest.fixture
def plant(tmp_path: Path) -> Plant:
    rows = [f"ERP,{n:06d},{n},2020-01-01,,approved,ann,bob," for n in range(1, 41)]
    return load_plant(make_plant(tmp_path, {"materials": table(
        "",
        "ERP,000042,42,2020-01-01,2023-12-31,deprecated,ann,bob,phased out",
        "ERP,000042,42-B,2024-01-01,,approved,ann,bob,successor",
        *rows,
    )}))


def _index(plant: Plant) -> InboundLookup:
    return plant.tables["materials"].lookups["ERP"]


@pytest.mark.parametrize(("on", "expected"), [(date(2023, 12, 31), "42"),
                                              (date(2024, 1, 1), "42-B")])
def test_raw_spelling_of_a_code_with_several_rows(plant: Plant, on: date, expected: str) -> None:
    assert plant.lookup("materials", "ERP", "000042", on=on) == expected
    assert plant.lookup("materials", "ERP", " 42", on=on) == expected


def test_raw_spelling_before_the_first_row_is_unmapped(plant: Plant) -> None:
    with pytest.raises(UnmappedCodeError):
        plant.lookup("materials", "ERP", "000042", on=date(2019, 12, 31))


def test_other_spellings_are_remembered_only_when_they_map(plant: Plant) -> None:
    index = _index(plant)
    assert plant.lookup("materials", "ERP", " 7 ", on=date(2025, 1, 1)) == "7"
    assert plant.lookup("materials", "ERP", " 7 ", on=date(2025, 1, 1)) == "7"
    with pytest.raises(UnmappedCodeError):
        plant.lookup("materials", "ERP", " 999 ", on=date(2025, 1, 1))
    assert set(index.respelled) == {" 7 "}
    assert index.entry(" 7 ") is index.entry("000007") is index.keys["7"]


def test_remembered_spellings_are_bounded(plant: Plant) -> None:
    index = _index(plant)
    for round_ in range(RESPELLED_LIMIT // 40 + 2):
        for n in range(1, 41):
            spelling = " " * (round_ + 1) + str(n)
            assert index.entry(spelling) is index.keys[str(n)]
            assert len(index.respelled) <= RESPELLED_LIMIT
    assert index.entry("  3") is index.keys["3"]  # still right after starting afresh
