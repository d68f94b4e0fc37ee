"""Release snapshots (immutable, hash manifest) and the release check."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonical.changes import Bump
from canonical.changes.semver import SemVer
from canonical.changes.waivers import Waiver, load_waivers
from canonical.cli.governance import check_release_command, release_command
from canonical.errors import SchemaLoadError
from canonical.governance.changelog import has_entry, insert_entry
from canonical.governance.check import check_release
from canonical.governance.release import (
    cut_snapshot,
    latest_release,
    released_versions,
    verify_snapshots,
)
from canonical.governance.rules import RELEASE_MODIFIED
from canonical.resources import data_dir

from .builders import write_schema

V1 = {"classes": {"A": {"attributes": {"a": {}, "b": {}}}}}
V1_DOC = {"classes": {"A": {"description": "An A.", "attributes": {"a": {}, "b": {}}}}}
V1_ADDED = {"classes": {"A": {"attributes": {"a": {}, "b": {}, "c": {}}}}}
V1_REMOVED = {"classes": {"A": {"attributes": {"a": {}}}}}
TODAY = date(2026, 3, 1)
CHANGELOG = "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n- first\n"


@pytest.fixture
def releases(tmp_path: Path) -> Path:
    root = tmp_path / "releases"
    cut_snapshot(write_schema(tmp_path, "v1.yaml", V1, "1.0.0"), root)
    return root


def _changelog(tmp_path: Path, *versions: str) -> Path:
    path = tmp_path / "CHANGELOG.md"
    text = CHANGELOG
    for v in versions:
        text = insert_entry(text, f"## [{v}] - 2026-03-01\n\n- x\n")
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_snapshots_are_unchanged() -> None:
    """Released schema versions are immutable (schemas/releases/SHA256SUMS)."""
    assert verify_snapshots().findings == ()


def test_cut_records_hash_and_is_idempotent(tmp_path: Path, releases: Path) -> None:
    assert released_versions(releases) == ["1.0.0"]
    assert (releases / "SHA256SUMS").read_text().endswith("  1.0.0/canonical.yaml\n")
    assert verify_snapshots(releases).findings == ()
    cut_snapshot(write_schema(tmp_path, "again.yaml", V1, "1.0.0"), releases)  # same bytes
    with pytest.raises(SchemaLoadError) as info:
        cut_snapshot(write_schema(tmp_path, "other.yaml", V1_ADDED, "1.0.0"), releases)
    assert info.value.rule_id == RELEASE_MODIFIED.id


def test_modified_snapshot_detected(releases: Path) -> None:
    snap = releases / "1.0.0" / "canonical.yaml"
    snap.write_text(snap.read_text() + "# edited\n", encoding="utf-8")
    assert verify_snapshots(releases).rule_ids() == ["GOV-092"]


def test_unrecorded_and_missing_snapshots_detected(tmp_path: Path, releases: Path) -> None:
    (releases / "1.1.0").mkdir()
    write_schema(releases / "1.1.0", "canonical.yaml", V1, "1.1.0")  # not in SHA256SUMS
    (releases / "1.0.0" / "canonical.yaml").unlink()
    assert verify_snapshots(releases).rule_ids() == ["GOV-092", "GOV-092"]


def _check(tmp_path: Path, body: dict[str, object], version: str, releases: Path | None,
           *entries: str) -> tuple[list[str], Bump]:
    schema = write_schema(tmp_path, "current.yaml", body, version)
    result = check_release(schema, _changelog(tmp_path, *entries), releases=releases,
                           today=TODAY)
    return result.log.findings.rule_ids(), result.required


def test_no_release_yet_passes_with_changelog_entry(tmp_path: Path) -> None:
    empty = tmp_path / "none"
    ids, _ = _check(tmp_path, V1, "1.0.0", empty)
    assert ids == ["GOV-093"]
    ids, _ = _check(tmp_path, V1, "1.2.0", empty)
    assert ids == ["GOV-093", "GOV-091"]


@pytest.mark.parametrize(
    ("body", "version", "expected", "required"),
    [
        (V1, "1.0.0", [], Bump.NONE),  # unchanged release
        (V1_DOC, "1.0.0", ["GOV-090"], Bump.PATCH),  # changed but not bumped
        (V1_DOC, "1.0.1", [], Bump.PATCH),
        (V1_ADDED, "1.0.1", ["GOV-090"], Bump.MINOR),  # patch bump is not enough
        (V1_ADDED, "1.1.0", [], Bump.MINOR),
        (V1_REMOVED, "1.1.0", ["GOV-090"], Bump.MAJOR),  # backward-breaking removal
        (V1_REMOVED, "2.0.0", [], Bump.MAJOR),
        (V1, "1.1.0", ["GOV-095"], Bump.NONE),  # bumped without changes: warning only
    ],
)
def test_release_bump_rules(tmp_path: Path, releases: Path, body: dict[str, object],
                            version: str, expected: list[str], required: Bump) -> None:
    ids, needed = _check(tmp_path, body, version, releases, version)
    assert ids == expected
    assert needed is required


def test_lower_than_every_release(tmp_path: Path, releases: Path) -> None:
    ids, _ = _check(tmp_path, V1, "0.9.0", releases, "0.9.0")
    assert ids == ["GOV-094"]


def test_missing_changelog_entry(tmp_path: Path, releases: Path) -> None:
    ids, _ = _check(tmp_path, V1_ADDED, "1.1.0", releases)
    assert ids == ["GOV-091"]


def test_waiver_lowers_required_bump(tmp_path: Path, releases: Path) -> None:
    from canonical.changes.waivers import parse_waivers

    schema = write_schema(tmp_path, "current.yaml", V1_REMOVED, "1.1.0")
    first = check_release(schema, None, releases=releases, today=TODAY)
    change = first.log.changes[0]
    waivers = parse_waivers(
        f"waivers:\n  - id: '{change.id}'\n    reason: b was never sent\n    approver: qa\n"
        "    date: 2026-02-01\n    expires: 2.0.0\n")
    result = check_release(schema, None, releases=releases, waivers=waivers, today=TODAY)
    assert result.required is Bump.MINOR and result.ok


def test_cli_write_changelog_inserts_entry(tmp_path: Path, releases: Path) -> None:
    schema = write_schema(tmp_path, "current.yaml", V1_ADDED, "1.1.0")
    changelog = _changelog(tmp_path)
    args = ["--schema", str(schema), "--changelog", str(changelog), "--releases", str(releases)]
    first = CliRunner().invoke(check_release_command, args)
    assert first.exit_code == 1 and "GOV-091" in first.output
    assert "## [1.1.0]" in first.output  # the draft is shown
    second = CliRunner().invoke(check_release_command, [*args, "--write-changelog"])
    assert second.exit_code == 0, second.output
    text = changelog.read_text()
    assert has_entry(text, "1.1.0")
    assert text.index("## [Unreleased]") < text.index("## [1.1.0]") < text.index("## [1.0.0]")
    assert text.replace(text[text.index("## [1.1.0]"):text.index("## [1.0.0]")], "") == CHANGELOG
    assert "### Added" in text and "A.c" in text


def test_cli_check_release_json_and_bad_schema(tmp_path: Path, releases: Path) -> None:
    schema = write_schema(tmp_path, "current.yaml", V1_REMOVED, "1.1.0")
    args = ["--schema", str(schema), "--changelog", str(_changelog(tmp_path, "1.1.0")),
            "--releases", str(releases), "--format", "json"]
    result = CliRunner().invoke(check_release_command, args)
    assert result.exit_code == 1 and '"rule_id": "GOV-090"' in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: x\n", encoding="utf-8")
    result = CliRunner().invoke(check_release_command, ["--schema", str(bad)])
    assert result.exit_code == 2 and "[GOV-005]" in result.output


def test_cli_release_cuts_snapshot(tmp_path: Path) -> None:
    root = tmp_path / "rel"
    schema = write_schema(tmp_path, "s.yaml", V1, "1.0.0")
    result = CliRunner().invoke(release_command, ["--schema", str(schema), "--releases", str(root)])
    assert result.exit_code == 0, result.output
    assert released_versions(root) == ["1.0.0"]
    other = write_schema(tmp_path, "t.yaml", V1_ADDED, "1.0.0")
    result = CliRunner().invoke(release_command, ["--schema", str(other), "--releases", str(root)])
    assert result.exit_code == 1 and "[GOV-092]" in result.output


def _repository_waivers() -> tuple[Waiver, ...]:
    return load_waivers(data_dir("schemas") / "waivers.yaml")


def test_repository_schema_passes_check_release() -> None:
    """What CI runs (``make check-release``): the canonical schema against the latest
    snapshot and CHANGELOG.md, with the approved waivers of schemas/waivers.yaml."""
    root = data_dir("schemas").parent
    result = check_release(data_dir("schemas") / "canonical.yaml", root / "CHANGELOG.md",
                           waivers=_repository_waivers())
    assert result.ok, [f.render() for f in result.log.findings]


def test_repository_schema_needs_at_most_a_minor_release(tmp_path: Path) -> None:
    """The unreleased changes, with their waivers, fit the next minor version: written as
    that version, the schema passes the release check against the latest snapshot."""
    base = latest_release()
    assert base is not None
    text = (data_dir("schemas") / "canonical.yaml").read_text(encoding="utf-8")
    current = re.search(r"^version: (\S+)$", text, re.MULTILINE)
    assert current is not None
    target = max(SemVer.parse(current[1]), SemVer.parse(base).bumped(Bump.MINOR))
    schema = tmp_path / "canonical.yaml"
    schema.write_text(text.replace(f"version: {current[1]}", f"version: {target}", 1),
                      encoding="utf-8")
    result = check_release(schema, None, waivers=_repository_waivers())
    assert result.required <= Bump.MINOR and result.ok, [f.render() for f in result.log.findings]


def test_insert_entry_without_headings_appends() -> None:
    assert insert_entry("# Changelog\n", "## [1.0.0]\n") == "# Changelog\n\n## [1.0.0]\n"
