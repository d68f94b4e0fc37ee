"""B2MML import against parsing the same document with lxml, measured in the same run.

For each family and version (schedules: V0401 ``ProductionSchedule``, V0600 and v7
``OperationsSchedule``; lots: ``MaterialInformation`` of V0401, V0600 and v7; a V0600
equipment hierarchy; performance: V0401 ``ProductionPerformance``, V0600 and v7
``OperationsPerformance`` with a confirmation, a goods issue and a goods receipt per
operation) a ~10 MB
document shaped like field traffic (sparse, keyed quantities, exponent decimals, nested
segments without IDs) is imported with ``read_document`` and a plant; the baseline is
``lxml.etree.fromstring`` of the same bytes with the reader's hardened parser settings.
Target: import <= 3x the parse. Reference lines per document give the floor any import
pays, each against the same parse: parsing plus one Python walk over every element reading
its tag and text (what any accounting of every element costs at least); record validation
alone (the validation the import runs on each record, ``canon validate``'s
:func:`~canonical.validation.validate.checked`: model and business rules); and its
pydantic-core part (``__pydantic_validator__.validate_python`` of the same record dicts).
The floor of an import is about parse + walk + validation, before any value is read.
Times are this process's CPU time (best of a few rounds): on a shared machine wall
time mostly measures the neighbours.

Run: .venv/bin/python benchmarks/bench_b2mml.py   (exit 1 when a target is missed)
     .venv/bin/python benchmarks/bench_b2mml.py --quick   (~1 MB documents, while iterating)
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _harness import exit_code, report
from lxml import etree

from canonical.b2mml import read_document
from canonical.mapping import Plant, load_plant
from canonical.resources import data_dir

SIZE = 1024 * 1024 if "--quick" in sys.argv else 10 * 1024 * 1024
V0600 = "http://www.mesa.org/xml/B2MML-V0600"
V0401 = "http://www.wbf.org/xml/B2MML-V0401"
V7 = "http://www.mesa.org/xml/B2MML"


def _document(head: str, piece: Callable[[int], str], tail: str) -> bytes:
    """``head``, then ``piece(1)``, ``piece(2)``... until the document reaches SIZE, ``tail``."""
    parts, size, n = [head], 0, 0
    while size < SIZE:
        n += 1
        text = piece(n)
        parts.append(text)
        size += len(text)
    parts.append(tail)
    return "".join(parts).encode()


def _operation(n: int, op: int) -> str:
    return f"""
      <SegmentRequirement>
        <Description>Schritt {op}</Description>
        <ProcessSegmentID>{op * 10:04d}</ProcessSegmentID>
        <LatestEndTime>2026-03-02T10:00:00+01:00</LatestEndTime>
        <EquipmentRequirement><EquipmentClassID>EXTR</EquipmentClassID>
          <EquipmentID>DE01-EXT-{op:02d}</EquipmentID></EquipmentRequirement>
        <MaterialRequirement><MaterialDefinitionID>RM-{n % 97}</MaterialDefinitionID>
          <MaterialUse>Consumed</MaterialUse>
          <Quantity><QuantityString>0.{n % 9 + 1}E2</QuantityString><DataType>double</DataType>
            <UnitOfMeasure>KGM</UnitOfMeasure></Quantity></MaterialRequirement>
      </SegmentRequirement>"""


def schedule() -> bytes:
    head = f'<OperationsSchedule xmlns="{V0600}"><ID>S1</ID><OperationsType>Production</OperationsType>'

    def piece(n: int) -> str:
        ops = "".join(_operation(n, op) for op in range(1, 5))
        request = f"""
  <OperationsRequest><ID>{n:012d}</ID><OperationsType>Production</OperationsType>
    <StartTime>2026-03-02T06:00:00+01:00</StartTime><RequestState>Released</RequestState>
    <SegmentRequirement><ProcessSegmentID>ORDER</ProcessSegmentID>
      <MaterialRequirement><MaterialDefinitionID>FG-{n % 50}</MaterialDefinitionID>
        <MaterialUse>Produced</MaterialUse>
        <Quantity><QuantityString>4.08E3</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure></Quantity>
        <Quantity><QuantityString>0.5</QuantityString><UnitOfMeasure>E18</UnitOfMeasure><Key>Rate</Key></Quantity>
      </MaterialRequirement>{ops}
    </SegmentRequirement>
  </OperationsRequest>"""
        return request

    return _document(head, piece, "</OperationsSchedule>")


def lots() -> bytes:
    head = f'<MaterialInformation xmlns="{V0401}"><ID>MI</ID>'

    def piece(n: int) -> str:
        lot = f"""
  <MaterialLot><ID>{n:010d}</ID><MaterialDefinitionID>VB-{n % 40}</MaterialDefinitionID>
    <StorageLocation>RACK-{n % 300}</StorageLocation>
    <Quantity><QuantityString>1.2E1</QuantityString><DataType>Quantity</DataType><UnitOfMeasure>H87</UnitOfMeasure></Quantity>
    <Quantity><QuantityString>36</QuantityString><DataType>Quantity</DataType><UnitOfMeasure>KGM</UnitOfMeasure><Key>GrossWeight</Key></Quantity>
  </MaterialLot>"""
        return lot

    return _document(head, piece, "</MaterialInformation>")


def _response(n: int, op: int, before: str, after: str) -> str:
    """One confirmation of one operation: yield as segment data, a consumed and a produced
    actual (a goods issue and a goods receipt), the machine."""
    return f"""
    <SegmentResponse>
      <ID>C-{n:010d}-{op * 10:04d}-1</ID>
      {before.format(op=op * 10)}
      <ActualStartTime>2026-03-02T06:00:00+01:00</ActualStartTime>
      <ActualEndTime>2026-03-02T0{op}:45:00+01:00</ActualEndTime>
      {after.format(op=op * 10)}
      <SegmentState>Completed</SegmentState>
      <SegmentData><ID>yield_quantity</ID>
        <Value><ValueString>0.{n % 9 + 1}E2</ValueString>
          <DataType>Quantity</DataType><UnitOfMeasure>KGM</UnitOfMeasure></Value></SegmentData>
      <EquipmentActual><EquipmentID>DE01-EXT-{op:02d}</EquipmentID></EquipmentActual>
      <MaterialActual><MaterialDefinitionID>RM-{n % 97}</MaterialDefinitionID>
        <MaterialLotID>L-{n % 500:05d}</MaterialLotID><MaterialUse>Consumed</MaterialUse>
        <StorageLocation>SL-LINE{op}</StorageLocation>
        <Quantity><QuantityString>12.5</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure></Quantity></MaterialActual>
      <MaterialActual><MaterialDefinitionID>FG-{n % 50}</MaterialDefinitionID>
        <MaterialLotID>P-{n:08d}</MaterialLotID><MaterialUse>Produced</MaterialUse>
        <StorageLocation>SL-0001</StorageLocation>
        <Quantity><QuantityString>0.{n % 9 + 1}E2</QuantityString>
          <UnitOfMeasure>KGM</UnitOfMeasure></Quantity></MaterialActual>
    </SegmentResponse>"""


def performance(before: str = "<ProcessSegmentID>{op:04d}</ProcessSegmentID>",
                after: str = "") -> bytes:
    """A V0600 OperationsPerformance: responses of orders, one confirmation per operation
    (the operation named ``before`` the times in V0600, ``after`` them in v7)."""
    head = (f'<OperationsPerformance xmlns="{V0600}"><ID>P1</ID><HierarchyScope>'
             "<EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel>"
             "</HierarchyScope><OperationsType>Production</OperationsType>")

    def piece(n: int) -> str:
        ops = "".join(_response(n, op, before, after) for op in range(1, 5))
        response = f"""
  <OperationsResponse><ID>R-{n}</ID><OperationsType>Production</OperationsType>
    <OperationsRequestID>{n:012d}</OperationsRequestID>{ops}
  </OperationsResponse>"""
        return response

    return _document(head, piece, "</OperationsPerformance>")


def performance_v7() -> bytes:
    """The same confirmations in v7: the operation after the times, ids on actuals, the
    storage location as a ``Location`` element."""
    text = performance("", "<OperationsType>Production</OperationsType>"
                           "<SegmentRequirementID>{op:04d}</SegmentRequirementID>").decode()
    text = (text.replace(V0600, V7)
            .replace("<EquipmentElementLevel>Site</EquipmentElementLevel>",
                     "<EquipmentLevel>Site</EquipmentLevel>")
            .replace("<EquipmentActual>", "<EquipmentActual><ID>EA</ID>")
            .replace("<MaterialActual>", "<MaterialActual><ID>MA</ID>"))
    return re.sub(r"<StorageLocation>([^<]*)</StorageLocation>",
                  r"<StorageLocation><Location>\1</Location><LocationType>Other</LocationType>"
                  r"</StorageLocation>", text).encode()


def performance_v0401() -> bytes:
    """The same confirmations as a V0401 ProductionPerformance: production data, produced
    and consumed actuals as their own elements with a ``Location``, the state last."""
    head = (f'<ProductionPerformance xmlns="{V0401}"><ID>P1</ID><Location>'
             "<EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel>"
             "</Location>")

    def piece(n: int) -> str:
        ops = "".join(f"""
    <SegmentResponse><ID>C-{n:010d}-{op * 10:04d}-1</ID>
      <ProcessSegmentID>{op * 10:04d}</ProcessSegmentID>
      <ActualStartTime>2026-03-02T06:00:00+01:00</ActualStartTime>
      <ActualEndTime>2026-03-02T0{op}:45:00+01:00</ActualEndTime>
      <ProductionData><ID>yield_quantity</ID>
        <Value><ValueString>0.{n % 9 + 1}E2</ValueString>
          <DataType>Quantity</DataType><UnitOfMeasure>KGM</UnitOfMeasure></Value></ProductionData>
      <EquipmentActual><EquipmentID>DE01-EXT-{op:02d}</EquipmentID></EquipmentActual>
      <MaterialProducedActual><MaterialDefinitionID>FG-{n % 50}</MaterialDefinitionID>
        <MaterialLotID>P-{n:08d}</MaterialLotID>
        <Location><EquipmentID>SL-0001</EquipmentID><EquipmentElementLevel>StorageZone</EquipmentElementLevel></Location>
        <Quantity><QuantityString>0.{n % 9 + 1}E2</QuantityString>
          <DataType>Quantity</DataType><UnitOfMeasure>KGM</UnitOfMeasure></Quantity></MaterialProducedActual>
      <MaterialConsumedActual><MaterialDefinitionID>RM-{n % 97}</MaterialDefinitionID>
        <MaterialLotID>L-{n % 500:05d}</MaterialLotID>
        <Location><EquipmentID>SL-LINE{op}</EquipmentID><EquipmentElementLevel>StorageUnit</EquipmentElementLevel></Location>
        <Quantity><QuantityString>12.5</QuantityString>
          <DataType>Quantity</DataType><UnitOfMeasure>KGM</UnitOfMeasure></Quantity></MaterialConsumedActual>
      <SegmentState>Completed</SegmentState>
    </SegmentResponse>""" for op in range(1, 5))
        response = f"""
  <ProductionResponse><ID>R-{n}</ID><ProductionRequestID>{n:012d}</ProductionRequestID>{ops}
  </ProductionResponse>"""
        return response

    return _document(head, piece, "</ProductionPerformance>")


def documents() -> list[tuple[str, bytes]]:
    """(name, document) for every family and version measured."""
    sched, lot = schedule(), lots()
    v0401 = (sched.replace(V0600.encode(), V0401.encode())
             .replace(b"<OperationsType>Production</OperationsType>", b"")
             .replace(b"OperationsSchedule", b"ProductionSchedule")
             .replace(b"OperationsRequest", b"ProductionRequest"))
    return [("ProductionSchedule V0401", v0401), ("OperationsSchedule V0600", sched),
            ("OperationsSchedule v7", sched.replace(V0600.encode(), V7.encode())),
            ("MaterialInformation V0401", lot),
            ("MaterialInformation V0600", lot.replace(V0401.encode(), V0600.encode())),
            ("MaterialInformation v7", lot.replace(V0401.encode(), V7.encode())),
            ("EquipmentInformation V0600", equipment()),
            ("ProductionPerformance V0401", performance_v0401()),
            ("OperationsPerformance V0600", performance()),
            ("OperationsPerformance v7", performance_v7())]


def validate(records: list[tuple[type, dict[str, object]]]) -> None:
    from canonical.validation.validate import checked

    for model, data in records:
        checked(model, data)


def core(records: list[tuple[type, dict[str, object]]]) -> None:
    """The pydantic-core part of record validation: the models' own validators."""
    for model, data in records:
        model.__pydantic_validator__.validate_python(data)  # type: ignore[attr-defined]


