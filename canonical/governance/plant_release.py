"""Plant releases: is the plant's version bumped as its mapping diff demands, and released?

:func:`check_plant_release` diffs the plant folder (tables, plant.yaml, specs) against a base
and fails when

* the plant ``version`` is missing or not ``MAJOR.MINOR.PATCH`` (MAP-386), or lower than the
  base's (MAP-384);
* the plant changed but its version did not move at least as far as the diff's bump
  (MAP-380): a swapped values map is breaking, so ``2025.4.0`` must become ``2026.0.0``;
* the plant's ``CHANGELOG.md`` has no ``## [version]`` section (MAP-381);
* a released snapshot of the plant was modified (MAP-382);
* a spec or B2MML file (override or declared defaults, approved in ``b2mml-approvals.yaml``)
  is a draft, unapproved or changed since its approval (MAP-388), or the plant (its B2MML
  files included) has error findings (MAP-389): unreviewed mapping logic is never released.

The base is ``--against``: a release version of the plant (``2025.4.0``) or a git revision
(``git:main`` for the plant's own path, or ``git:REV:path``); by default the newest release
at or below the plant's version. Before the first release only the changelog, approvals and
findings are checked (MAP-383, info). :func:`cut_plant_release` runs the check, then writes
the immutable snapshot (:mod:`canonical.mapping.snapshots`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from canonical.changes.model import Bump, Change, Changelog
from canonical.changes.semver import SemVer, newest_at_most
from canonical.engine import check_plant
from canonical.errors import PlantDiffRefusedError, PlantReleaseError
from canonical.governance.changelog import draft_entry, has_entry
from canonical.governance.plant_b2mml import b2mml_file_findings
from canonical.mapping import plant_rules as rules
from canonical.mapping.b2mmlapprovals import b2mml_approval_findings
from canonical.mapping.config import PlantConfig, read_plant_config
from canonical.mapping.diff import diff_plants
from canonical.mapping.gitrev import is_git_spec
from canonical.mapping.snapshots import (
    release_folder,
    released_versions,
    verify_snapshot,
    write_snapshot,
)
from canonical.mapping.source import PLANT_FILE, folder_label, resolve_plant
from canonical.mapping.specchecks import approval_findings
from canonical.mapping.specdocs import read_spec_documents
from canonical.mapping.yamlnodes import YamlDocument
from canonical.report import Finding, Report

CHANGELOG = "CHANGELOG.md"


@dataclass(frozen=True, slots=True)
class PlantReleaseCheck:
    """The diff against the base (if any) with the release findings attached."""

    plant: str
    folder: Path
    log: Changelog
    version: str
    base: str | None  # the base's label: a release version or a git spec
    required: Bump
    draft: str  # a changelog section drafted from the diff

    @property
    def ok(self) -> bool:
        return self.log.findings.ok


def _git_base(against: str, folder: Path) -> str:
    """``git:REV`` means the plant's own path at REV (relative to the current directory)."""
    if against.count(":") >= 2:
        return against
    path = os.path.relpath(folder.resolve(), Path.cwd().resolve())
    return f"{against}:{Path(path).as_posix()}"


def _base(folder: Path, version: SemVer | None, against: str | None,
          findings: list[Finding]) -> tuple[str | Path | None, str | None]:
    """The base to diff against (a git spec or a folder) and how to name it."""
    if against is not None and is_git_spec(against):
        spec = _git_base(against, folder)
        return spec, spec
    versions = released_versions(folder)
    chosen = against or newest_at_most(versions, version)
    if chosen is not None:
        try:
            return release_folder(folder, chosen), chosen
        except PlantReleaseError as exc:
            rule = rules.RELEASE_NOT_FOUND if exc.rule_id == rules.RELEASE_NOT_FOUND.id \
                else rules.RELEASE_MODIFIED
            if not any(f.rule_id == rule.id for f in findings):  # verify_snapshot said it
                findings.append(rule.finding(exc.message, value=chosen))
            # the base is named, but a modified (or missing) snapshot is not diffed against
            return None, chosen if rule is rules.RELEASE_MODIFIED else None
    if versions:
        findings.append(rules.RELEASE_BACKWARDS.finding(
            f"plant version {version} is lower than every release ({', '.join(versions)})",
            value=str(version)))
    else:
        findings.append(rules.RELEASE_NONE.finding(
            "no released snapshot of the plant yet; nothing to diff against (cut the first "
            "release with `canon mappings release`)"))
    return None, None


