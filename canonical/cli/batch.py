"""``canon batch``: validate a whole extract file with the entity's batch suite."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from canonical.cli.inputs import InputFile, OutputFile, label
from canonical.cli.options import deprecated_alias, entity_option, format_option, plant_option
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.cli.progress import enabled, progress_option, stage
from canonical.errors import CanonicalError, InputError, WriteError
from canonical.files.atomic import write_atomic


def _related(values: tuple[str, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for value in values:
        entity, sep, path = value.partition("=")
        if not sep or not entity or not path:
            raise click.BadParameter(f"expected ENTITY=FILE, got {value!r}",
                                     param_hint="--related")
        found[entity] = InputFile(".csv").convert(path, None, None)
    return found


@click.command()
@click.argument("file", type=InputFile(".csv"))
@entity_option(help="Extract of the file: an entity (InventoryTransaction) or a child extract "
               "(LotGenealogy).")
@plant_option(default=None,
              help="Plant id or folder: also check that native codes are mapped (MAP-110).")
@click.option("--source", default=None,
              help="With --plant: the source system of the extract (default: any of the plant's).")
@deprecated_alias("--source-system", "--source", "source")
@click.option("--related", "-r", multiple=True, metavar="ENTITY=FILE",
              help="Another extract for cross-extract checks, e.g. ProductionOrder=orders.csv "
              "(FILE may be '-' for standard input).")
@format_option(["text", "json", "html", "junit", "github"], "text",
               help="Report format (junit: CI test report; github: Actions annotations).")
@click.option("-o", "--output", "output", type=OutputFile(folder_ok=True), default=None,
              help="Write the report to FILE (atomically) instead of standard output; a "
              "folder (existing, or ending in /) gets <file>.<entity>.<format> inside it.")
@click.option("--engine", type=click.Choice(["pandas", "spark"]), default="pandas",
              show_default=True, help="pandas in memory, or Spark local[2] for large files.")
@click.option("--max-size", type=click.IntRange(min=1), default=512, show_default=True,
              help="pandas engine: refuse files above this many MiB (never run out of memory).")
@progress_option
def batch(file: Path, entity: str, plant: str | None, source: str | None,
          related: tuple[str, ...], fmt: str, output: Path | None, engine: str, max_size: int,
          progress: bool | None) -> None:
    """Validate an extract (CSV, JSON Lines or Parquet) with the entity's batch suite.

    Exit 0 when no error-level rule fails, 1 when any does, 2 for usage errors or an
    unreadable file.
    """
    from canonical.validation.batch import check_extract
    from canonical.validation.batch.chunked import check_chunks
    from canonical.validation.batch.lines import with_lines
    from canonical.validation.batch.read import iter_pandas, read_spark
    from canonical.validation.batch.render import RENDERERS, SUFFIXES
    from canonical.validation.batch.suite import load_suite

    others = _related(related)
    try:
        load_suite(entity)
        for name in others:
            load_suite(name)
    except CanonicalError as exc:
        fail(exc)
    show = enabled(progress)
    try:
        if engine == "spark":
            from canonical.validation.batch.spark import session

            with stage("starting Spark (local[2])", show=show):
                spark = session()

            with stage(f"reading {label(file)}", show=show):
                frame = read_spark(file, spark)
                extra = {name: read_spark(path, spark) for name, path in others.items()}
            with stage(f"validating {entity} ({engine})", show=show):
                result = check_extract(frame, entity, plant=plant, related=extra,
                                       source_system=source, source=label(file))
        else:  # read and checked in chunks: memory grows with a chunk, not with the file
            limit = max_size * 2**20
            with stage(f"validating {entity} ({engine})", show=show):
                result = check_chunks(
                    iter_pandas(file, max_bytes=limit), entity, plant=plant,
                    related={name: iter_pandas(path, max_bytes=limit)
                             for name, path in others.items()},
                    source_system=source, source=label(file))
            result = with_lines(result, file)  # the line of each finding's first failing row
    except InputError as exc:
        fail(exc)
    except CanonicalError as exc:  # unknown plant or source system, invalid plant folder
        fail(exc)
    rendered = RENDERERS[fmt](result)
    if output is not None:
        target = output / f"{file.stem}.{entity}.{SUFFIXES[fmt]}" if output.is_dir() else output
        try:
            write_atomic(target, rendered)
        except WriteError as exc:
            fail(exc)
        click.echo(f"report written to {target}", err=True)
    else:
        click.echo(rendered, nl=False)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)
