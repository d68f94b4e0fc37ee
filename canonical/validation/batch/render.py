"""Render a :class:`~canonical.validation.batch.result.BatchResult` as text, JSON, HTML, or the
CI formats (JUnit, GitHub annotations) shared with every checking command.

The HTML report is one self-contained page (inline CSS, no scripts, no network) that a data
steward can open from a file share: a summary, then one row per failed rule with the count
and percentage of failing rows and a sample of failing values.
"""

from __future__ import annotations

import json
from html import escape

from canonical.ci_formats import render_github, render_junit
from canonical.validation.batch.result import BatchResult


def _status(result: BatchResult) -> str:
    report = result.to_report()
    state = "PASSED" if report.ok else "FAILED"
    return (f"{state}: {len(report.errors)} error(s), {len(report.warnings)} warning(s), "
            f"{len(result.failures)} of {len(result.outcomes)} checks failing")


def _title(result: BatchResult) -> str:
    where = f" {result.source}" if result.source else ""
    plant = f", plant {result.plant}" if result.plant else ""
    return f"{result.extract} extract{where}: {result.rows} rows ({result.engine}{plant})"


def text(result: BatchResult) -> str:
    lines = [_title(result), _status(result)]
    for note in result.notes:
        lines.append(f"  [{note.rule_id}] {note.severity.value} {note.path}: {note.message}")
    failures = sorted(result.failures, key=lambda o: (o.level.value, o.rule_id, o.column))
    if failures:
        lines.append("")
        lines.append(f"  {'rule':<8} {'severity':<8} {'column':<28} {'failing':>9} {'%':>8}  check")
        for o in failures:
            lines.append(f"  {o.rule_id:<8} {o.level.value:<8} {o.column:<28} {o.failing:>9} "
                         f"{o.percent:>7.2f}%  {o.check}")
            if o.summary:
                lines.append(f"  {'':<8} {'':<8} {o.summary}")
            if o.sample:
                lines.append(f"  {'':<8} {'':<8} sample: {', '.join(o.sample)}")
    return "\n".join(lines) + "\n"


def as_json(result: BatchResult) -> str:
    data = result.to_dict()
    data["report"] = result.to_report().to_dict()
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2430}
h1{font-size:1.3rem}.ok{color:#1a7f37}.bad{color:#b42318}
table{border-collapse:collapse;width:100%;margin-top:1rem}
th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f4f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
.error{background:#fff1f0}.warning{background:#fffbe6}.info{background:#f0f7ff}
code{font-size:.85em;word-break:break-all}
"""


def html(result: BatchResult) -> str:
    report = result.to_report()
    rows = []
    for note in result.notes:
        rows.append(
            f"<tr class='{note.severity.value}'><td>{escape(note.rule_id)}</td>"
            f"<td>{note.severity.value}</td><td>{escape(note.path)}</td>"
            f"<td class='n'></td><td class='n'></td><td colspan='2'>{escape(note.message)}</td></tr>")
    for o in sorted(result.failures, key=lambda o: (o.level.value, o.rule_id, o.column)):
        rows.append(
            f"<tr class='{o.level.value}'><td>{escape(o.rule_id)}</td><td>{o.level.value}</td>"
            f"<td>{escape(o.column)}</td><td class='n'>{o.failing}</td>"
            f"<td class='n'>{o.percent:.2f}%</td>"
            f"<td>{escape(o.check)}<br><code>{escape(o.summary)}</code></td>"
            f"<td>{escape(', '.join(o.sample))}</td></tr>")
    body = "".join(rows) or "<tr><td colspan='7'>No failing checks.</td></tr>"
    state = "ok" if report.ok else "bad"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(_title(result))}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(_title(result))}</h1><p class='{state}'>{escape(_status(result))}</p>"
        "<table><thead><tr><th>Rule</th><th>Severity</th><th>Column</th><th>Failing rows</th>"
        "<th>%</th><th>Check</th><th>Sample of failing values</th></tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>\n"
    )


def junit(result: BatchResult) -> str:
    return render_junit(result.to_report(), suite=f"canon batch {result.extract}",
                        summary=f"{_title(result)}; {_status(result)}")


def github(result: BatchResult) -> str:
    return render_github(result.to_report(), summary=f"{_title(result)}; {_status(result)}")


RENDERERS = {"text": text, "json": as_json, "html": html, "junit": junit, "github": github}
#: file suffix of a report written with ``--output``
SUFFIXES = {"text": "txt", "json": "json", "html": "html", "junit": "xml", "github": "txt"}
