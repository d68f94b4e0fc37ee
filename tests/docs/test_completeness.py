"""Every entity, field, enum value, unit code, rule id, plant and CLI command is documented.

The expected sets come from the sources themselves (the generated models, the unit table, the
rule registry, the shipped plants, the click tree), never from the generator under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from canonical.docs import paths
from canonical.docs.site import Site, generate

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site() -> Site:
    from canonical.cli import cli

    return generate(cli_root=cli, changelog=ROOT / "CHANGELOG.md", docs_dir=DOCS)


def _table_first_column(markdown: str, heading: str) -> list[str]:
    """Cells of the first column of the first pipe table after ``heading``."""
    lines = markdown.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line.split("|")[1].strip().strip("`"))
    return rows


def test_every_entity_has_a_page_listing_every_field(site: Site) -> None:
    from canonical.models import ENTITIES

    for name, model in ENTITIES.items():
        page = site.page(paths.entity_page(name)).content
        assert _table_first_column(page, "## Fields") == list(model.model_fields), name


def test_every_nested_class_has_a_page(site: Site) -> None:
    import canonical.models as models

    nested = {"Quantity", "ExternalReference", "ComponentRequirement", "OperationConfirmation",
              "AlternativeUnit", "GenealogyLink", "Specification"}
    for name in nested:
        page = site.page(paths.component_page(name)).content
        assert _table_first_column(page, "## Fields") == list(
            getattr(models, name).model_fields), name


def test_every_enum_value_is_documented(site: Site) -> None:
    from enum import StrEnum

    import canonical.models as models

    enums = {n: e for n in models.__all__ if isinstance(e := getattr(models, n), type)
             and issubclass(e, StrEnum)}
    assert len(enums) >= 10
    for name, enum in enums.items():
        page = site.page(paths.enum_page(name)).content
        assert _table_first_column(page, "## Values") == [m.value for m in enum], name


def test_order_status_page_draws_every_allowed_transition(site: Site) -> None:
    from canonical.validation.transitions import allowed_transitions

    page = site.page(paths.enum_page("OrderStatus")).content
    assert "<svg" in page
    drawn = set(re.findall(r"^\| `(\w+)` \| `(\w+)` \|$", page.split("## Allowed transitions")[1],
                           re.MULTILINE))
    expected = {(a, b) for a, targets in allowed_transitions().items() for b in targets}
    assert drawn == expected and expected


def test_every_rule_id_is_in_the_catalogue(site: Site) -> None:
    from canonical.docs.site import all_rules

    placed = {rule_id: page.path for page in site.sections["rules"]
              for rule_id in re.findall(r"^## ([A-Z0-9]+-\d+) \{ #", page.content, re.MULTILINE)}
    assert set(placed) == set(all_rules())
    assert {"ORD-001", "UOM-001", "MAP-101", "GOV-090"} <= set(placed)
    # each rule sits on the page its findings' docs URL names, and the index links every rule
    assert {rid: path for rid, path in placed.items() if path != paths.rule_page(rid)} == {}
    index = site.page(paths.RULES_PAGE).content
    assert "[MAP-045](map-0xx.md#map-045)" in index and "[IO-003](io.md#io-003)" in index


def test_no_catalogue_page_is_heavy(site: Site) -> None:
    """One page for every rule held over a thousand code blocks (a minute to open in a
    browser); a family page holds one family's rules."""
    blocks = {page.path: page.content.count("\n```") // 2 for page in site.sections["rules"]}
    assert len(blocks) > 10
    assert max(blocks.values()) < 400, blocks


def test_the_rule_registry_loads_every_rules_module() -> None:
    """canonical.rules.RULE_MODULES must name every subsystem's rules module, or
    ``catalogue()`` (and what the CLI reports) depends on what happened to be imported."""
    from canonical.docs.site import rule_modules
    from canonical.rules import RULE_MODULES

    assert set(rule_modules()) - set(RULE_MODULES) == set()


def test_every_record_rule_belongs_to_an_entity() -> None:
    from canonical.docs.links import unclaimed_record_rules
    from canonical.docs.schema import read_schema
    from canonical.docs.site import all_rules

    assert unclaimed_record_rules(all_rules(), read_schema()) == []


def test_entity_pages_list_their_rules(site: Site) -> None:
    from canonical.docs.site import all_rules

    for rule_id in all_rules():
        head = rule_id.split("-")[0]
        entity = {"ORD": "ProductionOrder", "LOT": "Lot", "INV": "InventoryTransaction",
                  "QUA": "QualityResult", "MAT": "Material", "RES": "Resource",
                  "EVT": "Event", "OPR": "Operation", "LAB": "LaborReport",
                  "EQS": "EquipmentStateChange", "NCR": "Nonconformance"}.get(head)
        if entity is not None:
            assert f"[{rule_id}](" in site.page(paths.entity_page(entity)).content, rule_id


def test_patch_pages_list_the_patch_record_rules(site: Site) -> None:
    from canonical.docs.links import PATCHES
    from canonical.docs.site import all_rules
    from canonical.models import ENTITIES
    from canonical.rules import Scope

    assert set(PATCHES) == {n for n in ENTITIES if n.endswith("Patch")}
    record_rules = [r for r, rule in all_rules().items()
                    if r.startswith("PAT-") and rule.scope is Scope.RECORD]
    assert record_rules
    for name in PATCHES:
        page = site.page(paths.entity_page(name)).content
        assert all(f"[{r}](" in page for r in record_rules), name


def test_reference_table_names_existing_fields_and_entities() -> None:
    import canonical.models as models
    from canonical.docs.links import REFERENCES
    from canonical.models import ENTITIES

    for (cls, field), target in REFERENCES.items():
        assert field in getattr(models, cls).model_fields, (cls, field)
        assert target in ENTITIES, target


def test_every_unit_code_is_on_the_unit_page() -> None:
    from canonical.units import units

    page = (DOCS / paths.UNITS_PAGE).read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| (?:<span id=\"[^\"]+\"></span>)?`([^`]+)` \|", page, re.MULTILINE))
    active = {code for code, unit in units().items() if unit.active}
    assert active <= listed


