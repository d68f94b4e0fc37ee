"""``diff_plants``: added, removed and changed rows between two folders or git revisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitrepo import git

from canonical.changes import Bump, Verdict
from canonical.changes.render import render
from canonical.errors import MappingTableError, PlantDiffRefusedError
from canonical.mapping.diff import diff_plants

from .builders import PLANT_YAML, make_plant, table

OLD = table(
    "",
    "ERP,000042,42,2024-01-01,,approved,ann,bob,",
    "ERP,000043,43,2024-01-01,,approved,ann,bob,",
    "ERP,000044,44,2024-01-01,,draft,ann,,",
)
NEW = table(
    "",
    "ERP,000042,42,2024-01-01,,approved,ann,bob,note added",  # changed: note only
    "ERP,000044,44-X,2024-01-01,,approved,ann,bob,",  # changed: draft approved, new code
    "ERP,000045,45,2024-01-01,,approved,ann,bob,",  # added
)  # 000043 removed


def _kinds(log: object) -> dict[str, str]:
    return {c.path: c.kind for c in log.changes}  # type: ignore[attr-defined]


def test_folders_diff_rows(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {"materials": OLD})
    new = make_plant(tmp_path / "new", {"materials": NEW})
    log = diff_plants(old, new)
    assert _kinds(log) == {
        "materials/ERP/42@2024-01-01": "row_changed",
        "materials/ERP/44@2024-01-01": "row_changed",
        "materials/ERP/45@2024-01-01": "row_added",
        "materials/ERP/43@2024-01-01": "row_removed",
    }
    by_path = {c.path: c for c in log.changes}
    assert by_path["materials/ERP/43@2024-01-01"].breaking  # a live code stops mapping
    assert not by_path["materials/ERP/42@2024-01-01"].breaking  # only the note changed
    assert "'44' -> '44-X'" in by_path["materials/ERP/44@2024-01-01"].message


def test_identical_plants_have_no_changes(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {"materials": OLD})
    new = make_plant(tmp_path / "new", {"materials": OLD})
    assert diff_plants(old, new).changes == ()


def test_plant_yaml_changes(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {"materials": OLD})
    new = make_plant(tmp_path / "new", {"materials": OLD}, plant_yaml=PLANT_YAML.replace(
        "Europe/Berlin", "Europe/Vienna").replace("[trim, upper]", "[trim]"))
    kinds = _kinds(diff_plants(old, new))
    assert kinds["plant.yaml/time_zone"] == "time_zone_changed"
    assert kinds["plant.yaml/source_systems/MES/normalisation/default"] == "normalisation_changed"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_shared_renderers(tmp_path: Path, fmt: str) -> None:
    old = make_plant(tmp_path / "old", {"materials": OLD})
    new = make_plant(tmp_path / "new", {"materials": NEW})
    out = render(diff_plants(old, new), fmt)
    assert "materials/ERP/45@2024-01-01" in out


def test_git_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    folder = make_plant(repo / "mappings", {"materials": OLD})
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    (folder / "materials.csv").write_text(NEW, encoding="utf-8")
    git(repo, "commit", "-qam", "v2")
    monkeypatch.chdir(repo)
    log = diff_plants("git:HEAD~1:mappings/P1", "git:HEAD:mappings/P1")
    assert sorted(_kinds(log).values()) == ["row_added", "row_changed", "row_changed",
                                            "row_removed"]
    assert log.old_source == "git:HEAD~1:mappings/P1"
    assert diff_plants("git:HEAD:mappings/P1", folder).changes == ()


RAGGED = "ERP,000046,46,2024-01-01,,approved,ann,bob,,one field too many"  # line 5 of NEW_BAD
NEW_BAD = NEW + RAGGED + "\n"


@pytest.mark.parametrize("bad_side", ["old", "new", "both"])
def test_a_side_with_read_errors_is_refused(tmp_path: Path, bad_side: str) -> None:
    old = make_plant(tmp_path / "old", {"materials": NEW_BAD if bad_side != "new" else NEW})
    new = make_plant(tmp_path / "new", {"materials": NEW_BAD if bad_side != "old" else NEW})
    with pytest.raises(PlantDiffRefusedError) as info:
        diff_plants(old, new)
    assert info.value.rule_id == "MAP-019"
    assert info.value.line == 5 and str(info.value.source).endswith("materials.csv")
    assert info.value.sides == (("old", "new") if bad_side == "both" else (bad_side,))
    assert [(f.rule_id, f.line) for f in info.value.report.errors] == \
        [("MAP-019", 5)] * len(info.value.sides)
    assert isinstance(info.value, MappingTableError)  # callers catching load errors see it


def test_rows_that_fail_to_parse_refuse_the_diff(tmp_path: Path) -> None:
    bad_date = NEW.replace("000045,45,2024-01-01", "000045,45,2024-13-01")
    old = make_plant(tmp_path / "old", {"materials": OLD})
    new = make_plant(tmp_path / "new", {"materials": bad_date})
    with pytest.raises(PlantDiffRefusedError) as info:
        diff_plants(old, new)
    assert (info.value.rule_id, info.value.line) == ("MAP-042", 4)


def test_warnings_do_not_refuse_the_diff(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {"materials": OLD})
    new = make_plant(tmp_path / "new", {"materials": NEW.replace("\n", "\r\n")})  # MAP-013
    log = diff_plants(old, new)
    assert "MAP-013" in log.findings.rule_ids() and len(log.changes) == 4


UNITS_HEADER = ",factor,factor_unit"
UNITS_OLD = table(
    UNITS_HEADER,
    "ERP,KG,KGM,2024-01-01,,approved,ann,bob,,,",
    "ERP,KAR,XCT,2024-01-01,,approved,ann,bob,box,12,H87",
    "ERP,PAL,XPX,2024-01-01,,approved,ann,bob,,,",
    "ERP,GEB,XBX,2024-01-01,,approved,ann,bob,,,",
    "ERP,ROL,XRO,2024-01-01,,draft,ann,,,,",
    "ERP,SAK,XSA,2024-01-01,,draft,ann,,,,",
)
UNITS_NEW = table(
    UNITS_HEADER,
    "ERP,KG,KGM,2024-01-01,2025-12-31,approved,ann,bob,,,",  # validity changed: review
    "ERP,KAR,XCT,2024-01-01,,approved,ann,bob,box,10,H87",  # factor 12 -> 10: review
    "ERP,PAL,XPX,2024-01-01,,approved,ann,carl,,,",  # approver only: patch
    "ERP,GEB,XBX,2024-01-01,,draft,ann,,,,",  # back to draft: stops mapping
    "ERP,ROL,XRO,2024-01-01,,approved,ann,bob,,,",  # draft approved: a new mapping
    "ERP,SAK,XSA,2024-01-01,,draft,ann,,sack,,",  # a draft's note: patch
    "ERP,EIM,XBJ,2024-01-01,,approved,ann,bob,,,",  # added live: minor
)  # nothing removed here; see test_removing_a_live_row_demands_a_major_bump


def test_bumps_follow_the_schema_diff_semantics(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {"units": UNITS_OLD})
    new = make_plant(tmp_path / "new", {"units": UNITS_NEW})
    log = diff_plants(old, new)
    got = {c.path.split("/")[2].split("@")[0]: (c.breaking, c.bump, c.producer)
           for c in log.changes}
    assert got == {
        "KG": (True, Bump.MAJOR, Verdict.REVIEW),
        "KAR": (True, Bump.MAJOR, Verdict.REVIEW),
        "PAL": (False, Bump.PATCH, Verdict.COMPATIBLE),
        "GEB": (True, Bump.MAJOR, Verdict.BREAKING),
        "ROL": (False, Bump.MINOR, Verdict.COMPATIBLE),
        "SAK": (False, Bump.PATCH, Verdict.COMPATIBLE),
        "EIM": (False, Bump.MINOR, Verdict.COMPATIBLE),
    }
    assert log.bump is Bump.MAJOR


def test_removing_a_live_row_demands_a_major_bump(tmp_path: Path) -> None:
    old = make_plant(tmp_path / "old", {"materials": OLD})
    new = make_plant(tmp_path / "new", {"materials": table("", *OLD.splitlines()[1:2])})
    by_path = {c.path: c for c in diff_plants(old, new).changes}
    live = by_path["materials/ERP/43@2024-01-01"]
    draft = by_path["materials/ERP/44@2024-01-01"]
    assert (live.kind, live.breaking, live.bump) == ("row_removed", True, Bump.MAJOR)
    assert (draft.kind, draft.breaking, draft.bump) == ("row_removed", False, Bump.PATCH)


@pytest.mark.parametrize("pair", ["rows", "units", "plant_yaml"])
def test_a_change_is_breaking_exactly_when_it_demands_a_major_bump(
        tmp_path: Path, pair: str) -> None:
    if pair == "rows":
        old_tables, new_tables = {"materials": OLD}, {"materials": NEW}
    else:
        old_tables, new_tables = {"units": UNITS_OLD}, {"units": UNITS_NEW}
    new_yaml = PLANT_YAML.replace("Europe/Berlin", "Europe/Vienna").replace(
        "[trim, upper]", "[trim]").replace('"1.0.0"', '"2.0.0"') if pair == "plant_yaml" \
        else PLANT_YAML
    log = diff_plants(make_plant(tmp_path / "old", old_tables),
                      make_plant(tmp_path / "new", new_tables, plant_yaml=new_yaml))
    assert log.changes
    for change in log.changes:
        blocking = change.consumer.blocks or change.producer.blocks
        assert change.breaking == blocking == (change.bump is Bump.MAJOR), change.to_dict()
