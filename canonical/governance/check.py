"""``check_release``: is the schema's version bumped as its diff demands, and documented?

Compared with the newest release snapshot at or below the schema's version:

* version lower than every release: GOV-094;
* schema differs but its version is not bumped at least as the diff requires (waivers
  may lower a change's demand): GOV-090;
* ``CHANGELOG.md`` has no ``## [version]`` entry: GOV-091;
* a released snapshot was modified: GOV-092 (see :mod:`canonical.governance.release`).

Before the first release there is nothing to diff against: the check reports GOV-093
(info) and passes when the changelog has an entry for the current version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from canonical.changes.model import Bump, Changelog, Mode
from canonical.changes.semver import SemVer, newest_at_most
from canonical.changes.waivers import Waiver
from canonical.governance import rules
from canonical.governance.changelog import draft_entry, has_entry
from canonical.governance.diff import DEFAULT_MODE, diff, load_facts
from canonical.governance.release import release_file, released_versions, verify_snapshots
from canonical.report import Finding, Report


@dataclass(frozen=True, slots=True)
class ReleaseCheck:
    """The diff against the base release (if any) with the release findings attached."""

    log: Changelog
    version: str
    base: str | None
    required: Bump
    draft: str  # a changelog entry drafted from the diff

    @property
    def ok(self) -> bool:
        return self.log.findings.ok


def check_release(schema: Path, changelog: Path | None, *, mode: Mode = DEFAULT_MODE,
                  waivers: tuple[Waiver, ...] = (), releases: Path | None = None,
                  today: date | None = None) -> ReleaseCheck:
    """Check the schema at ``schema`` against the newest release at or below its version."""
    day = today or date.today()
    current = load_facts(schema)
    version = SemVer.parse(current.version)
    findings: list[Finding] = list(verify_snapshots(releases))
    versions = released_versions(releases)
    base = newest_at_most(versions, version)
    if base is None:
        log = Changelog("schema", (), None, current.version, "(no release)", str(schema), mode)
        if versions:
            findings.append(rules.RELEASE_BACKWARDS.finding(
                f"schema version {version} is lower than every release ({', '.join(versions)})",
                value=str(version)))
        else:
            findings.append(rules.RELEASE_NONE.finding(
                f"no released snapshot under schemas/releases yet; version {version} is not "
                "diffed (cut the first release with `canon schema release`)"))
        required = Bump.NONE
    else:
        log = diff(release_file(base, releases), schema, mode=mode, waivers=waivers, today=day)
        log = replace(log, old_source=base)
        required = log.bump
        actual = SemVer.parse(base).bump_to(version)
        if log.changes and actual < required:
            need = SemVer.parse(base).bumped(required)
            findings.append(rules.RELEASE_BUMP.finding(
                f"schema differs from release {base} and needs a {required.value} bump "
                f"(version {need} or higher), but its version is {version}",
                value=str(version)))
        elif not log.changes and actual is not Bump.NONE:
            findings.append(rules.RELEASE_UNCHANGED.finding(
                f"version bumped from {base} to {version} but the schema has no changes",
                value=str(version)))
    if changelog is not None:
        text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
        if not has_entry(text, current.version):
            findings.append(rules.RELEASE_CHANGELOG.finding(
                f"{changelog.name} has no '## [{current.version}]' entry; draft one with "
                "`canon schema check-release --write-changelog`", value=current.version))
    log = log.with_changes(log.changes, Report.of(findings))
    return ReleaseCheck(log, current.version, base, required,
                        draft_entry(log, current.version, day))
