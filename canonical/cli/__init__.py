"""The ``canon`` command line: thin commands over the library.

Each command parses its arguments, calls the library, renders the result and picks an
exit code: 0 success, 1 findings (the input was read but is not valid / cannot be mapped),
2 usage errors or unreadable input. Subcommands live in their own modules and are loaded
lazily, so ``canon --version`` does not import pandas, linkml or great_expectations.
"""

from __future__ import annotations

import sys

import click

from canonical import __version__
from canonical.errors import CanonicalError
from canonical.registry import load

#: subcommand name -> "module:attribute" of a click command or group
COMMANDS: dict[str, str] = {
    "validate": "canonical.cli.validate:validate",
    "demo": "canonical.cli.demo:demo",
    "schema": "canonical.cli.schema:schema",
    "convert": "canonical.cli.units:convert",
    "units": "canonical.cli.units:units",
    "mappings": "canonical.cli.mappings:mappings",
    "map": "canonical.cli.map:map_command",
    "batch": "canonical.cli.batch:batch",
    "migrate": "canonical.cli.migrate:migrate",
    "docs": "canonical.cli.docs:docs",
    "b2mml": "canonical.cli.b2mml:b2mml",
    "serve": "canonical.cli.serve:serve",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        command = load("canon command", target)  # RegistryError when it does not import
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="canon", message="%(prog)s %(version)s")
def cli() -> None:
    """mfg-canonical: the shared ERP/MES contract.

    Validate canonical records, convert units, check plant mapping tables, map native
    payloads, diff schema releases and exchange B2MML.
    """


#: third-party top-level module -> the extra that installs it
EXTRAS: dict[str, str] = {
    "pandas": "batch", "numpy": "batch", "pyarrow": "batch", "great_expectations": "batch",
    "pyspark": "spark", "linkml": "schema", "linkml_runtime": "schema", "lxml": "b2mml",
    "mkdocs": "docs", "material": "docs", "mkdocstrings": "docs",
    "fastapi": "service", "starlette": "service", "uvicorn": "service", "prometheus_client": "service",
    "psycopg": "service",
}


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point. Library errors become a one-line message, never a traceback;
    a command whose optional dependencies are not installed names the extra to install."""
    try:
        cli.main(args=argv, prog_name="canon", standalone_mode=True)
    except CanonicalError as exc:  # pragma: no cover - commands handle their own errors
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        extra = EXTRAS.get(missing)
        if extra is None:
            raise
        click.echo(
            f"error: this command needs the [{extra}] extra ({missing} is not installed): "
            f"pip install 'mfg-canonical[{extra}]'",
            err=True,
        )
        sys.exit(2)