def walked(data: bytes) -> int:
    """Parse, then one Python walk over every element reading its tag and text."""
    count = 0
    for element in parse(data).iter():  # type: ignore[attr-defined]
        text, _ = element.text, element.tag
        if text and not text.isspace():
            count += 1
    return count


def equipment() -> bytes:
    """A V0600 hierarchy: areas of lines of machines, an Enterprise above (not carried)."""
    head = (f'<EquipmentInformation xmlns="{V0600}"><ID>EQ</ID><Equipment><ID>ENT</ID>'
             "<EquipmentLevel><EquipmentID>ENT</EquipmentID><EquipmentElementLevel>Enterprise"
             "</EquipmentElementLevel></EquipmentLevel><Equipment><ID>DE01</ID><EquipmentLevel>"
             "<EquipmentID>DE01</EquipmentID><EquipmentElementLevel>Site</EquipmentElementLevel>"
             "</EquipmentLevel>")

    def piece(n: int) -> str:
        machines = "".join(f"""
      <Equipment><ID>DE01-M-{n}-{m}</ID><Description>Maschine {m}</Description>
        <EquipmentLevel><EquipmentID>DE01-M-{n}-{m}</EquipmentID>
          <EquipmentElementLevel>Unit</EquipmentElementLevel></EquipmentLevel>
        <EquipmentProperty><ID>state</ID><Value><ValueString>running</ValueString></Value>
        </EquipmentProperty></Equipment>""" for m in range(1, 9))
        line = f"""
    <Equipment><ID>DE01-L-{n}</ID><Description>Linie {n}</Description>
      <EquipmentLevel><EquipmentID>DE01-L-{n}</EquipmentID>
        <EquipmentElementLevel>ProductionLine</EquipmentElementLevel></EquipmentLevel>
      <EquipmentProperty><ID>state</ID><Value><ValueString>available</ValueString></Value>
      </EquipmentProperty>{machines}
    </Equipment>"""
        return line

    return _document(head, piece, "</Equipment></Equipment></EquipmentInformation>")


