"""Assemble every generated reference page, in memory, with the navigation sections.

:func:`generate` is called by the mkdocs hook at every ``mkdocs build`` / ``serve`` (so the
reference can never drift from the schema, the rule catalogue, the plants or the CLI) and
by ``canon docs generate DIR`` to inspect the pages on disk. Nothing here writes into
``docs/``: generated pages are never committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from canonical.docs import paths
from canonical.files.atomic import ensure_folder, write_atomic

if TYPE_CHECKING:
    import click

    from canonical.rules import Rule

#: nav placeholders in mkdocs.yml (``- Entities: generated:entities``) -> section name
NAV_PREFIX = "generated:"


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # docs-relative source path, e.g. reference/entities/Lot.md
    title: str
    content: str


@dataclass(frozen=True, slots=True)
class Site:
    """The generated pages and the nav entries each placeholder expands to."""

    pages: tuple[Page, ...]
    sections: Mapping[str, tuple[Page, ...]] = field(default_factory=dict)

    def page(self, path: str) -> Page:
        return next(p for p in self.pages if p.path == path)

    def write(self, folder: Path) -> list[Path]:
        """Write every page below ``folder`` (for inspection; the site build needs no files)."""
        written = []
        for page in self.pages:
            target = folder / page.path
            write_atomic(ensure_folder(target.parent) / target.name, page.content)
            written.append(target)
        return written


def rule_modules() -> list[str]:
    """Every ``rules`` module of the package, found on disk (not only those the registry lists)."""
    package = Path(__file__).resolve().parents[1]
    found = []
    for path in sorted(package.rglob("rules.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if "_data" not in parts and parts != ("canonical", "rules"):
            found.append(".".join(parts))
    return found


def all_rules() -> dict[str, Rule]:
    """The rule catalogue, with every subsystem's rules module imported first."""
    import importlib

    from canonical.rules import catalogue

    for name in rule_modules():
        importlib.import_module(name)
    return catalogue()


def _schema_pages(schema_path: Path | None, examples: Path) -> dict[str, tuple[Page, ...]]:
    from canonical.docs import entity_pages, enum_pages
    from canonical.docs.schema import read_schema
    from canonical.mapping.tables import TABLES

    schema = read_schema(schema_path)
    rules = all_rules()
    entities = [Page(f"{paths.ENTITIES}/index.md", "Overview",
                     entity_pages.render_index(schema, entities=True))]
    entities += [Page(paths.entity_page(c.name), c.name,
                      entity_pages.render_class(c, schema, rules, examples))
                 for c in schema.entities]
    components = [Page(f"{paths.COMPONENTS}/index.md", "Overview",
                       entity_pages.render_index(schema, entities=False))]
    components += [Page(paths.component_page(c.name), c.name,
                        entity_pages.render_class(c, schema, rules, examples))
                   for c in schema.components]
    enums = [Page(f"{paths.ENUMS}/index.md", "Overview", enum_pages.render_index(schema))]
    for enum in schema.enums:
        mapped_by = [name for name, spec in TABLES.items() if spec.enum == enum.name]
        enums.append(Page(paths.enum_page(enum.name), enum.name,
                          enum_pages.render_enum(enum, schema, mapped_by)))
    from canonical.docs.catalogue_pages import render_rules

    single = (Page(paths.RULES_PAGE, "Rule catalogue", render_rules(rules, schema)),
              Page(paths.TYPES_PAGE, "Types", enum_pages.render_types(schema)))
    return {"entities": tuple(entities), "components": tuple(components),
            "enums": tuple(enums), "_single": single}


def _plant_pages(docs_dir: Path | None) -> tuple[Page, ...]:
    from canonical.docs.plant_pages import MAPPING_TABLES_PAGE, render_index, render_plant
    from canonical.mapping.checks import check_source
    from canonical.mapping.source import read_plant_folder, resolve_plant, shipped_plants

    pages, summary = [], []
    for plant_id in shipped_plants():
        source = read_plant_folder(resolve_plant(plant_id), label=f"mappings/{plant_id}")
        report = check_source(source)
        findings = [f.render() for f in report if f.rule_id != "MAP-021"]
        linked = docs_dir is None or (docs_dir / MAPPING_TABLES_PAGE).is_file()
        pages.append(Page(paths.plant_page(plant_id), plant_id,
                          render_plant(source, findings, format_page=linked)))
        name = source.config.name if source.config else ""
        summary.append((plant_id, name, sum(len(t.rows) for t in source.tables.values())))
    return (Page(f"{paths.PLANTS}/index.md", "Overview", render_index(summary)), *pages)


def _changelog(path: Path) -> Page:
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n\nNo changelog.\n"
    return Page(paths.CHANGELOG_PAGE, "Changelog", text)


def generate(*, cli_root: click.Command | None = None, schema_path: Path | None = None,
             changelog: Path | None = None, docs_dir: Path | None = None) -> Site:
    """Every generated page. ``cli_root`` is the ``canon`` click group (None: no CLI page);
    ``docs_dir`` lets pages link hand-written pages only once they exist."""
    from canonical.resources import data_dir

    sections = _schema_pages(schema_path, data_dir("examples") / "records")
    single = list(sections.pop("_single"))
    sections["plants"] = _plant_pages(docs_dir)
    if cli_root is not None:
        from canonical.docs.cli_pages import render_cli

        single.append(Page(paths.CLI_PAGE, "Command line", render_cli(cli_root)))
    if changelog is not None:
        single.append(_changelog(changelog))
    from canonical.b2mml.coverage import render_page

    single.append(Page(paths.B2MML_COVERAGE_PAGE, "B2MML coverage", render_page()))
    pages = [p for section in sections.values() for p in section] + single
    return Site(tuple(pages), sections)


def expand_nav(nav: object, site: Site) -> object:
    """mkdocs nav with each ``generated:<section>`` placeholder replaced by its pages."""
    if isinstance(nav, list):
        return [expand_nav(item, site) for item in nav]
    if isinstance(nav, dict):
        return {key: expand_nav(value, site) for key, value in nav.items()}
    if isinstance(nav, str) and nav.startswith(NAV_PREFIX):
        name = nav[len(NAV_PREFIX):]
        if name not in site.sections:
            raise KeyError(f"mkdocs.yml nav names unknown generated section {name!r}; "
                           f"known: {', '.join(site.sections)}")
        return [{p.title: p.path} if p.title != "Overview" else p.path
                for p in site.sections[name]]
    return nav
