"""``canon migrate``: upgrade JSON payloads between major schema versions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from canonical.cli.inputs import InputFile, label
from canonical.cli.options import entity_option, output_option
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.engine.native_json import dumps
from canonical.errors import InputError, MigrationError
from canonical.reading import parse_records, read_text


@click.command("migrate")
@click.argument("source", type=InputFile(".json"))
@click.option("--from", "from_version", required=True, help="Schema version of the payload.")
@click.option("--to", "to_version", default=None,
              help="Target schema version (default: the current canonical schema version).")
@entity_option(required=False, default=None, help="Entity of the payload (e.g. ProductionOrder).")
@output_option
def migrate(source: Path, from_version: str, to_version: str | None, entity: str | None) -> None:
    """Upgrade a JSON payload (an object, or a list of objects) with registered migrations.

    Exit 1 when no migration path exists or a step cannot upgrade the payload; 2 when the
    input is not JSON.
    """
    from canonical.governance.migration import migrate as run

    try:  # numbers are read as exact Decimals and written back unchanged
        text = read_text(source)
        records = parse_records(text, source=label(source), decimals=True)
    except InputError as exc:
        fail(exc)
    many = text.lstrip().startswith("[") or len(records) > 1  # an array or JSON Lines
    items = [record.data for record in records]
    if not all(isinstance(item, dict) for item in items):
        fail(f"{label(source)}: expected a JSON object or a list of objects")
    target = to_version or _current_version()
    try:
        upgraded = [run(item, from_version, target, entity=entity) for item in items]
    except MigrationError as exc:
        fail(exc, EXIT_FINDINGS)
    result = upgraded if many else upgraded[0]
    click.echo(dumps(result, indent=2) + "\n", nl=False)
    sys.exit(EXIT_OK)


def _current_version() -> str:
    from canonical.files.yamlsafe import read_yaml
    from canonical.resources import data_file

    data = read_yaml(data_file("schemas", "canonical.yaml")).data
    return str(data["version"]) if isinstance(data, dict) else "?"
