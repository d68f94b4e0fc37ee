"""Every fixture document conforms to the official XSDs; the element lists match the XSDs."""

from __future__ import annotations

from pathlib import Path

import element_names
import pytest
import xsd
from xsd import FIXTURES

DOCUMENTS = sorted(FIXTURES.glob("*/*.xml"))


def test_every_family_has_fixtures_in_each_version() -> None:
    names = {(p.parent.name, p.stem) for p in DOCUMENTS}
    assert {("V0401", "production_schedule"), ("V0401", "production_performance"),
            ("V0401", "material_information"), ("V0401", "equipment"),
            ("V0600", "production_schedule"), ("V0600", "operations_schedule"),
            ("V0600", "production_performance"), ("V0600", "operations_performance"),
            ("V0600", "material_information"), ("V0600", "equipment"),
            ("v7", "operations_schedule"), ("v7", "operations_performance"),
            ("v7", "material_information"), ("v7", "equipment"), ("v7", "test_result")} <= names


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_validates_against_xsd(path: Path) -> None:
    assert xsd.errors(path.read_bytes()) == []


@pytest.mark.parametrize("version", sorted(element_names.FOLDERS))
def test_shipped_element_names_match_the_xsds(version: str) -> None:
    shipped = (element_names.DATA / f"elements-{version}.txt").read_text(encoding="utf-8")
    assert shipped == element_names.render(version), "run tests/b2mml/element_names.py"