def check_plant_release(plant: str | Path, *, against: str | None = None,
                        today: date | None = None) -> PlantReleaseCheck:
    """Check the plant folder (or shipped id) ``plant`` for release (see the module doc)."""
    folder = resolve_plant(plant)
    label = folder_label(folder)
    config = _plant_config(folder, label)
    plant_id = config.id if config else folder.name
    text = config.version if config else ""
    findings: list[Finding] = []
    version = SemVer.parse(text) if SemVer.is_valid(text) else None
    doc = config.doc if config else None
    where = _version_at(doc, label)
    if version is None:
        findings.append(_version_finding(doc, text).located(**where))
    for old in released_versions(folder):
        findings.extend(verify_snapshot(folder, old))
    start = len(findings)
    base, base_label = _base(folder, version, against, findings)
    findings[start:] = [f if f.file else f.located(**where) for f in findings[start:]]
    log = Changelog(f"plant {plant_id} mappings", (), None, text or None,
                    f"{base_label} (not diffed)" if base_label else "(no release)", label)
    required = Bump.NONE
    if base is not None:
        try:
            log = replace(diff_plants(base, folder), old_source=base_label, findings=Report())
        except PlantDiffRefusedError as exc:  # rows that do not read cannot be diffed
            findings.extend(exc.report.errors)
        else:
            required = log.bump
            findings.extend(f.located(**where) for f in _bump_findings(log, version, text))
    findings.extend(_readiness(folder, label, plant_id, log.changes))
    changelog = folder / CHANGELOG
    body = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
    if text and not has_entry(body, text):
        findings.append(rules.RELEASE_CHANGELOG.finding(
            f"{CHANGELOG} has no '## [{text}]' section for the plant version; add one (the "
            "draft below lists the diff)", value=text).located(file=f"{label}/{CHANGELOG}"))
    log = log.with_changes(log.changes, Report.of(findings))
    day = today or date.today()
    notable = replace(log, changes=tuple(c for c in log.changes if c.bump is not Bump.NONE))
    return PlantReleaseCheck(plant_id, folder, log, text, base_label, required,
                             draft_entry(notable, text, day, subject=plant_id))


def _plant_config(folder: Path, label: str) -> PlantConfig | None:
    """plant.yaml alone (``None`` when missing or unusable): the id and version need no table
    row, so none is read here (the diff and the plant check stream the tables and report what
    plant.yaml itself gets wrong)."""
    path = folder / PLANT_FILE
    return read_plant_config(path, f"{label}/{PLANT_FILE}")[0] if path.is_file() else None


def _version_finding(doc: YamlDocument | None, text: str) -> Finding:
    """MAP-386 for a version that is not MAJOR.MINOR.PATCH text; an unquoted number
    (``version: 2025.1``, which YAML reads as a float) is named as such."""
    raw = doc.data.get("version") if doc is not None and isinstance(doc.data, dict) else None
    if raw is not None and not isinstance(raw, str):
        return rules.RELEASE_VERSION.finding(
            f"plant.yaml version is the YAML {type(raw).__name__} {raw!r}, not text: an "
            f"unquoted version is read as a number; quote a MAJOR.MINOR.PATCH version, e.g. "
            f"version: \"{raw}.0\"" if isinstance(raw, float) else
            f"plant.yaml version is the YAML {type(raw).__name__} {raw!r}, not text; quote a "
            "MAJOR.MINOR.PATCH version, e.g. version: \"2025.4.0\"",
            path="$.version", value=str(raw))
    return rules.RELEASE_VERSION.finding(
        f"plant.yaml version {text!r} must be MAJOR.MINOR.PATCH (quoted, e.g. \"2025.4.0\")",
        path="$.version", value=text)


