"""A rule's page text: files shown once; in the site's catalogue, plain example files without
copy buttons (a page of a thousand highlighted, copyable blocks took a browser over a minute)."""

from __future__ import annotations

from canonical.docs.rule_pages import render_rule
from canonical.ruledocs import Example, RuleDoc
from canonical.rules import catalogue

SPEC = "PL07/specs/SAP_S4.Lot.inbound.yaml"
DOC = RuleDoc(
    "MAP-330", why="Why.", fix="Fix.", guide="guides/steward-workflow.md",
    failing=Example("canon mappings diff was/PL07 PL07", {"was/" + SPEC: "a: 1\n", SPEC: "a: 2\n"}),
    passing=Example("canon mappings diff was/PL07 PL07", {"was/" + SPEC: "a: 1\n", SPEC: "a: 1\n"}))


def _page(**options: bool) -> str:
    return render_rule(catalogue()["MAP-330"], DOC, link=lambda page: page, heading="# MAP-330",
                       **options)


def test_passing_example_names_unchanged_files_instead_of_repeating_them() -> None:
    passes = _page().split("**Passes**", 1)[1]
    assert f"`was/{SPEC}` as above, and:" in passes.splitlines()[0]
    assert passes.count("```") == 2  # only the changed spec is shown again


def test_catalogue_shows_example_files_without_highlighting() -> None:
    assert "```yaml" in _page() and "```yaml" not in _page(plain_files=True)
    assert _page(plain_files=True).count("```{ .text .no-copy }") == 3