def cpu(fn: Callable[[], object], *, repeat: int) -> float:
    """Least CPU time of this process (s) over ``repeat`` calls, after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def parse(data: bytes) -> object:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    return etree.fromstring(data, parser)


def plant(folder: Path) -> Plant:
    target = folder / "DE01"
    shutil.copytree(data_dir("mappings") / "DE01", target)
    (target / "b2mml.yaml").write_text(
        "source_systems:\n  B2MML:\n    lot_status: released\n", encoding="utf-8")
    return load_plant(target)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        de01 = plant(Path(tmp))
        for name, data in documents():
            result = read_document(data, plant=de01)
            records = sum(len(r) for r in result.records.values())
            if not records or result.report.errors:
                print(f"{name}: the generated document did not import cleanly", file=sys.stderr)
                return 1
            baseline = cpu(lambda data=data: parse(data), repeat=5)  # type: ignore[misc]
            ours = cpu(lambda data=data: read_document(data, plant=de01),  # type: ignore[misc]
                       repeat=3)
            report(f"b2mml import {name} ({len(data) // 1024} KiB, {records} records) vs lxml parse",
                   ours / baseline, at_most=3.0,
                   detail=f"import {ours:.2f}s, parse {baseline:.3f}s")
            built = [(type(r), r.to_json_dict()) for rs in result.records.values() for r in rs]
            floor = cpu(lambda built=built: validate(built), repeat=3)  # type: ignore[misc]
            report(f"  record validation alone ({records} records) vs lxml parse",
                   floor / baseline, detail=f"validation {floor:.2f}s")
            models = cpu(lambda built=built: core(built), repeat=3)  # type: ignore[misc]
            report("    of which pydantic-core (the models' validators) vs lxml parse",
                   models / baseline, detail=f"pydantic-core {models:.2f}s")
            walk = cpu(lambda data=data: walked(data), repeat=3)  # type: ignore[misc]
            report("  lxml parse + one Python walk over every element vs lxml parse",
                   walk / baseline, detail=f"parse + walk {walk:.3f}s")
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
