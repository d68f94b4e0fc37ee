"""The generated B2MML coverage page is built from the reader's own data and lists, per
version and family, what is mapped, defaulted, not carried and not supported."""

from __future__ import annotations

import pytest

from canonical.b2mml import coverage
from canonical.b2mml.accounting import not_carried
from canonical.b2mml.defaults import SystemDefaults
from canonical.b2mml.elements import known_elements
from canonical.b2mml.specload import families, standard
from canonical.b2mml.version import NOUNS, Version


def test_every_noun_read_belongs_to_a_family() -> None:
    grouped = {n for f in coverage.FAMILIES for n in f.nouns}
    assert set().union(*NOUNS.values()) <= grouped
    read = {noun for v in Version for f in families(v.value)
            for noun, _ in (standard(v.value, f).spec or _no_spec(v, f)).documents}
    assert read <= grouped


def _no_spec(version: Version, family: str) -> object:
    raise AssertionError(f"the standard spec {version.value}/{family} has errors")


def test_every_declarable_default_is_listed() -> None:
    listed = {d for f in coverage.FAMILIES for d in f.defaults}
    assert set(SystemDefaults.model_fields) <= listed


def test_not_supported_documents_are_b2mml_nouns_no_reader_maps() -> None:
    every = set().union(*(known_elements(v) for v in Version))
    for noun in coverage.NOT_SUPPORTED:
        assert noun in every, noun
        assert all(noun not in NOUNS[v] for v in Version), noun


@pytest.mark.parametrize("version", list(Version))
def test_page_section_of_each_version(version: Version) -> None:
    page = coverage.render_page()
    section = page.split(f"\n## {version.value}\n")[1].split("\n## ")[0]
    for family, read in coverage.families(version):
        assert f"| {family.name} | " in section and all(f"`{n}`" in section for n in read)
    known = known_elements(version)
    for entry, reason in not_carried().items():
        parent, _, child = entry.partition("/")
        listed = f"| `{entry}` | {reason} |" in section
        assert listed == (child in known and parent in ("*", *known)), entry
    # resources are exported in every version, orders only as v7
    assert "| Equipment |" in section and section.split("| Equipment |")[1].split("\n")[0] \
        .endswith("| yes |")
    schedule = section.split("| Schedule |")[1].split("\n")[0]
    assert schedule.endswith("| yes |") == (version is Version.V7)


def test_the_docs_site_has_the_page() -> None:
    from canonical.docs import paths
    from canonical.docs.site import generate

    page = generate().page(paths.B2MML_COVERAGE_PAGE)
    assert page.content == coverage.render_page()
