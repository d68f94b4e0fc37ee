"""The options every ``canon`` command spells the same way (docs/reference/cli-conventions.md).

One name, one short flag, one meaning across commands:

* ``-e/--entity``: the canonical entity of the records;
* ``-p/--plant``: a plant id (DE01) or plant folder, where a plant is context (a plant that is
  the subject of a command is its ``PLANT`` argument);
* ``--source`` / ``--target``: the source system (inbound) / target system (outbound);
* ``-f/--format``: the output format (the choices differ per command);
* ``-o/--output``: write the output to this file (atomically) instead of standard output;
* ``--as-of``: the day to use instead of today.

Renamed spellings stay accepted as hidden deprecated aliases (:func:`deprecated_alias`) that
print a warning on standard error. tests/cli/test_conventions.py walks the command tree and
fails when a command drifts from these conventions.
"""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from canonical.cli.inputs import OutputFile

F = TypeVar("F", bound=Callable[..., Any])

#: attribute set on a command whose standard output is a status log, not a product
#: (it writes files itself or runs a server): it needs no ``-o``
NO_OUTPUT = "canon_no_output"


def entity_option(*, required: bool = True, help: str = "Canonical entity of the records, "
                  "e.g. ProductionOrder.", **kwargs: Any) -> Callable[[F], F]:
    return click.option("-e", "--entity", "entity", required=required, help=help, **kwargs)


def plant_option(*, help: str = "Plant id (DE01) or plant folder.", **kwargs: Any,
                 ) -> Callable[[F], F]:
    from canonical.cli.inputs import FolderRef

    kwargs.setdefault("type", FolderRef("a plant", "PLANT"))
    return click.option("-p", "--plant", help=help, **kwargs)


def format_option(choices: Sequence[str], default: str,
                  help: str = "Output format.") -> Callable[[F], F]:
    return click.option("-f", "--format", "fmt", type=click.Choice(list(choices)),
                        default=default, show_default=True, help=help)


def as_of_option(help: str = "Use this day instead of today.") -> Callable[[F], F]:
    return click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
                        default=None, metavar="YYYY-MM-DD", help=help)


def no_output(reason: str) -> Callable[[F], F]:
    """Mark a command (applied above ``@click.command``) whose output is a status log."""

    def mark(command: F) -> F:
        setattr(command, NO_OUTPUT, reason)
        return command

    return mark


def deprecated_alias(old: str, new: str, dest: str, **kwargs: Any) -> Callable[[F], F]:
    """Accept the old spelling ``old`` of option ``new`` (parameter ``dest``), hidden, with a
    warning on standard error. Giving both is a usage error."""
    key = "deprecated_" + old.lstrip("-").replace("-", "_")

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **params: Any) -> Any:
            value = params.pop(key, None)
            if value is not None:
                ctx = click.get_current_context()
                if ctx.get_parameter_source(dest) is ParameterSource.COMMANDLINE:
                    raise click.UsageError(f"{old} is the deprecated spelling of {new}; "
                                           f"give {new} only")
                click.echo(f"warning: {old} is deprecated; use {new}", err=True)
                params[dest] = value
            return function(*args, **params)

        option = click.option(old, key, hidden=True, default=None,
                              help=f"Deprecated spelling of {new}.", **kwargs)
        return option(wrapper)  # type: ignore[return-value]

    return decorate


def output_option(function: F) -> F:
    """``-o/--output FILE``: what the command prints on standard output goes to FILE instead,
    written atomically (canonical.files.atomic) once the command has finished with exit 0 or
    1; after a usage error or unreadable input (exit 2) FILE is left as it was."""

    @functools.wraps(function)
    def wrapper(*args: Any, **params: Any) -> Any:
        target: Path | None = params.pop("output", None)
        if target is None:
            return function(*args, **params)
        return _captured(target, lambda: function(*args, **params))

    option = click.option("-o", "--output", "output", type=OutputFile(), default=None,
                          help="Write the output to FILE (atomically) instead of standard "
                          "output.")
    return option(wrapper)  # type: ignore[return-value]


def _captured(target: Path, run: Callable[[], Any]) -> Any:
    from canonical.cli.output import EXIT_USAGE, fail
    from canonical.errors import WriteError
    from canonical.files.atomic import write_atomic

    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    code: int | str | None = 0
    try:
        with contextlib.redirect_stdout(stream):
            run()
    except SystemExit as exc:
        code = exc.code
    if code in (0, 1, None):
        stream.flush()
        try:
            write_atomic(target, buffer.getvalue())
        except WriteError as exc:
            fail(exc, EXIT_USAGE)
    sys.exit(code)
