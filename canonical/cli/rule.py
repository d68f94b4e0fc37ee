"""``canon rule``: a rule's page in the terminal (what it checks, why, examples, fix, guide).

``canon rule MAP-045`` prints the Markdown of the rule's section of the docs' rule catalogue,
as ``ruff rule`` does; ``canon rule --missing`` lists the rules whose page still lacks fields.
Exit 0, or 2 for an unknown rule id (with the nearest ids suggested).
"""

from __future__ import annotations

import difflib
import json
import re
import sys

import click

from canonical.cli.options import output_option
from canonical.cli.output import EXIT_OK, fail, format_option

_ID = re.compile(r"^([A-Z][A-Z0-9]*?)-?0*(\d+)$")


def normalise(text: str) -> str:
    """``map45`` / ``Map-045`` -> ``MAP-045`` (ids are PREFIX-NNN)."""
    value = text.strip().upper()
    found = _ID.match(value)
    if found is None:
        return value
    return f"{found.group(1)}-{int(found.group(2)):03d}"


@click.command("rule")
@click.argument("rule_id", required=False)
@click.option("--missing", is_flag=True,
              help="List the rules whose page lacks why/examples/fix/guide, instead.")
@format_option
@output_option
def rule(rule_id: str | None, missing: bool, fmt: str) -> None:
    """Explain a rule: what it checks, why it matters, a failing and a passing example,
    how to fix it and the guide to read (the rule's docs page, as Markdown).

    Example: canon rule MAP-045
    """
    from canonical.docs.rule_pages import render_rule
    from canonical.docs.site import all_rules
    from canonical.docsite import page_url, rule_url
    from canonical.ruledocs import rule_doc

    rules = all_rules()
    if missing:
        gaps = {r: rule_doc(r).missing() for r in rules}
        gaps = {r: m for r, m in gaps.items() if m}
        if fmt == "json":
            click.echo(json.dumps({r: list(m) for r, m in gaps.items()}, indent=2))
        else:
            for rid, fields in gaps.items():
                click.echo(f"{rid:<8} lacks {', '.join(fields)}")
            click.echo(f"{len(gaps)} of {len(rules)} rule pages incomplete")
        sys.exit(EXIT_OK)
    if rule_id is None:
        fail("give a rule id (e.g. canon rule MAP-045) or --missing")
    wanted = normalise(rule_id)
    found = rules.get(wanted)
    if found is None:
        close = difflib.get_close_matches(wanted, list(rules), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else \
            "; 'canon rule --missing' lists every rule id"
        fail(f"unknown rule id {rule_id!r}{hint}")
    doc = rule_doc(found.id)
    if fmt == "json":
        data = {"rule_id": found.id, "summary": found.summary, "severity": found.severity.value,
                "where": found.scope.value, "docs_url": rule_url(found.id),
                "why": doc.why, "fix": doc.fix, "guide": page_url(doc.guide) if doc.guide else None,
                "failing": _example(doc.failing), "passing": _example(doc.passing)}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        sys.exit(EXIT_OK)
    text = render_rule(found, doc, link=page_url, heading=f"# {found.id}: {found.summary}",
                       facts=[("Docs", rule_url(found.id))])
    click.echo(text.rstrip("\n"))
    sys.exit(EXIT_OK)


def _example(example: object) -> dict[str, object] | None:
    from canonical.ruledocs import Example

    if not isinstance(example, Example):
        return None
    return {"command": example.command, "python": example.python, "files": dict(example.files)}
