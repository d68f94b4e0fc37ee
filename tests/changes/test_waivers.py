"""Waivers: parsing, expiry by date and by version, unused waivers, bad files."""

from __future__ import annotations

from datetime import date

import pytest

from canonical.changes import Bump, Change, Changelog, Verdict
from canonical.changes.waivers import apply_waivers, parse_waivers
from canonical.errors import WaiverFileError

CHANGE = Change("slot.removed", "A.x", "removed", producer=Verdict.BREAKING, breaking=True,
                bump=Bump.MAJOR, before="x")


def _file(expires: str, wid: str = CHANGE.id, extra: str = "") -> str:
    return (
        "waivers:\n"
        f"  - id: '{wid}'\n    reason: nobody sends x\n    approver: jane\n"
        f"    date: 2026-01-05\n    expires: '{expires}'\n{extra}"
    )


def _apply(text: str, today: date = date(2026, 3, 1), new: str = "1.1.0") -> Changelog:
    log = Changelog("schema", (CHANGE,), "1.0.0", new)
    return apply_waivers(log, parse_waivers(text, "w.yaml"), today=today)


def test_valid_waiver_applies() -> None:
    log = _apply(_file("2026-06-30"))
    assert log.changes[0].waiver is not None
    assert log.bump is Bump.MINOR and not log.findings


def test_expired_by_date() -> None:
    log = _apply(_file("2026-02-28"))
    assert log.changes[0].waiver is None
    assert log.findings.rule_ids() == ["GOV-062"]
    assert log.bump is Bump.MAJOR


def test_expiry_date_is_inclusive() -> None:
    assert _apply(_file("2026-03-01")).changes[0].waiver is not None


def test_expired_by_version() -> None:
    assert _apply(_file("1.1.0")).findings.rule_ids() == ["GOV-062"]
    assert _apply(_file("1.2.0")).changes[0].waiver is not None


def test_unused_waiver_reported() -> None:
    text = _file("2026-06-30") + _file("2026-06-30", "0123456789ab").replace("waivers:\n", "")
    log = _apply(text)
    assert log.findings.rule_ids() == ["GOV-063"]
    assert log.findings.findings[0].path == "$.waivers[1]"
    assert log.findings.findings[0].file == "w.yaml"


def test_bump_override() -> None:
    assert _apply(_file("2026-06-30", extra="    bump: patch\n")).bump is Bump.PATCH


@pytest.mark.parametrize(
    "text",
    [
        "waivers: [",  # not YAML
        "- a\n- b\n",  # not a mapping
        "waivers:\n  - id: x\n",  # missing fields
        _file("someday"),  # bad expiry
        _file("2026-01-01").replace("2026-01-05", "05.01.2026"),  # bad date
        _file("2026-01-01", extra="    colour: red\n"),  # unknown key
        _file("2026-01-01", extra="    bump: huge\n"),
        _file("2026-01-01") + _file("2026-01-01").replace("waivers:\n", ""),  # duplicate
    ],
)
def test_bad_waiver_files_raise(text: str) -> None:
    with pytest.raises(WaiverFileError) as info:
        parse_waivers(text, "w.yaml")
    assert info.value.rule_id == "GOV-060"
    assert "w.yaml" in str(info.value)
