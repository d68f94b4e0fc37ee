"""Every element of a document is mapped, declared not carried (B2M-304, info, with its
path), or reported (B2M-306): exit 0 means nothing was dropped unseen (issue 15, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from xsd import FIXTURES

from canonical.b2mml import read_document
from canonical.b2mml.accounting import not_carried
from canonical.b2mml.elements import known_elements
from canonical.b2mml.version import Version
from canonical.cli import cli

DOCUMENTS = sorted(FIXTURES.glob("*/*.xml"))
V0600_SCHEDULE = FIXTURES / "V0600" / "operations_schedule.xml"


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.name != "field_operations_schedule.xml"],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_element_of_every_fixture_is_accounted_for(path: Path) -> None:
    result = read_document(path)
    assert [f.path for f in result.report if f.rule_id == "B2M-306"] == []


def test_an_unmapped_parameter_is_reported_not_dropped() -> None:
    data = V0600_SCHEDULE.read_bytes().replace(
        b"<ID>setup_duration</ID>", b"<ID>Temperatur</ID>")
    result = read_document(data)
    (finding,) = [f for f in result.report if f.rule_id == "B2M-306"]
    assert finding.path is not None and finding.path.endswith(
        "/SegmentParameter[2]/Value[1]/ValueString[1]")
    assert finding.value == "15" and finding.line is not None
    assert result.of("ProductionOrder")  # the order still imports


def test_declared_not_carried_elements_are_info_with_their_path() -> None:
    data = V0600_SCHEDULE.read_bytes().replace(
        b"<Description>Mix batch</Description>",
        b"<Description>Mix batch</Description><LatestEndTime>2026-03-02T20:00:00Z"
        b"</LatestEndTime><Duration>PT2H</Duration>")
    result = read_document(data)
    found = {f.path: f for f in result.report if f.rule_id == "B2M-304"}
    duration = found["/OperationsSchedule/OperationsRequest[1]/SegmentRequirement[1]/Duration[1]"]
    assert duration.severity.value == "info" and duration.value == "PT2H"
    assert result.report.ok


def test_extension_elements_are_reported_once_at_the_outermost_element() -> None:
    result = read_document(FIXTURES / "V0401" / "field_material_information.xml")
    paths = [f.path for f in result.report if f.rule_id == "B2M-304" and "extension" in f.message]
    assert paths == ["/MaterialInformation/MaterialLot[1]/Any[1]/Zone[1]"]


def test_extensions_nested_empty_and_holding_b2mml_elements() -> None:
    """A WMS's extension block (Czech warehouse gateway): reported once at its outermost
    element however deep its content sits; an empty one holds nothing to drop; a B2MML
    element inside an extension is never read, so it is reported too."""
    doc = """<MaterialInformation xmlns="http://www.mesa.org/xml/B2MML"
        xmlns:wms="urn:example:wms-cz03">
      <MaterialLot><ID>CZ-0091</ID>
        <HierarchyScope><EquipmentID>CZ03</EquipmentID><EquipmentLevel>Site</EquipmentLevel></HierarchyScope>
        <MaterialDefinitionID>OCEL-S235</MaterialDefinitionID><Status>released</Status>
        <Quantity><QuantityString>1.2E1</QuantityString><UnitOfMeasure>TNE</UnitOfMeasure></Quantity>
        <wms:Sklad><wms:Regal><wms:Pozice>R-04-2</wms:Pozice></wms:Regal></wms:Sklad>
        <wms:Prazdne>  </wms:Prazdne>
        <wms:Poznamka><Description>vráceno</Description></wms:Poznamka>
      </MaterialLot>
    </MaterialInformation>""".encode()
    result = read_document(doc)
    extensions = [f.path for f in result.report if "extension" in f.message]
    assert extensions == ["/MaterialInformation/MaterialLot[1]/Sklad[1]",
                          "/MaterialInformation/MaterialLot[1]/Poznamka[1]"]
    unread = [f.path for f in result.report if f.rule_id == "B2M-306"]
    assert unread == ["/MaterialInformation/MaterialLot[1]/Poznamka[1]/Description[1]"]
    assert result.of("Lot")


def test_an_unaccounted_element_makes_the_import_exit_1(tmp_path: Path) -> None:
    data = V0600_SCHEDULE.read_bytes().replace(b"<ID>setup_duration</ID>", b"<ID>Temperatur</ID>")
    path = tmp_path / "schedule.xml"
    path.write_bytes(data)
    outcome = CliRunner().invoke(cli, ["b2mml", "import", str(path)])
    assert outcome.exit_code == 1
    assert "B2M-306" in outcome.output


def test_the_declared_list_names_elements_of_b2mml() -> None:
    known = set().union(*(known_elements(v) for v in Version))
    for entry in not_carried():
        parent, _, child = entry.partition("/")
        assert child in known, entry
        assert parent == "*" or parent in known, entry


def test_the_docs_page_lists_every_declared_element() -> None:
    """The generated coverage page lists every declared element (in the versions having it)."""
    from canonical.b2mml.coverage import render_page

    page = render_page()
    for entry, reason in not_carried().items():
        assert f"| `{entry}` | {reason} |" in page, entry
