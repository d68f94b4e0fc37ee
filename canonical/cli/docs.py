"""``canon docs``: build, serve or inspect the documentation site.

``canon docs build`` runs the mkdocs build in this process, strict by default: the generated
reference pages (entities, enumerations, rules, plants, CLI) are produced by the hook in
mkdocs.yml while the site builds, so there is nothing to regenerate first. Every mkdocs
message is echoed; any warning fails a strict build with exit 1. A missing mkdocs.yml or
missing ``[docs]`` extra is a usage error (exit 2).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from canonical.cli.inputs import DiskFile, FolderRef
from canonical.cli.options import F, deprecated_alias, no_output
from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.errors import InputError

CONFIG_NAME = "mkdocs.yml"


class _Echo(logging.Handler):
    """Forward mkdocs log records to the terminal and count warnings."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        click.echo(f"{record.levelname:<8}-  {record.getMessage()}", err=True)


def _config_file(given: Path | None) -> Path:
    if given is not None:
        if not given.exists():
            fail(f"{given}: no such mkdocs configuration file")  # anything else: checked_config
        return given
    for folder in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    fail(f"no {CONFIG_NAME} here: run from the repository root or pass --config-file")


def _need_mkdocs() -> None:
    try:
        import mkdocs  # noqa: F401
        import mkdocstrings  # noqa: F401
    except ModuleNotFoundError as exc:
        fail(f"building the docs needs the [docs] extra ({exc.name} is not installed): "
             "pip install 'mfg-canonical[docs]'")


def config_option(function: F) -> F:
    """``--config-file`` (the old short flag ``-f``, now ``--format`` everywhere, still works
    here with a warning)."""
    on_disk = DiskFile("mkdocs resolves docs_dir relative to its folder")
    option = click.option("--config-file", type=on_disk, default=None,
                          help=f"mkdocs configuration (default: ./{CONFIG_NAME}).")
    return deprecated_alias("-f", "--config-file", "config_file", type=on_disk)(option(function))


@click.group()
def docs() -> None:
    """Documentation site: generated reference plus guides (mkdocs-material)."""


@no_output("it writes the site folder and logs the build on standard error")
@docs.command()
@config_option
@click.option("--site-dir", "-d", type=FolderRef("the site folder"), default=None,
              help="Output folder (default: site/ next to mkdocs.yml).")
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Fail (exit 1) on any warning: broken links, missing pages, bad docstrings.")
def build(config_file: Path | None, site_dir: str | None, strict: bool) -> None:
    """Generate the reference pages and build the site (mkdocs build --strict)."""
    _need_mkdocs()
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from canonical.docs.config import checked_config

    config_path = _config_file(config_file)
    handler = _Echo()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        overrides = {"site_dir": str(Path(site_dir).resolve())} if site_dir is not None else {}
        config = load_config(checked_config(config_path), config_file_path=str(
            config_path.resolve()), strict=strict, **overrides)
        mkdocs_build(config)
    except InputError as exc:
        fail(exc)
    except ConfigurationError as exc:
        fail(f"{config_path}: {exc}")
    except (Abort, PluginError) as exc:
        click.echo(f"error: docs build failed: {exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    if strict and handler.warnings:  # pragma: no cover - mkdocs aborts first in strict mode
        sys.exit(EXIT_FINDINGS)
    click.echo(f"site built in {config.site_dir}"
               + (f" with {handler.warnings} warning(s)" if handler.warnings else ""))
    sys.exit(EXIT_OK)


@no_output("it serves the site until stopped")
@docs.command()
@config_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on (IP:PORT).")
def serve(config_file: Path | None, dev_addr: str) -> None:
    """Serve the site with live reload while editing guides."""
    _need_mkdocs()
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(_config_file(config_file)), dev_addr=dev_addr)


@no_output("it writes the pages into FOLDER and prints how many")
@docs.command()
@click.argument("folder", type=FolderRef("the folder to write the pages into"))
def generate(folder: str) -> None:
    """Write the generated reference pages into FOLDER as Markdown (to inspect them)."""
    from canonical.cli import cli
    from canonical.docs.site import generate as generate_site

    root = Path(__file__).resolve().parents[2]
    site = generate_site(cli_root=cli, changelog=root / "CHANGELOG.md")
    written = site.write(Path(folder))
    click.echo(f"wrote {len(written)} pages under {folder}")
