"""``canon serve``: the integration service (FastAPI on uvicorn) on the shipped plants.

With no options it serves every shipped plant on http://127.0.0.1:8000 from an SQLite file
in the current folder. Without a token file it makes one token for this run, scoped to every
plant, and prints it (only its hash is kept). ``--new-token`` prints a token and the token
file entry for it, and exits.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from canonical.cli.inputs import InputFile
from canonical.cli.options import no_output, plant_option
from canonical.cli.output import EXIT_OK, fail
from canonical.errors import CanonicalError


@no_output("it runs the HTTP service until stopped (its log goes to standard error)")
@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; put a TLS proxy in front otherwise).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@plant_option(multiple=True, help="Plant id or folder to serve (repeat); default: every "
              "shipped plant.")
@click.option("--database", default="sqlite:///canon-service.sqlite3", show_default=True,
              help="sqlite:///PATH (one process) or postgresql://... (several replicas).")
@click.option("--tokens", "token_file", type=InputFile(".yaml"),
              help="Token file (YAML: name, sha256, plants per token; '-': standard input).")
@click.option("--max-body-bytes", default=1024 * 1024, show_default=True, type=click.IntRange(1))
@click.option("--max-depth", default=32, show_default=True, type=click.IntRange(1))
@click.option("--docs-url", default="", help="Published docs site; problem types link its rule pages.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["debug", "info", "warning", "error"]))
@click.option("--new-token", "new_token_for", metavar="NAME:PLANT[,PLANT]",
              help="Print a new token and its token-file entry (e.g. mes-de01:DE01), then exit.")
def serve(host: str, port: int, plant: tuple[str, ...], database: str, token_file: Path | None,
          max_body_bytes: int, max_depth: int, docs_url: str, log_level: str,
          new_token_for: str | None) -> None:
    """Serve the contract over HTTP: process APIs, outbox, dead letters, health, metrics."""
    from canonical.service.tokens import ALL_PLANTS, TokenSet, new_token, token_hash

    if new_token_for is not None:
        name, _, scope = new_token_for.partition(":")
        if not name or not scope:
            fail("--new-token takes NAME:PLANT[,PLANT] (or NAME:* for every plant)")
        token = new_token()
        click.echo(f"token (give it to the client; it is not stored): {token}")
        click.echo(f"  - name: {name}\n    sha256: {token_hash(token)}\n    plants: [{scope}]")
        sys.exit(EXIT_OK)
    import uvicorn

    from canonical.service.app import create_app, settle
    from canonical.service.logs import configure
    from canonical.service.settings import Settings

    try:
        if token_file:
            tokens = TokenSet.load(token_file)
        else:
            token = new_token()
            tokens = TokenSet.of([("canon-serve", token_hash(token), [ALL_PLANTS])])
            click.echo(f"canon serve: no --tokens file; this run's token for every plant: {token}",
                       err=True)
        settings = Settings(plants=plant, database=database, tokens=tokens,
                            max_body_bytes=max_body_bytes, max_depth=max_depth, docs_url=docs_url)
        configure(log_level)
        app = create_app(settings)
    except CanonicalError as exc:
        fail(exc)
    click.echo(f"canon serve: http://{host}:{port} (OpenAPI at /docs), plants "
               f"{', '.join(app.state.service.plants.ids())}, storage {database}", err=True)
    settle()
    uvicorn.run(app, host=host, port=port, log_config=None, access_log=False)
