"""The ``canon`` command line: thin commands over the library.

Each command parses its arguments, calls the library, renders the result and picks an
exit code: 0 success, 1 findings (the input was read but is not valid / cannot be mapped),
2 usage errors or unreadable input. Subcommands live in their own modules and are loaded
lazily, so ``canon --version`` does not import pandas, linkml or great_expectations.
"""

from __future__ import annotations

import sys

import click

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
    "rule": "canonical.cli.rule:rule",
    "serve": "canonical.cli.serve:serve",
}


#: subcommand name -> its help summary, so ``canon --help`` lists the commands without
#: importing them (tests/cli/test_lazy_help.py keeps these equal to the commands' docstrings;
#: a command missing here is imported for the listing, which is slower but still correct)
SUMMARIES: dict[str, str] = {
    "validate": "Validate canonical records (structure and business rules).",
    "demo": "Run the main jobs on the shipped example data and print what happened.",
    "schema": "Canonical schema: generate artifacts, diff versions, check releases.",
    "convert": "Convert VALUE from FROM_UNIT to TO_UNIT (UN/ECE Rec 20 codes), exactly.",
    "units": "The canonical unit table (UN/ECE Rec 20 codes).",
    "mappings": "Plant mapping tables: governance checks, reviews, coverage and SSSOM export.",
    "map": "Map the payloads in FILE (JSON, JSON array or JSON Lines) through the plant's specs.",
    "batch": "Validate an extract (CSV, JSON Lines or Parquet) with the entity's batch suite.",
    "migrate": "Upgrade a JSON payload (an object, or a list of objects) with registered "
               "migrations.",
    "docs": "Documentation site: generated reference plus guides (mkdocs-material).",
    "b2mml": "Exchange ISA-95 B2MML documents (read V0401, V0600, v7; write v7, lots and resources in all).",
    "rule": "Explain a rule: what it checks, why it matters, a failing and a passing example, "
            "how to fix it and the guide to read (the rule's docs page, as Markdown).",
    "serve": "Serve the contract over HTTP: process APIs, outbox, dead letters, health, metrics.",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._available(name))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help`` from :data:`SUMMARIES` (no subcommand import)."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            summary = SUMMARIES.get(name)
            if summary is None:
                command = self._load(name)
                rows.append((name, command.get_short_help_str(limit) if command else ""))
            else:
                rows.append((name, click.Command(name, help=summary).get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _available(self, name: str) -> bool:
        """The command's module exists (found without importing it). A registered module that
        does not exist is a broken installation: loading it raises RegistryError (ENG-201)."""
        from importlib.util import find_spec

        target = COMMANDS.get(name)
        if target is None:
            return False
        if find_spec(target.split(":")[0]) is None:
            self._load(name)  # raises RegistryError naming the entry: never a silent gap
        return True

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
@click.version_option(None, "--version", package_name="mfg-canonical", prog_name="canon",
                      message="%(prog)s %(version)s")  # metadata read only for --version
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
