"""``canon schema``: build the generated artifacts; diff and release checks (governance)."""

from __future__ import annotations

import sys

import click

from canonical.cli.options import no_output
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.errors import SchemaLoadError
from canonical.registry import load, load_module


@click.group()
def schema() -> None:
    """Canonical schema: generate artifacts, diff versions, check releases."""


#: generators run by `canon schema build`, in order: models first, then what reads them
GENERATORS: tuple[str, ...] = ("canonical.schema.build", "canonical.validation.batch.generate")


@no_output("it writes the generated files and prints their paths")
@schema.command()
@click.option("--check", is_flag=True, help="Do not write; exit 1 if a generated file is out of date.")
def build(check: bool) -> None:
    """Regenerate everything derived from schemas/canonical.yaml.

    The JSON Schema, the pydantic models and the batch validation suites under validators/.
    """
    try:
        builders = [load_module("schema generator", name) for name in GENERATORS]
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the installed extras
        fail(f"`canon schema build` needs the [schema] and [batch] extras ({exc.name} is missing)")
    try:
        if check:
            problems = [diff for builder in builders for diff in builder.check()]
            for diff in problems:
                click.echo(diff)
            click.echo("generated files are up to date" if not problems else
                       f"{len(problems)} generated file(s) out of date: run `make generate`")
            sys.exit(EXIT_FINDINGS if problems else EXIT_OK)
        for builder in builders:
            for path in builder.build():
                click.echo(f"wrote {path}")
    except SchemaLoadError as exc:
        fail(exc)


def _attach(module_name: str, attrs: dict[str, str]) -> None:
    """Add the governance commands (RegistryError when they do not import)."""
    for name, attr in attrs.items():
        command = load("canon schema command", f"{module_name}:{attr}")
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attr} is not a click command")
        schema.add_command(command, name=name)


_attach(
    "canonical.cli.governance",
    {"diff": "diff_command", "check-release": "check_release_command", "release": "release_command"},
)
