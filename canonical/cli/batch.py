"""``canon batch``: validate a whole extract file with the entity's batch suite."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.cli.progress import enabled, progress_option, stage
from canonical.errors import CanonicalError, InputError
from canonical.files.atomic import ensure_folder, write_atomic


def _related(values: tuple[str, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for value in values:
        entity, sep, path = value.partition("=")
        if not sep or not entity or not path:
            raise click.BadParameter(f"expected ENTITY=FILE, got {value!r}",
                                     param_hint="--related")
        found[entity] = Path(path)
    return found


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--entity", "-e", required=True,
              help="Extract of the file: an entity (InventoryTransaction) or a child extract "
                   "(LotGenealogy).")
@click.option("--plant", "-p", default=None,
              help="Plant id or folder: also check that native codes are mapped (MAP-110).")
@click.option("--source-system", default=None,
              help="With --plant: the source system of the extract (default: any of the plant's).")
@click.option("--related", "-r", multiple=True, metavar="ENTITY=FILE",
              help="Another extract for cross-extract checks, e.g. ProductionOrder=orders.csv.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "junit", "github"]),
              default="text", show_default=True,
              help="Report format (junit: CI test report; github: Actions annotations).")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the report into this folder (<file>.<entity>.<format>) instead of stdout.")
@click.option("--engine", type=click.Choice(["pandas", "spark"]), default="pandas",
              show_default=True, help="pandas in memory, or Spark local[2] for large files.")
@click.option("--max-size", type=click.IntRange(min=1), default=512, show_default=True,
              help="pandas engine: refuse files above this many MiB (never run out of memory).")
@progress_option
def batch(file: Path, entity: str, plant: str | None, source_system: str | None,
          related: tuple[str, ...], fmt: str, output: Path | None, engine: str, max_size: int,
          progress: bool | None) -> None:
    """Validate an extract (CSV, JSON Lines or Parquet) with the entity's batch suite.

    Exit 0 when no error-level rule fails, 1 when any does, 2 for usage errors or an
    unreadable file.
    """
    from canonical.validation.batch import check_extract
    from canonical.validation.batch.chunked import check_chunks
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

            with stage(f"reading {file}", show=show):
                frame = read_spark(file, spark)
                extra = {name: read_spark(path, spark) for name, path in others.items()}
            with stage(f"validating {entity} ({engine})", show=show):
                result = check_extract(frame, entity, plant=plant, related=extra,
                                       source_system=source_system, source=str(file))
        else:  # read and checked in chunks: memory grows with a chunk, not with the file
            limit = max_size * 2**20
            with stage(f"validating {entity} ({engine})", show=show):
                result = check_chunks(
                    iter_pandas(file, max_bytes=limit), entity, plant=plant,
                    related={name: iter_pandas(path, max_bytes=limit)
                             for name, path in others.items()},
                    source_system=source_system, source=str(file))
    except InputError as exc:
        fail(exc)
    except CanonicalError as exc:  # unknown plant or source system, invalid plant folder
        fail(exc)
    rendered = RENDERERS[fmt](result)
    if output is not None:
        ensure_folder(output)
        target = output / f"{file.stem}.{entity}.{SUFFIXES[fmt]}"
        write_atomic(target, rendered)
        click.echo(f"report written to {target}", err=True)
    else:
        click.echo(rendered, nl=False)
    sys.exit(EXIT_OK if result.ok else EXIT_FINDINGS)
