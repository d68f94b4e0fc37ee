"""The ASGI envelope around every request: correlation id, body limit, metrics, access log,
and the last line of defence (an unexpected error is a 500 problem, never a stack trace).

A pure ASGI middleware (no per-request task or buffering), so the baseline endpoint of the
benchmark pays exactly the same envelope as the mapping endpoint.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from canonical.errors import ServiceProblem
from canonical.reading import IO_SIZE
from canonical.service import rules
from canonical.service.context import (
    CORRELATION_HEADER,
    RequestInfo,
    correlation,
    new_correlation_id,
    valid_correlation_id,
)
from canonical.service.direct import DirectRoute
from canonical.service.logs import LOGGER
from canonical.service.metrics import Metrics
from canonical.service.problems import MEDIA_TYPE, problem_of
from canonical.service.store.group import Load

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_log = logging.getLogger(LOGGER)
_HEADER = CORRELATION_HEADER.lower().encode("latin-1")


def base_url(scope: Scope) -> str:
    """``scheme://host[:port]`` as the client addressed the service."""
    for name, value in scope.get("headers", ()):
        if name == b"host":
            return f"{scope.get('scheme', 'http')}://{value.decode('latin-1')}"
    host, port = scope.get("server") or ("127.0.0.1", 80)
    return f"{scope.get('scheme', 'http')}://{host}:{port}"


class BodyTooLarge(ServiceProblem):
    """Raised from ``receive`` when a streamed body passes the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than the limit of {limit} bytes",
                         rule_id=IO_SIZE.id)


class Envelope:
    """Wraps the FastAPI app; see the module docs."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics, load: Load, max_body_bytes: int,
                 docs_url: str, direct: tuple[DirectRoute, ...] = ()) -> None:
        self.app, self.metrics, self.limit, self.docs_url = app, metrics, max_body_bytes, docs_url
        self.load = load
        self.direct = direct  # the hot routes, served without FastAPI's inner stack

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        self.load.in_flight += 1
        headers = dict(scope.get("headers", ()))
        given = headers.get(_HEADER, b"").decode("latin-1")
        info = RequestInfo(given if valid_correlation_id(given) else new_correlation_id())
        token = correlation.set(info.correlation_id)
        scope.setdefault("state", {})["info"] = info
        status = 500
        response_started = False

        async def send_wrapped(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status, response_started = message["status"], True
                message["headers"] = [*message.get("headers", ()),
                                      (_HEADER, info.correlation_id.encode("latin-1"))]
            await send(message)

        try:
            if given and not valid_correlation_id(given):
                raise ServiceProblem(400, f"{CORRELATION_HEADER} must be 1-64 characters without "
                                     "line breaks or surrounding spaces", rule_id=rules.BAD_PARAMETER.id)
            declared = headers.get(b"content-length")
            if declared is not None and declared.isdigit() and int(declared) > self.limit:
                raise BodyTooLarge(self.limit)
            for route in self.direct:
                params = route.match(scope)
                if params is not None:
                    scope["path_params"] = params
                    await route.serve(scope, self._limited(receive), send_wrapped, docs_url=self.docs_url)
                    break
            else:
                await self.app(scope, self._limited(receive), send_wrapped)
        except ServiceProblem as exc:
            if not response_started:
                await self._problem(scope, send_wrapped, exc, info)
        except Exception:
            if not response_started:  # else the app's handler answered and logged it already
                _log.exception("unexpected error", extra={"path": scope.get("path")})
                await self._problem(scope, send_wrapped, ServiceProblem(
                    500, "the service failed unexpectedly; quote the correlation id to the operators",
                    rule_id=rules.INTERNAL.id), info)
        finally:
            self.load.in_flight -= 1
            if info.queued:
                self.load.queued -= 1
            seconds = time.perf_counter() - started
            self.metrics.observe(info, method=scope["method"], status=status, seconds=seconds)
            _log.info("request", extra={
                "method": scope["method"], "path": scope.get("path"), "status": status,
                "duration_ms": round(seconds * 1000, 3), "plant": info.plant, "entity": info.entity,
                "source": info.source, "outcome": info.outcome, "client": info.client})
            correlation.reset(token)

    def _limited(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.limit

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        return wrapped

    async def _problem(self, scope: Scope, send: Send, exc: ServiceProblem, info: RequestInfo) -> None:
        problem = problem_of(exc, instance=scope.get("path", ""), correlation_id=info.correlation_id,
                             base_url=base_url(scope), docs_url=self.docs_url)
        body = problem.model_dump_json(exclude_none=True).encode("utf-8")
        extra = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in exc.headers.items()]
        await send({"type": "http.response.start", "status": exc.status, "headers": [
            (b"content-type", MEDIA_TYPE.encode("latin-1")),
            (b"content-length", str(len(body)).encode("latin-1")), *extra]})
        await send({"type": "http.response.body", "body": body})
