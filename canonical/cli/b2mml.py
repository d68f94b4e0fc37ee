"""``canon b2mml``: import B2MML documents as canonical JSON, export canonical records as B2MML."""

from __future__ import annotations

import json
import sys

import click

from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail
from canonical.errors import CanonicalError, InputError


@click.group()
def b2mml() -> None:
    """Exchange ISA-95 B2MML documents (read V0401, V0600, v7; write v7)."""


@b2mml.command("import")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--plant", "plant_ref", default=None,
              help="Plant id or folder whose mapping tables translate units and statuses.")
@click.option("--source-system", default="B2MML", show_default=True,
              help="Source system of the plant's mapping rows for this document.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json",
              show_default=True, help="json: one document; jsonl: one {entity, record} per line.")
def import_command(file: str, plant_ref: str | None, source_system: str, fmt: str) -> None:
    """Read a B2MML document and print its canonical records.

    Exit 0 when everything maps, 1 with findings on stderr when something cannot be
    mapped, 2 for unreadable, unsafe or non-B2MML input.
    """
    from canonical.b2mml import read_document

    plant = None
    try:
        if plant_ref is not None:
            from canonical.mapping import load_plant

            plant = load_plant(plant_ref)
        result = read_document(file, plant=plant, system=source_system)
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
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--entity", "-e", required=True,
              help="Canonical entity of the records: ProductionOrder, Operation or Lot.")
@click.option("--version", "version", type=click.Choice(["V0401", "V0600", "v7"]), default="v7",
              show_default=True, help="B2MML version to write (Lot: any; the others: v7).")
@click.option("--id", "doc_id", default=None, help="ID of the written document.")
def export_command(file: str, entity: str, version: str, doc_id: str | None) -> None:
    """Write canonical JSON records (JSON, JSON Lines or array) as a B2MML document.

    Records are validated first (structure and business rules): when any has an error,
    nothing is written and the exit code is 1. Exit 0 when the document was written; fields
    B2MML cannot carry are listed as warnings (B2M-203) on stderr. Exit 2 for unreadable
    input or an unsupported entity.
    """
    from canonical.b2mml.writer import DOCUMENTS, write_document
    from canonical.models import ENTITIES
    from canonical.reading import read_records
    from canonical.validation import validate_many

    if entity not in DOCUMENTS:
        fail(f"no B2MML {version} document for entity {entity!r}; writable: "
             + ", ".join(DOCUMENTS))
    try:
        records = read_records(file)
    except InputError as exc:
        fail(exc)
    report = validate_many([rec.data for rec in records], entity)
    for finding in report.findings:
        rec = records[finding.record] if finding.record is not None else None
        click.echo(finding.located(file=file, line=rec.line if rec else None).render(), err=True)
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
        click.echo(finding.located(file=file).render(), err=True)
    sys.exit(EXIT_FINDINGS if result.report.errors else EXIT_OK)
