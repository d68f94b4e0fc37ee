"""``canon b2mml``: import B2MML documents as canonical JSON, export canonical records as B2MML."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from canonical.cli.inputs import InputFile, label
from canonical.cli.options import (
    deprecated_alias,
    entity_option,
    format_option,
    output_option,
    plant_option,
)
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail
from canonical.errors import CanonicalError, InputError


@click.group()
def b2mml() -> None:
    """Exchange ISA-95 B2MML documents (read V0401, V0600, v7; write v7, lots and resources in all)."""


@b2mml.command("import")
@click.argument("file", type=InputFile(".xml"))
@plant_option(default=None,
              help="Plant id or folder whose mapping tables translate units and statuses.")
@click.option("--source", default="B2MML", show_default=True,
              help="Source system of the plant's mapping rows for this document.")
@deprecated_alias("--source-system", "--source", "source")
@format_option(["json", "jsonl"], "json",
               help="json: one document; jsonl: one {entity, record} per line.")
@click.option("--partial", is_flag=True, default=False,
              help="Read lots and orders as partial records (LotPatch, ProductionOrderPatch): "
                   "the id and the fields the document carries, for updates such as a status "
                   "change.")
@output_option
def import_command(file: Path, plant: str | None, source: str, fmt: str, partial: bool) -> None:
    """Read a B2MML document and print its canonical records.

    Exit 0 when everything maps, 1 with findings on stderr when something cannot be
    mapped, 2 for unreadable, unsafe or non-B2MML input.
    """
    from canonical.b2mml import read_document

    loaded = None
    try:
        if plant is not None:
            from canonical.mapping import load_plant

            loaded = load_plant(plant)
        result = read_document(file, plant=loaded, system=source, name=label(file),
                               partial=partial)
    except CanonicalError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        for entity, records in result.records.items():
            for record in records:
                click.echo(json.dumps({"entity": entity, "record": record.to_json_dict()},
                                      ensure_ascii=False))
    for finding in result.report:
        click.echo(finding.render(), err=True)
    sys.exit(EXIT_FINDINGS if result.report.errors else EXIT_OK)


@b2mml.command("export")
@click.argument("file", type=InputFile(".json"))
@entity_option(help="Canonical entity of the records: ProductionOrder, Operation, Lot or "
                    "Resource.")
@click.option("--b2mml-version", "version", type=click.Choice(["v7", "V0600", "V0401"]),
              default="v7", show_default=True,
              help="B2MML version to write (V0600, V0401: Resource and Lot).")
@deprecated_alias("--version", "--b2mml-version", "version")
@click.option("--id", "doc_id", default=None, help="ID of the written document.")
@output_option
def export_command(file: Path, entity: str, version: str, doc_id: str | None) -> None:
    """Write canonical JSON records (JSON, JSON Lines or array) as a B2MML document.

    Records are validated first (structure and business rules): when any has an error,
    nothing is written and the exit code is 1. Exit 0 when the document was written; fields
    B2MML cannot carry are listed as warnings (B2M-203) on stderr. Exit 2 for unreadable
    input or an unsupported entity.
    """
    from canonical.b2mml.writer import DOCUMENTS, versions, write_document
    from canonical.models import ENTITIES
    from canonical.reading import read_records
    from canonical.validation import validate_many

    if entity not in DOCUMENTS:
        fail(f"no B2MML {version} document for entity {entity!r}; writable: "
             + ", ".join(DOCUMENTS))
    if version not in versions(entity):
        fail(f"{entity} is written as B2MML {', '.join(versions(entity))}, not {version}")
    name = label(file)
    try:
        records = read_records(file)
    except InputError as exc:
        fail(exc)
    report = validate_many([rec.data for rec in records], entity)
    for finding in report.findings:
        rec = records[finding.record] if finding.record is not None else None
        click.echo(finding.located(file=name, line=rec.line if rec else None).render(), err=True)
    if report.errors:
        click.echo(f"nothing written: {len(report.errors)} error(s) in the canonical records",
                   err=True)
        sys.exit(EXIT_FINDINGS)
    models = [ENTITIES[entity].model_validate(rec.data) for rec in records]
    try:
        result = write_document(models, entity, version=version, doc_id=doc_id)
    except CanonicalError as exc:  # a record B2MML cannot carry is a finding (1), not usage (2)
        fail(exc, EXIT_FINDINGS if exc.rule_id == "B2M-201" else EXIT_USAGE)
    click.echo(result.xml.decode("utf-8"), nl=False)
    for finding in result.report:
        click.echo(finding.located(file=name).render(), err=True)
    sys.exit(EXIT_FINDINGS if result.report.errors else EXIT_OK)
