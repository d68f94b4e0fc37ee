"""The service's configuration: plants, storage, tokens and request limits.

``canon serve`` builds it from options; :func:`from_env` from ``CANON_SERVICE_*`` variables
(what the uvicorn factory ``canonical.service.app:from_environment`` reads, so several
replicas can be started by any process manager).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from canonical.service.tokens import TokenSet

DEFAULT_DATABASE = "sqlite:///canon-service.sqlite3"
#: a native order with hundreds of operations and components is ~200 KB; 1 MiB leaves room
DEFAULT_MAX_BODY = 1024 * 1024
#: native ERP/MES payloads nest a few levels (order > operations > confirmations > ...)
DEFAULT_MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the app needs; immutable once the app starts."""

    plants: tuple[str, ...] = ()  # plant ids or folders; empty: every shipped plant
    database: str = DEFAULT_DATABASE
    tokens: TokenSet = field(default_factory=lambda: TokenSet({}))
    max_body_bytes: int = DEFAULT_MAX_BODY
    max_depth: int = DEFAULT_MAX_DEPTH
    #: base URL of the published docs site; problem ``type`` URLs point at its rule pages.
    #: Empty: the service's own ``/v1/rules/{id}`` pages.
    docs_url: str = ""


def from_env(environ: dict[str, str] | None = None) -> Settings:
    """Settings from ``CANON_SERVICE_PLANTS`` (comma-separated), ``_DATABASE``, ``_TOKENS``
    (a token file), ``_MAX_BODY_BYTES``, ``_MAX_DEPTH`` and ``_DOCS_URL``."""
    env = os.environ if environ is None else environ
    plants = tuple(p.strip() for p in env.get("CANON_SERVICE_PLANTS", "").split(",") if p.strip())
    token_file = env.get("CANON_SERVICE_TOKENS")
    return Settings(
        plants=plants,
        database=env.get("CANON_SERVICE_DATABASE", DEFAULT_DATABASE),
        tokens=TokenSet.load(token_file) if token_file else TokenSet({}),
        max_body_bytes=int(env.get("CANON_SERVICE_MAX_BODY_BYTES", DEFAULT_MAX_BODY)),
        max_depth=int(env.get("CANON_SERVICE_MAX_DEPTH", DEFAULT_MAX_DEPTH)),
        docs_url=env.get("CANON_SERVICE_DOCS_URL", ""),
    )
