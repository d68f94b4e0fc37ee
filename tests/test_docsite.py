"""One function builds a rule's docs URL; the site puts every rule where that URL points."""

from __future__ import annotations

import pytest

from canonical import docsite
from canonical.rules import catalogue


@pytest.mark.parametrize(("rule_id", "family"), [
    ("IO-003", "io"), ("B2M-110", "b2m"), ("SVC-005", "svc"), ("LOT-003", "lot")])
def test_the_family_is_the_id_without_its_number(rule_id: str, family: str) -> None:
    assert docsite.rule_family(rule_id) == family


@pytest.mark.parametrize(("rule_id", "family"), [
    ("MAP-045", "map-0xx"), ("MAP-101", "map-1xx"), ("MAP-380", "map-3xx"),
    ("MAP-405", "map-4xx")])
def test_the_large_map_family_has_a_page_per_hundred(rule_id: str, family: str) -> None:
    assert docsite.rule_family(rule_id) == family


def test_rule_url_names_the_family_page_and_the_anchor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(docsite.DOCS_URL_ENV, "https://docs.example.com/werk/")
    assert docsite.rule_url("MAP-045") == "https://docs.example.com/werk/reference/rules/map-0xx/#map-045"
    assert docsite.rule_url("SVC-005", base="https://intra.example.org/canon") == \
        "https://intra.example.org/canon/reference/rules/svc/#svc-005"


def test_every_rule_url_is_the_generated_page_of_the_rule() -> None:
    from canonical.docs import paths

    wrong = {rid: docsite.rule_url(rid) for rid in catalogue()
             if docsite.rule_url(rid) != docsite.page_url(paths.rule_page(rid)) + "#"
             + paths.rule_anchor(rid)}
    assert wrong == {}