def test_every_shipped_plant_has_a_page_with_every_row(site: Site) -> None:
    from canonical.mapping import shipped_plants

    plants = shipped_plants()
    assert {"DE01", "US02"} <= set(plants)
    for plant in plants:
        page = site.page(paths.plant_page(plant)).content
        for csv_file in sorted((ROOT / "mappings" / plant).glob("*.csv")):
            lines = csv_file.read_text(encoding="utf-8").splitlines()[1:]
            codes = [line.split(",")[1] for line in lines if line.strip()]
            section = page.split(f"## {csv_file.stem} ", 1)[1].split("\n## ", 1)[0]
            listed = _table_first_column(section, "\n")  # the Line column
            assert len(listed) == len(codes), (plant, csv_file.name)
            for code in codes:
                assert f"`{code.strip(chr(34))}`" in section, (plant, csv_file.name, code)


def test_every_cli_command_is_documented(site: Site) -> None:
    import click

    from canonical.cli import cli

    def walk(command: click.Command, path: tuple[str, ...]) -> list[str]:
        found = [" ".join(path)]
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                found += walk(sub, (*path, name))
        return found

    page = site.page(paths.CLI_PAGE).content
    commands = walk(cli, ("canon",))
    assert {"canon validate", "canon docs build"} <= set(commands)
    for command in commands:
        assert f"`{command}` {{ #" in page, command


def test_changelog_is_in_the_site(site: Site) -> None:
    assert site.page(paths.CHANGELOG_PAGE).content == (ROOT / "CHANGELOG.md").read_text(
        encoding="utf-8")


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_pages(value)]
    return [nav] if isinstance(nav, str) else []


def test_every_hand_written_page_is_in_the_navigation() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    in_nav = set(_nav_pages(config["nav"]))
    written = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")
               if p.relative_to(DOCS).parts[0] != "examples"}  # data of examples, not pages
    assert written - in_nav == set()


def test_contributed_pages_are_written() -> None:
    """Pages other subsystems own; the site leaves a missing one out of the nav, this names it."""
    from canonical.cli.docs_hook import CONTRIBUTED_PAGES

    missing = sorted(p for p in CONTRIBUTED_PAGES if not (DOCS / p).is_file())
    assert missing == [], f"contributed docs pages not written yet: {missing}"


PUBLIC_API = ["canonical", "canonical.units", "canonical.mapping", "canonical.engine",
              "canonical.validation", "canonical.validation.batch.run", "canonical.governance",
              "canonical.b2mml", "canonical.report", "canonical.errors", "canonical.rules"]


def test_every_public_package_has_an_api_reference() -> None:
    api = Path(__file__).resolve().parents[2] / "docs" / "api"
    documented = {line.removeprefix(":::").strip()
                  for page in api.glob("*.md") for line in page.read_text(encoding="utf-8").splitlines()
                  if line.startswith(":::")}
    assert set(PUBLIC_API) - documented == set()
