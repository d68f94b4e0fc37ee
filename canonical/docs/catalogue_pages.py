"""The rule catalogue page (the unit table page is ``canonical.units.table.render_page``)."""

from __future__ import annotations

from itertools import groupby

from canonical.docs import paths
from canonical.docs.links import entities_of_rule
from canonical.docs.markdown import table
from canonical.docs.schema import SchemaDoc
from canonical.rules import Rule, Scope

SCOPE_TEXT: dict[Scope, str] = {
    Scope.RECORD: "Checked on every record by `canonical.validate` and `canon validate`.",
    Scope.BATCH: "Checked on whole extracts by the batch suites (`canon batch`).",
    Scope.UNITS: "Raised or reported by unit conversion (`canonical.units`, `canon convert`).",
    Scope.MAPPING: "Reported by mapping-table governance (`canon mappings check`) and lookups.",
    Scope.ENGINE: "Reported by the mapping engine (`plant.to_canonical`, `canon map`).",
    Scope.SCHEMA: "Reported by schema governance (`canon schema diff`, `check-release`).",
    Scope.B2MML: "Reported by B2MML import and export (`canon b2mml`).",
    Scope.INPUT: "Reported when an input file cannot be read at all.",
}


def render_rules(rules: dict[str, Rule], schema: SchemaDoc) -> str:
    here = paths.RULES_PAGE
    out = [
        "# Rule catalogue\n",
        "Every rule id of the project. A rule id is stable: once released it keeps its meaning "
        "forever, and a retired id is never reused. Every finding, error and report names the "
        "rule id, so search this page for the id you were given.\n",
        f"{len(rules)} rules in {len({r.scope for r in rules.values()})} areas.\n",
    ]
    by_scope = sorted(rules.values(), key=lambda r: (list(Scope).index(r.scope), r.id))
    for scope, group in groupby(by_scope, key=lambda r: r.scope):
        members = list(group)
        out.append(f"## {scope.value.capitalize()}\n")
        out.append(SCOPE_TEXT.get(scope, "") + "\n")
        for rule in members:
            applies = entities_of_rule(rule, schema)
            out.append(f"### {rule.id} {{ #{paths.rule_anchor(rule.id)} }}\n")
            facts = [("Checks", rule.summary), ("Severity", rule.severity.value),
                     ("Where", scope.value)]
            if applies:
                facts.append(("Entities", ", ".join(
                    f"[{e}]({paths.link(here, paths.entity_page(e))})" for e in applies)))
            out.append(table(("Rule", rule.id), facts))
    return "\n".join(out)
