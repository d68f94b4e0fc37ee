"""Problem details for every error a FastAPI app can produce (``install_problem_details``).

Registers handlers so that refusals raised by routes and dependencies
(:class:`~canonical.errors.ServiceProblem`), FastAPI's own 404/405 and parameter errors, and
any unexpected exception all answer ``application/problem+json``, never a stack trace.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from canonical.errors import ServiceProblem
from canonical.service import rules
from canonical.service.context import CORRELATION_HEADER, RequestInfo, valid_correlation_id
from canonical.service.logs import LOGGER
from canonical.service.problems import MEDIA_TYPE, problem_of

_STATUS_RULES = {404: rules.NOT_FOUND.id, 405: rules.METHOD.id, 401: rules.UNAUTHENTICATED.id,
                 403: rules.FORBIDDEN_PLANT.id, 415: rules.MEDIA_TYPE.id}


def _correlation_id(request: Request) -> str | None:
    info = getattr(request.state, "info", None)
    if isinstance(info, RequestInfo):
        return info.correlation_id
    given = request.headers.get(CORRELATION_HEADER, "")
    return given if valid_correlation_id(given) else None


def problem_response(request: Request, error: ServiceProblem, *, docs_url: str = "") -> Response:
    """The problem+json response of a refused request."""
    problem = problem_of(error, instance=request.url.path, correlation_id=_correlation_id(request),
                         base_url=str(request.base_url), docs_url=docs_url)
    return Response(problem.model_dump_json(exclude_none=True), status_code=error.status,
                    media_type=MEDIA_TYPE, headers=error.headers)


def install_problem_details(app: FastAPI, *, docs_url: str = "") -> FastAPI:
    """Make every error response of ``app`` an RFC 9457 problem; returns ``app``."""

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceProblem)
        return problem_response(request, exc, docs_url=docs_url)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        rule = _STATUS_RULES.get(exc.status_code, rules.BAD_PARAMETER.id)
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404:
            detail = f"no route {request.url.path}"
        elif exc.status_code == 405:
            detail = f"{request.url.path} does not accept {request.method}"
        return problem_response(request, ServiceProblem(exc.status_code, detail, rule_id=rule,
                                                        headers=dict(exc.headers or {})),
                                docs_url=docs_url)

    async def on_params(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ()))
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
        return problem_response(request, ServiceProblem(400, "; ".join(parts) or "invalid request",
                                                        rule_id=rules.BAD_PARAMETER.id),
                                docs_url=docs_url)

    async def on_crash(request: Request, exc: Exception) -> Response:
        logging.getLogger(LOGGER).error("unexpected error", exc_info=exc,
                                        extra={"path": request.url.path})
        return problem_response(request, ServiceProblem(
            500, "the service failed unexpectedly; quote the correlation id to the operators",
            rule_id=rules.INTERNAL.id), docs_url=docs_url)

    app.add_exception_handler(ServiceProblem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_params)
    app.add_exception_handler(Exception, on_crash)
    return app
