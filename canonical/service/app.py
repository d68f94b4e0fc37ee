"""The integration service app: ``create_app(settings)``; ``from_environment()`` for uvicorn.

Run it with ``canon serve`` or any ASGI server (``uvicorn --factory
canonical.service.app:from_environment``, settings from ``CANON_SERVICE_*``, see
:mod:`~canonical.service.settings`). Several replicas share one PostgreSQL database.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from fastapi import Depends, FastAPI

from canonical import __version__
from canonical.service.access import Service, known_query
from canonical.service.handlers import install_problem_details
from canonical.service.logs import LOGGER
from canonical.service.metrics import Metrics
from canonical.service.middleware import Envelope
from canonical.service.plants import PlantRegistry
from canonical.service.routes import health, messages, outbox, reference
from canonical.service.settings import Settings, from_env
from canonical.service.store import open_store

DESCRIPTION = """The mfg-canonical contract over HTTP: map native ERP/MES messages through the
plants' governed mapping tables, validate them (types *and* business rules), publish them as
canonical events (outbox) and keep what fails as dead letters with every finding. Errors are
RFC 9457 problem details whose `type` is the rule's documentation page."""


def create_app(settings: Settings) -> FastAPI:
    """The app serving ``settings``' plants."""
    plants = PlantRegistry(settings.plants)
    app = FastAPI(title="mfg-canonical integration service", version=__version__,
                  description=DESCRIPTION, separate_input_output_schemas=False)
    store = open_store(settings.database)
    metrics = Metrics.create(commits=store.commit_counts, bounds=plants.label_bounds())
    weaker = store.weaker_durability()
    if weaker is not None:
        logging.getLogger(LOGGER).warning(weaker)
    app.state.service = Service(settings, plants, store, metrics)
    install_problem_details(app, docs_url=settings.docs_url)
    app.add_middleware(Envelope, metrics=metrics, load=store.load, max_body_bytes=settings.max_body_bytes,
                       docs_url=settings.docs_url, direct=(messages.DIRECT,))
    # the mapping endpoint reads (and checks) its own parameters: canonical.service.params
    app.include_router(messages.router)
    for module in (outbox, reference, health):
        app.include_router(module.router, dependencies=[Depends(known_query)])
    return app


#: young-generation threshold while serving (CPython's default is 700): see :func:`settle`
YOUNG_THRESHOLD = 10_000


def settle() -> None:
    """Before serving: what was loaded at start (plants, tables, models, routes) lives as long
    as the process, so it leaves the garbage collector's sight (:func:`gc.freeze`). A full
    collection then walks only what requests allocate, not the whole heap (which cost each
    request a few microseconds on average and, once in a while, one request tens of
    milliseconds).

    The young generation is collected after :data:`YOUNG_THRESHOLD` net allocations instead
    of 700 (the older generations' thresholds are kept). At 16 concurrent requests, the
    objects of the requests in flight (the server's and the framework's, alive while a message
    waits for its commit) passed 700 now and then, and each such collection walked them all:
    7-11 us per mapped message, measured with ``gc.callbacks`` in the served process;
    under 2 us at 10,000. Cyclic garbage is still collected, a little later (a few MB at
    most). Called by ``canon serve`` and :func:`from_environment`; an application embedding
    the service decides for its own process (a higher threshold it set is kept)."""
    gc.collect()
    gc.freeze()
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)


def from_environment() -> Any:
    """The app configured by ``CANON_SERVICE_*`` environment variables (uvicorn ``--factory``).
    ``CANON_SERVICE_BASELINE=1``: the benchmark's bare FastAPI endpoints beside it."""
    import os

    from canonical.service.logs import configure

    configure(os.environ.get("CANON_SERVICE_LOG_LEVEL", "info"))
    app = create_app(from_env())
    if os.environ.get("CANON_SERVICE_BASELINE") != "1":
        settle()
        return app
    from canonical.service.routes.baseline import with_baseline

    served = with_baseline(app)
    settle()
    return served
