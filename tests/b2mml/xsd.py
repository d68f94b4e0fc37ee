"""Validate documents against the official B2MML XSDs in <shared>/b2mml (tests only; see
``tests/reference.py`` for where the XSDs are found)."""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

import xmlschema
from lxml import etree
from reference import shared_path

_FOLDER = {
    "http://www.wbf.org/xml/B2MML-V0401": ("v0401", "B2MML-V0401-"),
    "http://www.mesa.org/xml/B2MML-V0600": ("v0600", "B2MML-V0600-"),
    "http://www.mesa.org/xml/B2MML": ("v7", "B2MML-"),
}
_FILE_BY_NOUN = (
    ("ProductionSchedule", "ProductionSchedule"), ("ProductionPerformance", "ProductionPerformance"),
    ("OperationsSchedule", "OperationsSchedule"), ("OperationsPerformance", "OperationsPerformance"),
    ("TestResult", "OperationsTest"), ("OperationsTest", "OperationsTest"),
    ("Material", "Material"), ("Equipment", "Equipment"),
)


@cache
def schema(folder: str, file: str) -> xmlschema.XMLSchema:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # V0401 names BatchML extension files it does not ship
        return xmlschema.XMLSchema(str(shared_path("b2mml", folder, file)))


def schema_for(data: bytes) -> xmlschema.XMLSchema:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    ns, name = root.tag[1:].split("}")
    folder, prefix = _FOLDER[ns]
    stem = next(file for noun, file in _FILE_BY_NOUN if noun in name)
    return schema(folder, f"{prefix}{stem}.xsd")


def errors(data: bytes) -> list[str]:
    """Every XSD violation of ``data`` (empty when it validates)."""
    return [str(e.reason) + " at " + str(e.path) for e in schema_for(data).iter_errors(data)]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "b2mml"
