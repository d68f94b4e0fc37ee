"""The rule catalogue page (the unit table page is ``canonical.units.table.render_page``)."""

from __future__ import annotations

from itertools import groupby

from canonical.docs import paths
from canonical.docs.links import entities_of_rule
from canonical.docs.markdown import filtered_table
from canonical.docs.rule_pages import render_rule
from canonical.docs.schema import SchemaDoc
from canonical.ruledocs import rule_doc
from canonical.rules import Rule, Scope

SCOPE_TEXT: dict[Scope, str] = {
    Scope.RECORD: "Checked on every record by `canonical.validate` and `canon validate`.",
    Scope.BATCH: "Checked on whole extracts by the batch suites (`canon batch`).",
    Scope.UNITS: "Raised or reported by unit conversion (`canonical.units`, `canon convert`).",
    Scope.MAPPING: "Reported by mapping-table governance (`canon mappings check`) and lookups.",
    Scope.ENGINE: "Reported by the mapping engine (`canonical.engine.to_canonical`, `canon map`).",
    Scope.SCHEMA: "Reported by schema governance (`canon schema diff`, `check-release`).",
    Scope.B2MML: "Reported by B2MML import and export (`canon b2mml`).",
    Scope.INPUT: "Reported when an input file cannot be read at all.",
}


def _index(rules: dict[str, Rule]) -> str:
    rows = [(f"[{r.id}](#{paths.rule_anchor(r.id)})", r.severity.value, r.scope.value, r.summary)
            for r in rules.values()]
    return filtered_table("rule-index", "Filter rules: id, word, severity, area",
                          ("Rule", "Severity", "Where", "Checks"), rows)


def render_rules(rules: dict[str, Rule], schema: SchemaDoc) -> str:
    here = paths.RULES_PAGE
    out = [
        "# Rule catalogue\n",
        "Every rule id of the project. A rule id is stable: once released it keeps its meaning "
        "forever, and a retired id is never reused. Every finding, error and report names the "
        "rule id, and JSON output carries the link to its section here (`docs_url`); "
        "`canon rule ID` prints the same text in a terminal.\n",
        f"{len(rules)} rules in {len({r.scope for r in rules.values()})} areas.\n",
        "## Index\n",
        _index(rules),
    ]
    by_scope = sorted(rules.values(), key=lambda r: (list(Scope).index(r.scope), r.id))
    for scope, group in groupby(by_scope, key=lambda r: r.scope):
        members = list(group)
        out.append(f"## {scope.value.capitalize()}\n")
        out.append(SCOPE_TEXT.get(scope, "") + "\n")
        for rule in members:
            applies = entities_of_rule(rule, schema)
            facts = []
            if applies:
                facts.append(("Entities", ", ".join(
                    f"[{e}]({paths.link(here, paths.entity_page(e))})" for e in applies)))
            out.append(render_rule(
                rule, rule_doc(rule.id), link=lambda page: paths.link(here, page),
                heading=f"### {rule.id} {{ #{paths.rule_anchor(rule.id)} }}", facts=facts,
                plain_files=True))
    return "\n".join(out)
