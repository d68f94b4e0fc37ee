"""Waivers: approvals of individual changes, kept as data next to the schema.

A waiver file is YAML::

    waivers:
      - id: 3f2a9c41b07e          # the change fingerprint shown by `canon schema diff`
        reason: field was never populated by any plant
        approver: jane.doe
        date: 2026-03-02          # when it was approved
        expires: 2026-06-30       # an ISO date, or a version such as "1.2.0"
        bump: minor               # optional: the bump accepted instead (default minor)

A waiver whose date has passed (``today > expires``) or whose version has been reached
(``new_version >= expires``) no longer applies and is reported (GOV-062); a waiver that
matches no change is reported as unused (GOV-063).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from canonical.changes import rules
from canonical.changes.model import Approval, Bump, Changelog
from canonical.changes.semver import SemVer
from canonical.errors import InputError, WaiverFileError
from canonical.files.guard import InputKind, read_input
from canonical.files.rules import ENCODING, UNREADABLE, YAML_SYNTAX
from canonical.files.yamlsafe import decode, parse_yaml
from canonical.report import Finding, Report

_FIELDS = ("id", "reason", "approver", "date", "expires")


@dataclass(frozen=True, slots=True)
class Waiver:
    """One approval as read from the file (``index`` is its position, for messages)."""

    approval: Approval
    index: int
    source: str | None = None

    @property
    def id(self) -> str:
        return self.approval.id

    @property
    def path(self) -> str:
        return f"$.waivers[{self.index}]"

    def expired(self, today: date, new_version: str | None) -> str | None:
        """Why this waiver no longer applies, or ``None`` while it is valid."""
        expires = self.approval.expires
        if SemVer.is_valid(expires):
            if new_version is not None and SemVer.is_valid(new_version) and (
                SemVer.parse(new_version) >= SemVer.parse(expires)
            ):
                return f"expired at version {expires} (new version is {new_version})"
            return None
        if today > date.fromisoformat(expires):
            return f"expired on {expires} (today is {today.isoformat()})"
        return None


def _text(entry: dict[object, object], key: str, source: str | None, path: str) -> str:
    value = entry.get(key)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str | int | float) or isinstance(value, bool) or str(value) == "":
        raise WaiverFileError(f"missing or empty {key!r}", source=source, path=path)
    return str(value)


def _parse_entry(entry: object, index: int, source: str | None) -> Waiver:
    path = f"$.waivers[{index}]"
    if not isinstance(entry, dict):
        raise WaiverFileError("a waiver must be a mapping", source=source, path=path)
    unknown = sorted(str(k) for k in entry if k not in (*_FIELDS, "bump", "kind", "path"))
    if unknown:
        raise WaiverFileError(f"unknown key(s): {', '.join(unknown)}", source=source, path=path)
    values = {key: _text(entry, key, source, path) for key in _FIELDS}
    try:
        approved_on = date.fromisoformat(values["date"])
    except ValueError:
        raise WaiverFileError(f"date {values['date']!r} is not YYYY-MM-DD", source=source,
                              path=path + ".date") from None
    expires = values["expires"]
    if not SemVer.is_valid(expires):
        try:
            date.fromisoformat(expires)
        except ValueError:
            raise WaiverFileError(
                f"expires {expires!r} is neither a date YYYY-MM-DD nor a version X.Y.Z",
                source=source, path=path + ".expires",
            ) from None
    bump_text = str(entry.get("bump", Bump.MINOR.value))
    if bump_text not in {b.value for b in Bump}:
        raise WaiverFileError(f"bump {bump_text!r} is not none|patch|minor|major",
                              source=source, path=path + ".bump")
    approval = Approval(
        id=values["id"], reason=values["reason"], approver=values["approver"],
        approved_on=approved_on, expires=expires, bump=Bump(bump_text),
    )
    return Waiver(approval, index, source)


def parse_waivers(text: str, source: str | None = None) -> tuple[Waiver, ...]:
    """Parse the YAML text of a waiver file; raises :class:`WaiverFileError` when invalid."""
    try:
        data = parse_yaml(text, source=source or "<waivers>").data
    except InputError as exc:
        line = f" (line {exc.line})" if exc.line is not None else ""
        syntax = exc.rule_id == YAML_SYNTAX.id
        raise WaiverFileError(f"{'not YAML' if syntax else exc.reason}{line}", source=source,
                              rule_id=None if syntax else exc.rule_id) from None
    if data is None:
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("waivers", []), list):
        raise WaiverFileError("expected a mapping with a 'waivers' list", source=source)
    waivers = tuple(_parse_entry(e, i, source) for i, e in enumerate(data.get("waivers") or []))
    seen: set[str] = set()
    for w in waivers:
        if w.id in seen:
            raise WaiverFileError(f"duplicate waiver id {w.id!r}", source=source, path=w.path)
        seen.add(w.id)
    return waivers


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """Read a waiver file; raises :class:`WaiverFileError` when unreadable or invalid."""
    try:
        text = decode(read_input(path, InputKind.YAML), str(path))
    except InputError as exc:
        plain = exc.rule_id in (UNREADABLE.id, ENCODING.id)  # GOV-060 as always; else IO-0xx
        raise WaiverFileError(f"cannot read waiver file: {exc.reason}", source=str(path),
                              rule_id=None if plain else exc.rule_id) from None
    return parse_waivers(text, source=str(path))


def apply_waivers(log: Changelog, waivers: tuple[Waiver, ...], *, today: date) -> Changelog:
    """Attach valid waivers to their changes; report expired (GOV-062) and unused (GOV-063) ones."""
    by_id = {w.id: w for w in waivers}
    findings: list[Finding] = []
    used: set[str] = set()
    changes = []
    for change in log.changes:
        waiver = by_id.get(change.id)
        if waiver is None:
            changes.append(change)
            continue
        used.add(waiver.id)
        why = waiver.expired(today, log.new_version)
        if why is not None:
            findings.append(_located(rules.WAIVER_EXPIRED.finding(
                f"waiver {waiver.id} for {change.kind} {change.path} {why}; "
                "the change is not waived",
                path=waiver.path, value=waiver.id), waiver))
            changes.append(change)
        else:
            changes.append(change.waived(waiver.approval))
    for waiver in waivers:
        if waiver.id not in used:
            findings.append(_located(rules.WAIVER_UNUSED.finding(
                f"waiver {waiver.id} matches no change of this diff; remove it",
                path=waiver.path, value=waiver.id), waiver))
    return log.with_changes(tuple(changes), Report.of(findings))


def _located(finding: Finding, waiver: Waiver) -> Finding:
    return finding.located(file=waiver.source) if waiver.source else finding
