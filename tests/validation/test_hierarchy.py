"""RES-010, RES-011: a parent the extract carries can contain its child; a parent outside
the extract is a reference (RES-002, warning) and nothing more is checked."""

from __future__ import annotations

import pytest

from canonical.validation import validate_many
from canonical.validation.hierarchy import contains


def res(rid: str, kind: str, parent: str | None = None, plant: str = "CZ03") -> dict[str, str]:
    data = {"id": rid, "name": rid, "kind": kind, "plant": plant, "state": "available"}
    if parent is not None:
        data["parent"] = parent
    return data


@pytest.mark.parametrize(("parent", "child", "ok"), [
    ("site", "area", True), ("area", "machine", True), ("work_center", "work_center", True),
    ("line", "tool", True), ("machine", "line", False), ("tool", "machine", False),
    ("labor_pool", "tool", False), ("work_center", "area", False),
])
def test_which_kind_contains_which(parent: str, child: str, ok: bool) -> None:
    assert contains(parent, child) is ok


def test_parent_in_the_extract_is_checked() -> None:
    report = validate_many([res("CZ03-L2", "line", "CZ03-M1"), res("CZ03-M1", "machine"),
                            res("MX05-A1", "area", plant="MX05"), res("MX05-L1", "line", "MX05-A1")],
                           "Resource")
    assert [(f.rule_id, f.record, f.path) for f in report.errors] == [
        ("RES-010", 0, "$.parent"), ("RES-011", 3, "$.plant")]


def test_parent_outside_the_extract_is_a_reference() -> None:
    report = validate_many([res("CZ03-M1", "machine", "CZ03-L-OUTSIDE")], "Resource")
    assert report.ok and report.rule_ids() == ["RES-002"]