def _version_at(doc: YamlDocument | None, label: str) -> dict[str, Any]:
    """Where bump findings point: the ``version`` line of plant.yaml."""
    return {"file": f"{label}/plant.yaml", "line": doc.line("version") if doc else None}


def _bump_findings(log: Changelog, version: SemVer | None, text: str) -> list[Finding]:
    old_text = log.old_version or ""
    if version is None or not SemVer.is_valid(old_text):
        return []
    old = SemVer.parse(old_text)
    if version < old:
        return [rules.RELEASE_BACKWARDS.finding(
            f"plant version {text} is lower than the base's {old_text}", value=text)]
    actual = old.bump_to(version)
    if log.changes and actual < log.bump:
        need = old.bumped(log.bump)
        worst = next(c for c in log.changes if c.effective_bump is log.bump)
        at = worst.file if worst.line is None else f"{worst.file}:{worst.line}"
        where = f" ({worst.kind} at {at})" if worst.file else ""
        return [rules.RELEASE_BUMP.finding(
            f"the plant differs from {old_text} and needs a {log.bump.value} bump (version "
            f"{need} or higher), but its version is {text}{where}", value=text)]
    if not log.changes and actual is not Bump.NONE:
        return [rules.RELEASE_UNCHANGED.finding(
            f"version bumped from {old_text} to {text} but nothing that maps changed",
            value=text)]
    return []


def _readiness(folder: Path, label: str, plant_id: str,
               changes: tuple[Change, ...]) -> list[Finding]:
    """MAP-388 for specs and B2MML files not approved as they are, MAP-389 when the plant or
    its B2MML files have errors. A B2MML file's MAP-388 names the first change the diff found
    in it (file and line), so the steward sees what to review."""
    found: list[Finding] = []
    docs, _ = read_spec_documents(folder, label)
    unapproved = [finding for doc in docs
                  for finding in approval_findings(doc, plant=label, release=True)]
    unapproved += b2mml_approval_findings(folder, label, label, release=True)
    for finding in unapproved:
        found.append(replace(rules.RELEASE_UNAPPROVED.finding(
            f"{finding.rule_id}: {finding.message}{_first_change(finding, changes)}",
            path=finding.path, severity=finding.severity, value=finding.value,
            file=finding.file, line=finding.line), cause_rule_id=finding.rule_id))
    errors = [*check_plant(folder).errors, *Report.of(b2mml_file_findings(folder, label)).errors]
    if errors:
        found.append(rules.RELEASE_INVALID.finding(
            f"the plant has {len(errors)} error finding(s), first: {errors[0].render()}"
        ).located(file=label))
    return found


def _first_change(finding: Finding, changes: tuple[Change, ...]) -> str:
    """`` (changed since the base: FILE:LINE ...)`` for the first change of the B2MML file a
    finding is about (its ``value``: ``b2mml/V0600/lots.yaml``)."""
    for change in changes:
        if finding.value and change.file and change.path.startswith(f"{finding.value}/"):
            at = change.file if change.line is None else f"{change.file}:{change.line}"
            return f" (changed since the base: {at}, {change.message})"
    return ""


def cut_plant_release(plant: str | Path, *, against: str | None = None) -> Path:
    """Write the release snapshot of the plant's current version; the release folder.

    Raises :class:`~canonical.errors.PlantReleaseError` when the release check fails or the
    release exists with different content.
    """
    result = check_plant_release(plant, against=against)
    if not result.ok:
        first = result.log.findings.errors[0]
        raise PlantReleaseError(f"release check failed: {first.render()}", plant=result.plant,
                                version=result.version, rule_id=first.rule_id)
    return write_snapshot(result.folder, result.plant, result.version)
