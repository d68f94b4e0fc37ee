"""The row-by-row check of a plant folder finds what the whole-table check finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from canonical.mapping.checks import read_and_check
from canonical.mapping.source import resolve_plant, shipped_plants
from canonical.mapping.streamcheck import Repeats, check_folder

from .builders import make_plant, table
from .test_checks import CASES, RES_HEADER, STATUS_HEADER, Case


def _same(folder: Path, **options: int) -> None:
    whole = read_and_check(folder, **options)[1]
    streamed = check_folder(folder, **options)[1]
    assert streamed == whole
    assert [f.to_dict() for f in streamed] == [f.to_dict() for f in whole]


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_every_governance_case(tmp_path: Path, case: Case) -> None:
    folder = make_plant(tmp_path, case.tables, plant_yaml=case.plant_yaml)
    if "mkdir" in case.extra:
        (folder / str(case.extra["mkdir"])).mkdir()
    max_bytes = case.extra.get("max_bytes")
    _same(folder, **({"max_bytes": int(str(max_bytes))} if max_bytes else {}))


@pytest.mark.parametrize("plant", shipped_plants())
def test_shipped_plants(plant: str) -> None:
    _same(resolve_plant(plant))


def test_rules_across_rows_far_apart_in_a_long_table(tmp_path: Path) -> None:
    materials = [f"ERP,{n:06d},{n},2024-01-01,,approved,ann,bob," for n in range(3000)]
    materials[2500] = "ERP,000017,17,2024-01-01,,approved,cy,bob,"  # duplicate of line 19
    materials[2700] = "ERP,18,18-B,2024-06-01,,approved,ann,bob,"  # overlaps line 20
    materials[2800] = "ERP,000019,19,2024-01-01,,draft,ann,,neu"  # a draft beside a live row
    statuses = [f"ERP,S{n},released,2024-01-01,,approved,ann,bob,,,{10 + n}" for n in range(40)]
    statuses += ["ERP,CNF,completed,2024-01-01,,approved,ann,bob,,,13",  # precedence tie
                 "MES,TECO,closed,2024-01-01,,approved,ann,bob,,inbound,90"]
    resources = ["ERP,P1,P1,2024-01-01,,approved,ann,bob,,,site,",
                 *(f"MES,WC{n},P1-WC{n},2024-01-01,,approved,ann,bob,,,work_center,P1"
                   for n in range(200)),
                 "MES,WC-7,P1-WC7,2024-01-01,,approved,ann,bob,,,machine,P1",  # inconsistent
                 "MES,WC900,P1-WC900,2024-01-01,,approved,ann,bob,,,work_center,P1-WC950",
                 "MES,A1,P1-A1,2024-01-01,,draft,ann,,,,area,P1",
                 "MES,WC901,P1-WC901,2024-01-01,,approved,ann,bob,,,work_center,P1-A1"]
    folder = make_plant(tmp_path, {
        "materials": table("", *materials),
        "order_statuses": table(STATUS_HEADER, *statuses),
        "resources": table(RES_HEADER, *resources),
    })
    whole = read_and_check(folder)[1]
    assert {"MAP-050", "MAP-051", "MAP-053", "MAP-054", "MAP-055", "MAP-056",
            "MAP-058"} <= set(whole.rule_ids())
    _same(folder)
    kept = check_folder(folder)[0]
    assert set(kept.tables) == {"materials", "order_statuses", "resources"}
    assert not any(t.rows for t in kept.tables.values())  # rows were let go group by group


def test_repeats_finds_the_keys_added_twice() -> None:
    seen = Repeats()
    for key in [("ERP", "42"), ("ERP", "43"), ("MES", "42"), ("ERP", "42"), ("ERP", "42"),
                ("MES", "43"), ("MES", "43")]:
        seen.add(key)
    seen.count()
    assert seen.get(Repeats.fingerprint(("ERP", "42"))) == 3
    assert seen.get(Repeats.fingerprint(("MES", "43"))) == 2
    assert seen.get(Repeats.fingerprint(("ERP", "43"))) is None
