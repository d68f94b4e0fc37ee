"""CHANGELOG.md (Keep a Changelog): does it have an entry for a version; draft and insert one."""

from __future__ import annotations

import re
from datetime import date

from canonical.changes.model import Change, Changelog

_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\]", re.MULTILINE)

_SECTIONS = ("Added", "Changed", "Deprecated", "Removed")


def has_entry(text: str, version: str) -> bool:
    """True when the changelog has a ``## [version]`` heading."""
    return any(m["version"] == version for m in _HEADING.finditer(text))


def _section(change: Change) -> str:
    if change.kind == "deprecation.added":
        return "Deprecated"
    if change.kind.endswith(".added") or ".added." in change.kind or change.kind.endswith(
        "_added"
    ):
        return "Added"
    if "removed" in change.kind:
        return "Removed"
    return "Changed"


def draft_entry(log: Changelog, version: str, today: date, *, subject: str = "Schema") -> str:
    """A Keep a Changelog section for ``version`` listing the changes of ``log`` (each line
    starts with ``subject``: "Schema", a plant id...)."""
    lines = [f"## [{version}] - {today.isoformat()}", ""]
    if not log.changes:
        none = "Canonical schema: no model changes." if subject == "Schema" else \
            f"{subject}: no mapping changes."
        lines += ["### Changed", f"- {none}", ""]
    for section in _SECTIONS:
        items = [c for c in log.changes if _section(c) == section]
        if not items:
            continue
        lines.append(f"### {section}")
        for c in items:
            mark = "**Breaking:** " if c.breaking else ""
            waived = " (waived)" if c.waiver is not None else ""
            lines.append(f"- {mark}{subject}: {c.message}{waived} (`{c.id}`)")
        lines.append("")
    return "\n".join(lines)


def insert_entry(text: str, entry: str) -> str:
    """Insert ``entry`` above the newest release entry, below an ``[Unreleased]`` section.

    Nothing else in the file changes; a file without entries gets it appended.
    """
    for match in _HEADING.finditer(text):
        if match["version"].lower() != "unreleased":
            return text[: match.start()] + entry.rstrip("\n") + "\n\n" + text[match.start():]
    body = text if text.endswith("\n") or not text else text + "\n"
    return body + ("\n" if body and not body.endswith("\n\n") else "") + entry.rstrip("\n") + "\n"
