"""Where each generated page lives in the site, and links between pages.

Generated pages are virtual files under ``reference/`` (see :mod:`canonical.docs.site`);
hand-written pages never use these folders. Markdown links use relative ``.md`` paths
(checked by ``mkdocs build --strict``); links inside inline SVG are raw HTML, so they are
computed for the directory URLs the site uses (``use_directory_urls: true``).
"""

from __future__ import annotations

import posixpath

from canonical import docsite
from canonical.docs.markdown import slug

ENTITIES = "reference/entities"
COMPONENTS = "reference/components"
ENUMS = "reference/enums"
PLANTS = "reference/plants"
RULES = "reference/rules"  # the index page, and one page per rule family
RULES_PAGE = f"{RULES}/index.md"
UNITS_PAGE = "reference/unit-codes.md"  # written by canonical.units.table.render_page
TYPES_PAGE = "reference/types.md"
CLI_PAGE = "reference/cli.md"
CHANGELOG_PAGE = "changelog.md"
B2MML_COVERAGE_PAGE = "reference/b2mml-coverage.md"  # canonical.b2mml.coverage.render_page

#: folders that belong to the generator; a hand-written file there is an error
GENERATED_FOLDERS: tuple[str, ...] = (ENTITIES, COMPONENTS, ENUMS, PLANTS, RULES)
GENERATED_FILES: tuple[str, ...] = (TYPES_PAGE, CLI_PAGE, CHANGELOG_PAGE,
                                    B2MML_COVERAGE_PAGE)


def entity_page(name: str) -> str:
    return f"{ENTITIES}/{name}.md"


def component_page(name: str) -> str:
    return f"{COMPONENTS}/{name}.md"


def enum_page(name: str) -> str:
    return f"{ENUMS}/{name}.md"


def plant_page(plant_id: str) -> str:
    return f"{PLANTS}/{plant_id}.md"


def rule_anchor(rule_id: str) -> str:
    return docsite.rule_anchor(rule_id)


def rule_page(rule_id: str) -> str:
    """The catalogue page of a rule's family (``LOT-003`` -> ``reference/rules/lot.md``,
    ``MAP-045`` -> ``reference/rules/map-0xx.md``): the
    page :func:`canonical.docsite.rule_url` points at."""
    return f"{RULES}/{docsite.rule_family(rule_id)}.md"


def unit_anchor(code: str) -> str:
    return "unit-" + slug(code)


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative Markdown link target from one page source to another."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def _url(page: str) -> str:
    stem = page[:-3] if page.endswith(".md") else page
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_page: str, to_page: str) -> str:
    """Relative URL for raw HTML (directory URLs): reference/entities/Lot.md -> ../Lot/."""
    here = _url(from_page)
    return posixpath.relpath(_url(to_page), here or ".") + "/"
