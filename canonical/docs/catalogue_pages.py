"""The rule catalogue: an index page with a filter, and one page per rule family.

A family is a rule id's prefix (``LOT``, ``IO``; the large MAP family per hundred, ``MAP-0xx``):
``MAP-045`` is explained on ``reference/rules/map-0xx.md`` under the anchor ``map-045``, the
address every finding carries
(:func:`canonical.docsite.rule_url`, which needs only the id). One page for every rule held
more than a thousand code blocks and took a browser up to a minute to open; a family page
holds at most one area's rules. (The unit table page is ``canonical.units.table.render_page``.)
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from canonical.docs import paths
from canonical.docs.links import entities_of_rule
from canonical.docs.markdown import filtered_table, table
from canonical.docs.rule_pages import render_rule
from canonical.docs.schema import SchemaDoc
from canonical.docs.site import Page
from canonical.docsite import rule_family
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
INTRO = ("Every rule id of the project. A rule id is stable: once released it keeps its meaning "
         "forever, and a retired id is never reused. Every finding, error and report names the "
         "rule id, and JSON output carries the link to its section (`docs_url`); "
         "`canon rule ID` prints the same text in a terminal.\n")


def _scopes(rules: Iterable[Rule]) -> list[Scope]:
    order = list(Scope)
    return sorted({r.scope for r in rules}, key=order.index)


def families(rules: dict[str, Rule]) -> list[tuple[str, list[Rule]]]:
    """Rules grouped by family, families ordered by area (as :class:`Scope` lists them) then
    prefix, rules by id."""
    order = list(Scope)
    grouped = groupby(sorted(rules.values(), key=lambda r: (rule_family(r.id), r.id)),
                      key=lambda r: rule_family(r.id))
    found = [(family, list(members)) for family, members in grouped]
    return sorted(found, key=lambda f: (min(order.index(r.scope) for r in f[1]), f[0]))


def _prefix(members: list[Rule]) -> str:
    return members[0].id.rsplit("-", 1)[0]


def family_title(members: list[Rule]) -> str:
    """``LOT: record`` or ``MAP-3xx: mapping`` (the nav entry and the page's heading)."""
    return f"{_label(members)}: {', '.join(s.value for s in _scopes(members))}"


def _label(members: list[Rule]) -> str:
    """The family as a reader names it: ``LOT``, or ``MAP-3xx`` for a page per hundred."""
    family = rule_family(members[0].id)
    prefix = _prefix(members)
    return prefix + family[len(prefix):] if family != prefix.lower() else prefix


def _link(rule: Rule) -> str:
    target = paths.link(paths.RULES_PAGE, paths.rule_page(rule.id), paths.rule_anchor(rule.id))
    return f"[{rule.id}]({target})"


def render_index(rules: dict[str, Rule]) -> str:
    grouped = families(rules)
    family_rows = [(f"[{_label(m)}]({paths.link(paths.RULES_PAGE, paths.rule_page(m[0].id))})",
                    ", ".join(s.value for s in _scopes(m)), len(m)) for _, m in grouped]
    rows = [(_link(r), r.severity.value, r.scope.value, r.summary)
            for _, members in grouped for r in members]
    return "\n".join([
        "# Rule catalogue\n", INTRO,
        f"{len(rules)} rules in {len(grouped)} families, {len(_scopes(rules.values()))} areas. "
        "Each family (the id's prefix) has its own page; the index below filters every rule.\n",
        "## Families\n", table(("Family", "Where", "Rules"), family_rows),
        "## Index\n",
        filtered_table("rule-index", "Filter rules: id, word, severity, area",
                       ("Rule", "Severity", "Where", "Checks"), rows),
    ])


def render_family(members: list[Rule], schema: SchemaDoc) -> str:
    here = paths.rule_page(members[0].id)
    out = [f"# {family_title(members)}\n",
           " ".join(SCOPE_TEXT.get(s, "") for s in _scopes(members)) + "\n",
           f"{len(members)} rule{'s' if len(members) != 1 else ''}; every rule is listed in the "
           f"[catalogue index]({paths.link(here, paths.RULES_PAGE)}).\n"]
    for rule in members:
        applies = entities_of_rule(rule, schema)
        facts = []
        if applies:
            facts.append(("Entities", ", ".join(
                f"[{e}]({paths.link(here, paths.entity_page(e))})" for e in applies)))
        out.append(render_rule(
            rule, rule_doc(rule.id), link=lambda page: paths.link(here, page),
            heading=f"## {rule.id} {{ #{paths.rule_anchor(rule.id)} }}", facts=facts,
            plain_files=True))
    return "\n".join(out)


def render_rules(rules: dict[str, Rule], schema: SchemaDoc) -> tuple[Page, ...]:
    """The index page (nav title ``Overview``: the section's index) and every family's page."""
    return (Page(paths.RULES_PAGE, "Overview", render_index(rules)),
            *(Page(paths.rule_page(m[0].id), family_title(m), render_family(m, schema))
              for _, m in families(rules)))
