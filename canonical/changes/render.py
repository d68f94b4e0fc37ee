"""Render a :class:`~canonical.changes.model.Changelog` as text, JSON, Markdown, JUnit or GitHub.

* ``text``: one line per change, for a terminal;
* ``json``: the machine report, valid against ``schemas/changelog-report.schema.json``, one
  change per line (no indentation inside a change, so its size grows with the number of
  distinct changes and the classes they list, not with nesting);
* ``markdown``: what a release note or pull-request comment shows;
* ``junit``: one test case per change, failing ones as ``<failure>`` (CI test tabs);
* ``github``: GitHub Actions workflow commands (``::error``/``::warning``/``::notice``).

Which changes count as failures is decided by the ``fail_on`` level, as for exit codes.
``by_class=True`` adds the per-class view (text, markdown: changes grouped under each class
they affect; json: a ``by_class`` map of class to change ids). A change is still one change
with one id wherever it shows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from xml.etree import ElementTree

from canonical.changes.model import Change, Changelog, FailOn
from canonical.changes.semver import SemVer
from canonical.ci_formats import gh_data, gh_prop, github_line, junit_case


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    JUNIT = "junit"
    GITHUB = "github"


def _title(log: Changelog) -> str:
    old = log.old_version or log.old_source or "old"
    new = log.new_version or log.new_source or "new"
    mode = f", mode {log.mode.value}" if log.mode is not None else ""
    return f"{log.subject} {old} -> {new}{mode}"


def _status(change: Change, fail_on: FailOn) -> str:
    if change.waiver is not None:
        return "WAIVED"
    if change.fails(fail_on):
        return "FAIL"
    return "BREAKING" if change.breaking else "ok"


def _line(c: Change, fail_on: FailOn) -> str:
    reach = f" (affects {len(c.affects)}: {_names(c.affects)})" if c.affects else ""
    return (f"{_status(c, fail_on):8} {c.bump.value:5} {c.kind} {c.path} [{c.id}]: {c.message}"
            f"{reach} (consumer {c.consumer.value}, producer {c.producer.value}){_at(c)}")


def _names(names: tuple[str, ...], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", ... {len(names) - limit} more" if len(names) > limit else "")


def render_text(log: Changelog, fail_on: FailOn = FailOn.BREAKING, by_class: bool = False) -> str:
    s = log.summary()
    lines = [
        f"{_title(log)}: bump {log.bump.value}; {s['changes']} change(s), "
        f"{s['breaking']} breaking, {s['waived']} waived, {len(log.failing(fail_on))} failing"
    ]
    if by_class:
        for name, changes in log.by_class().items():
            lines.append(f"  {name}:")
            lines.extend(f"    {_status(c, fail_on):8} {c.kind} {c.path} [{c.id}]: {c.message}"
                         for c in changes)
    else:
        lines.extend(f"  {_line(c, fail_on)}" for c in log.changes)
    lines.extend(f"  {f.render()}" for f in log.findings)
    return "\n".join(lines) + "\n"


def _at(change: Change) -> str:
    if not change.file:
        return ""
    return f" at {change.file}" + (f":{change.line}" if change.line is not None else "")


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_json(log: Changelog, fail_on: FailOn = FailOn.BREAKING, by_class: bool = False) -> str:
    data = log.to_dict()
    data["fail_on"] = fail_on.value
    data["failing"] = [c.id for c in log.failing(fail_on)]
    if by_class:
        data["by_class"] = {name: [c.id for c in changes]
                            for name, changes in log.by_class().items()}
    parts = []
    for key, value in data.items():
        if key in ("changes", "findings") and isinstance(value, list) and value:
            items = ",\n    ".join(_compact(v) for v in value)
            parts.append(f"  {_compact(key)}: [\n    {items}\n  ]")
        else:
            parts.append(f"  {_compact(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(log: Changelog, fail_on: FailOn = FailOn.BREAKING,
                    by_class: bool = False) -> str:
    s = log.summary()
    lines = [
        f"### {_md(_title(log))}",
        "",
        f"Recommended version bump: **{log.bump.value}**. {s['changes']} change(s): "
        f"{s['breaking']} breaking, {s['waived']} waived, {s['needs_review']} need review.",
        "",
    ]
    if log.changes:
        lines += [
            "| | Change | Path | Consumers | Producers | Bump | Id |",
            "|---|---|---|---|---|---|---|",
        ]
        icons = {"FAIL": ":x:", "BREAKING": ":warning:", "WAIVED": ":white_check_mark:", "ok": ""}
        for c in log.changes:
            reach = f" (affects {len(c.affects)}: {_md(_names(c.affects))})" if c.affects else ""
            lines.append(
                f"| {icons[_status(c, fail_on)]} | {_md(c.message)}{reach} | `{_md(c.path)}` | "
                f"{c.consumer.value} | {c.producer.value} | {c.bump.value} | `{c.id}` |"
            )
        lines.append("")
    if by_class:
        for name, changes in log.by_class().items():
            lines.append(f"#### {_md(name)}")
            lines.extend(f"- `{c.id}` {_md(c.message)}" for c in changes)
            lines.append("")
    for c in log.changes:
        if c.waiver is None:
            continue
        lines.append(
            f"- `{c.id}` waived by {_md(c.waiver.approver)} until {c.waiver.expires}: "
            f"{_md(c.waiver.reason)}"
        )
    lines.extend(f"- {_md(f.render())}" for f in log.findings)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_junit(log: Changelog, fail_on: FailOn = FailOn.BREAKING, by_class: bool = False) -> str:
    failing = log.failing(fail_on)
    suite = ElementTree.Element(
        "testsuite",
        name=_title(log),
        tests=str(len(log.changes) + len(log.findings)),
        failures=str(len(failing) + len(log.findings.errors)),
        errors="0",
        skipped=str(len(log.waived)),
    )
    for c in log.changes:
        case = ElementTree.SubElement(
            suite, "testcase", classname=f"{log.subject}.{c.kind}", name=f"{c.path} [{c.id}]"
        )
        if c.fails(fail_on):
            failure = ElementTree.SubElement(case, "failure", message=c.message, type=c.kind)
            failure.text = (
                f"consumer: {c.consumer.value}; producer: {c.producer.value}; bump: {c.bump.value}"
            )
        elif c.waiver is not None:
            ElementTree.SubElement(
                case, "skipped", message=f"waived by {c.waiver.approver}: {c.waiver.reason}"
            )
    for f in log.findings:
        junit_case(suite, f)
    suites = ElementTree.Element("testsuites")
    suites.append(suite)
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def render_github(log: Changelog, fail_on: FailOn = FailOn.BREAKING,
                  by_class: bool = False) -> str:
    source = log.new_source or ""
    # annotate the file only when the new side is a path (not git:REV:path or a version)
    is_path = bool(source) and not source.startswith("git:") and not SemVer.is_valid(source)
    file = source if is_path else None
    where = f"file={gh_prop(file)}," if file else ""
    lines: list[str] = []
    for c in log.changes:
        level = "error" if c.fails(fail_on) else "warning" if c.breaking else "notice"
        title = gh_prop(f"{c.kind} {c.path} ({c.bump.value})")
        lines.append(
            f"::{level} {_gh_where(c) or where}title={title}::{gh_data(c.message)} "
            f"[{c.id}; consumer {c.consumer.value}, producer {c.producer.value}]"
        )
    lines.extend(github_line(f) for f in log.findings)
    lines.append(f"{_title(log)}: recommended bump {log.bump.value}")
    return "\n".join(lines) + "\n"


def _gh_where(change: Change) -> str:
    return _gh_place(change.file, change.line)


def _gh_place(file: str | None, line: int | None) -> str:
    """``file=..,line=..,`` of a change or finding that knows its place (a ``git:REV:``
    prefix dropped: the annotation names the file in the checkout)."""
    if not file:
        return ""
    if file.startswith("git:"):
        file = file.split(":", 2)[-1]
    at = f"line={line}," if line is not None else ""
    return f"file={gh_prop(file)},{at}"


_RENDERERS: dict[Format, Callable[[Changelog, FailOn, bool], str]] = {
    Format.TEXT: render_text,
    Format.JSON: render_json,
    Format.MARKDOWN: render_markdown,
    Format.JUNIT: render_junit,
    Format.GITHUB: render_github,
}


#: formats that have a per-class view (``by_class=True``)
BY_CLASS_FORMATS: tuple[Format, ...] = (Format.TEXT, Format.JSON, Format.MARKDOWN)


def render(
    log: Changelog, fmt: Format | str = Format.TEXT, fail_on: FailOn = FailOn.BREAKING,
    *, by_class: bool = False,
) -> str:
    """Render a changelog in one of the shared formats (``by_class``: text, json, markdown)."""
    fmt = Format(fmt)
    if by_class and fmt not in BY_CLASS_FORMATS:
        raise ValueError(f"the per-class view is available in text, json and markdown, "
                         f"not {fmt.value}")
    return _RENDERERS[fmt](log, fail_on, by_class)


FORMATS: tuple[str, ...] = tuple(f.value for f in Format)
