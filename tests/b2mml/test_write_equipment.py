"""Resources as B2MML EquipmentInformation in V0401, V0600 and v7 (issue 15, item 6):
XSD-valid, and reading the document back gives the same resources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import xsd
from click.testing import CliRunner

from canonical.b2mml import read_document
from canonical.b2mml.writer import write_document
from canonical.cli import cli
from canonical.models import Resource
from canonical.resources import data_file
from canonical.validation import validate, validate_many

VERSIONS = ("V0401", "V0600", "v7")
EXAMPLE = data_file("examples", "records", "resource.json")
#: the shipped example hierarchy (site, area, line, work center, machine, tool, labour pool)
RESOURCES = [Resource.model_validate(r) for r in json.loads(EXAMPLE.read_text("utf-8"))]
# a piece of a hierarchy whose parents are not in the document (references), Czech names
PIECE = [Resource.model_validate(r) for r in [
    {"id": "CZ03-L-LIS2", "name": "Lisovací linka 2", "kind": "line", "parent": "CZ03-HALA-B",
     "plant": "CZ03", "state": "running"},
    {"id": "CZ03-M-LIS-0815", "name": "Lis Šmeral 400 t", "kind": "machine",
     "parent": "CZ03-L-LIS2", "plant": "CZ03", "state": "maintenance"},
    {"id": "CZ03-A-SKLAD", "name": "Sklad hotových výrobků", "kind": "area", "parent": "CZ03",
     "plant": "CZ03", "state": "available"},
    # a site whose id is not its plant id
    {"id": "CZ03-ZAVOD-MB", "name": "Závod Mladá Boleslav", "kind": "site", "plant": "CZ03",
     "state": "available"},
]]


def dump(records: list[Resource]) -> list[dict[str, object]]:
    return [r.to_json_dict() for r in records]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("records", [RESOURCES, PIECE], ids=["hierarchy", "piece"])
def test_resources_round_trip_in_every_version(version: str, records: list[Resource]) -> None:
    written = write_document(records, "Resource", version=version)
    assert written.report.findings == ()
    assert xsd.errors(written.xml) == []
    back = read_document(written.xml)
    assert back.version.value == version
    assert sorted(dump(back.of("Resource")), key=str) == \
        sorted(dump(records), key=str)  # type: ignore[arg-type]
    assert back.ok and [f.rule_id for f in back.report.warnings] == []


@pytest.mark.parametrize("version", VERSIONS)
def test_exported_resources_pass_validate(version: str) -> None:
    written = write_document(PIECE, "Resource", version=version)
    records = [r.to_json_dict() for r in read_document(written.xml).of("Resource")]
    for record in records:
        assert validate(record, entity="Resource").ok
    # the parents outside the document stay references: a warning, never an error
    report = validate_many(records, "Resource")
    assert report.ok
    assert {f.value for f in report if f.rule_id == "RES-002"} == {"CZ03-HALA-B", "CZ03"}


def test_a_resource_without_parent_is_placed_in_its_site_with_a_warning() -> None:
    loose = Resource(id="MX05-WC-12", name="Celda de soldadura 12", kind="work_center",
                     plant="MX05", state="available")  # type: ignore[arg-type]
    written = write_document([loose], "Resource", version="V0600")
    assert [(f.rule_id, f.path) for f in written.report] == [("B2M-203", "$.parent")]
    (back,) = read_document(written.xml).of("Resource")
    assert back.parent == "MX05"  # type: ignore[attr-defined]


def test_cli_exports_resources(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["b2mml", "export", "-e", "Resource", "--b2mml-version", "V0401",
                              str(EXAMPLE)])
    assert out.exit_code == 0, out.stderr
    assert xsd.errors(out.stdout.encode()) == []
    # ProductionOrder is written as v7 only (Lot and Resource in every version)
    refused = runner.invoke(cli, ["b2mml", "export", "-e", "ProductionOrder", "--b2mml-version",
                                  "V0401", str(data_file("examples", "records",
                                                         "production_order.json"))])
    assert refused.exit_code == 2 and "v7" in refused.stderr
