"""The benchmark's baseline: bare FastAPI endpoints typing their body as a canonical model.

This is the quick path the service exists to replace (types checked, business rules not,
errors without rule ids, no auth, no logs, no metrics, nothing stored). It is mounted only
for ``make bench`` (``CANON_SERVICE_BASELINE=1``), on the same uvicorn server and event loop
as the service but *beside* it: :func:`with_baseline` sends ``/v1/baseline/...`` straight to
a plain ``FastAPI()`` app, so the baseline pays none of the service's envelope (correlation
id, access log, metrics, bearer token, body limits) and the benchmark's ratio is the whole
price of the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import FastAPI

from canonical.engine.shape import MAPPABLE, entity_class
from canonical.models import CanonicalModel
from canonical.service.middleware import ASGIApp, Receive, Scope, Send

PREFIX = "/v1/baseline/"


def _endpoint(model: type[CanonicalModel]) -> Callable[..., Coroutine[Any, Any, dict[str, str]]]:
    async def endpoint(body: Any) -> dict[str, str]:
        return {"type": type(body).__name__}

    endpoint.__annotations__ = {"body": model, "return": dict[str, str]}
    return endpoint


def bare_app() -> FastAPI:
    """``POST /v1/baseline/{Entity}`` for every mappable entity: FastAPI reads the JSON body into
    the entity's pydantic model (its validation error is FastAPI's plain 422)."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    for name in MAPPABLE:
        model = entity_class(name)
        if model is not None:
            app.post(f"{PREFIX}{name}")(_endpoint(model))
    return app


def with_baseline(service: ASGIApp) -> ASGIApp:
    """``service`` with the bare baseline beside it on the same server."""
    bare = bare_app()

    async def dispatch(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(PREFIX):
            await bare(scope, receive, send)
        else:
            await service(scope, receive, send)

    return dispatch
