"""``diff_plants`` reads each side twice, row by row (:mod:`canonical.mapping.rowpairs`): its
changes are those of pairing the rows read whole by their identity text (the reference
below, the way the diff paired rows before it streamed)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from canonical.mapping import diff
from canonical.mapping.diff import diff_plants, diff_sources
from canonical.mapping.rowpairs import RowHashes, pair
from canonical.mapping.rows import MappingRow
from canonical.mapping.source import TableData, read_plant_folder

from .builders import make_plant, table

Seen = tuple[str, str, str | None, int | None, str | None, str | None]


def _indexed(data: TableData | None) -> dict[str, MappingRow]:
    rows: dict[str, MappingRow] = {}
    for row in data.rows if data is not None else ():
        ident, n = diff._identity(row), 1
        while ident in rows:
            n += 1
            ident = f"{diff._identity(row)}#{n}"
        rows[ident] = row
    return rows


def _reference(old_folder: Path, new_folder: Path) -> list[Seen]:
    old, new = read_plant_folder(old_folder), read_plant_folder(new_folder)
    seen: list[Seen] = []
    for name in sorted(set(old.tables) | set(new.tables)):
        before, after = _indexed(old.tables.get(name)), _indexed(new.tables.get(name))
        file = new.tables[name].file if name in new.tables else None
        seen += [("row_added", i, file, r.line, None, diff._summary(r))
                 for i, r in after.items() if i not in before]
        seen += [("row_removed", i, file, None, diff._summary(r), None)
                 for i, r in before.items() if i not in after]
        for ident, row in after.items():
            was = before.get(ident)
            if was is not None and diff._content(was) != diff._content(row):
                change = diff._row_change(new.tables[name].spec, ident, was, row, file)
                if change is not None:
                    seen.append(("row_changed", ident, file, row.line, change.before,
                                 change.after))
    return seen


def _rows(log: diff.Changelog) -> list[Seen]:
    return [(c.kind, c.path, c.file, c.line, c.before, c.after) for c in log.changes
            if c.kind.startswith("row_")]


def _same(old: Path, new: Path) -> diff.Changelog:
    log = diff_plants(old, new)
    assert _rows(log) == _reference(old, new)
    assert log == diff_sources(read_plant_folder(old), read_plant_folder(new))
    return log


STATUS = ",direction,precedence"


def test_duplicates_tables_on_one_side_and_extra_columns(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {
        "materials": table("", "ERP,000042,42,2024-01-01,,approved,ann,bob,",
                           "ERP,42,42,2024-01-01,,draft,ann,,twice",  # the same identity
                           "ERP,000042,42,2024-01-01,,draft,ann,,three times",
                           "MES,m-1,1,2024-01-01,,approved,ann,bob,"),
        "order_statuses": table(STATUS, "ERP,REL,released,2024-01-01,,approved,ann,bob,,,20"),
        "units": table("", "ERP,KG,KGM,2024-01-01,,approved,ann,bob,")})
    new = make_plant(tmp_path / "new", {
        "materials": table("", "ERP,42,42,2024-01-01,,approved,ann,bob,",  # respelled
                           "ERP,000042,42,2024-01-01,,draft,ann,,\"twice, reworded\"",
                           "MES,M-1,1,2024-01-01,,approved,ann,bob,",
                           "MES,m-2,2,2024-01-01,,approved,ann,bob,"),
        "order_statuses": table(STATUS, "ERP,REL,released,2024-01-01,,approved,ann,bob,,,30",
                                "ERP,CNF,completed,2024-01-01,,approved,ann,bob,,,40"),
        "resources": table(",kind,parent", "ERP,P1,P1,2024-01-01,,approved,ann,bob,,site,")})
    log = _same(old, new)
    paths = {c.path for c in log.changes}
    assert {"materials/ERP/42@2024-01-01#2", "materials/ERP/42@2024-01-01#3",
            "resources/ERP/P1@2024-01-01", "units/ERP/KG@2024-01-01"} <= paths


@pytest.mark.parametrize("seed", [1, 2])
def test_a_long_table_edited_at_random(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    rows = [f"ERP,{n:06d},{n},2024-01-01,,approved,ann,bob," for n in range(4000)]
    edited = list(rows)
    for _ in range(60):
        at = rng.randrange(len(edited))
        what = rng.choice(["drop", "note", "code", "add", "twice", "draft"])
        if what == "drop":
            del edited[at]
        elif what == "note":
            edited[at] += "geändert"
        elif what == "code":
            edited[at] = edited[at].replace(",2024-01-01,", "-N,2024-01-01,", 1)
        elif what == "add":
            edited.insert(at, f"ERP,{9000 + at},{9000 + at},2025-01-01,,draft,ann,,")
        elif what == "twice":
            edited.insert(at, edited[at])
        else:
            edited[at] = edited[at].replace("approved,ann,bob", "draft,ann,")
    old = make_plant(tmp_path / "old", {"materials": table("", *rows)})
    new = make_plant(tmp_path / "new", {"materials": table("", *edited)})
    log = _same(old, new)
    assert {c.kind for c in log.changes} >= {"row_added", "row_removed", "row_changed"}


def test_a_side_holds_hashes_not_rows(tmp_path: Path) -> None:
    folder = make_plant(tmp_path, {"materials": table(
        "", *(f"ERP,{n:06d},{n},2024-01-01,,approved,ann,bob," for n in range(1000)))})
    hashes = RowHashes(diff._identity, diff._content)
    read = read_plant_folder(folder, keep=lambda spec, file, row: hashes.add(spec, file, row)
                             or False)
    assert not read.tables["materials"].rows
    assert sum(len(i) for i, _ in hashes.tables["materials"]) == 1000
    same = pair(hashes, hashes, "materials")
    assert not (same.added or same.removed or same.changed)
