"""Findings as CI output: JUnit XML (CI test tabs) and GitHub Actions workflow commands.

Every checking command (``validate``, ``mappings check``, ``batch``, and the change reports
of ``schema diff`` / ``mappings diff``) renders its findings through this module, so a CI
system sees one shape whatever the command:

* ``junit``: one ``<testcase>`` per finding (classname = rule id, name = where), errors as
  ``<failure>``, warnings and infos as passing cases with their text; a report without
  findings is one passing case, so the suite shows that the check ran.
* ``github``: one ``::error``/``::warning``/``::notice`` line per finding, with ``file=`` and
  ``line=`` whenever the finding knows them, so the annotation lands on the table row or
  record line in the pull request; the title is the rule id, the text ends with the rule's
  docs URL.
"""

from __future__ import annotations

from xml.etree import ElementTree

from canonical.docsite import rule_url
from canonical.report import Finding, Report, Severity

GITHUB_LEVEL: dict[Severity, str] = {
    Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice",
}


def gh_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_prop(text: str) -> str:
    """Escape a property value (``file=``, ``title=``) of a workflow command."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    """One workflow command for ``finding``."""
    props = []
    if finding.file:
        props.append(f"file={gh_prop(finding.file)}")
        if finding.line is not None:
            props.append(f"line={finding.line}")
    props.append(f"title={gh_prop(finding.rule_id)}")
    where = "" if finding.path in ("", "$") else f"{finding.path}: "
    text = f"{where}{finding.message} ({rule_url(finding.rule_id)})"
    return f"::{GITHUB_LEVEL[finding.severity]} {','.join(props)}::{gh_data(text)}"


def render_github(report: Report, *, summary: str = "") -> str:
    lines = [github_line(f) for f in report.findings]
    if summary:
        lines.append(summary)
    return "\n".join(lines) + "\n" if lines else ""


def junit_case(parent: ElementTree.Element, finding: Finding) -> None:
    """Append ``finding`` to ``parent`` as one ``<testcase>``."""
    case = ElementTree.SubElement(parent, "testcase", classname=finding.rule_id,
                                  name=finding.where())
    if finding.file:
        case.set("file", finding.file)
        if finding.line is not None:
            case.set("line", str(finding.line))
    detail = f"{finding.render()}\n{rule_url(finding.rule_id)}"
    if finding.severity is Severity.ERROR:
        failure = ElementTree.SubElement(case, "failure", message=finding.message,
                                         type=finding.rule_id)
        failure.text = detail
    else:
        ElementTree.SubElement(case, "system-out").text = detail


def render_junit(report: Report, *, suite: str, summary: str = "") -> str:
    root = ElementTree.Element("testsuite", name=suite, tests=str(max(1, len(report))),
                               failures=str(len(report.errors)), errors="0", skipped="0")
    for finding in report.findings:
        junit_case(root, finding)
    if not report.findings:
        ElementTree.SubElement(root, "testcase", classname=suite, name=summary or "no findings")
    if summary:
        ElementTree.SubElement(root, "system-out").text = summary
    suites = ElementTree.Element("testsuites")
    suites.append(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(
        suites, encoding="unicode") + "\n"
