"""A FastAPI dependency that gives any Python service the contract's checks in one line.

Typing a body as ``canonical.models.ProductionOrder`` is not enough: pydantic checks the
types, but not the business rules (an order that finishes before it starts is accepted),
and its errors carry no rule ids. :func:`canonical_body` reads the body itself (415 for
another media type, 413/400 for oversize or unreadable JSON),
runs :func:`canonical.validate` (structure *and* business rules) and answers 422 with every
finding as an RFC 9457 problem::

    from typing import Annotated
    from fastapi import FastAPI
    from canonical.models import ProductionOrder
    from canonical.service import canonical_body, install_problem_details

    app = install_problem_details(FastAPI())

    @app.post("/orders")
    def receive(order: Annotated[ProductionOrder, canonical_body(ProductionOrder)]) -> str:
        return order.id
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import Depends, Request

from canonical.errors import ServiceProblem
from canonical.models import CanonicalModel
from canonical.service import rules
from canonical.service.body import check_media_type, parse_object
from canonical.service.settings import DEFAULT_MAX_BODY, DEFAULT_MAX_DEPTH
from canonical.validation import validate

M = TypeVar("M", bound=CanonicalModel)


def checked(model: type[M], data: dict[str, object]) -> M:
    """``data`` as a valid ``model`` instance, or a 422 problem with every finding."""
    report = validate(data, entity=model.__name__)
    if report.errors:
        raise ServiceProblem(422, f"the {model.__name__} has {len(report.errors)} error finding(s)",
                             rule_id=rules.REJECTED.id, findings=report.findings,
                             canonical_paths=True)
    return model.model_validate(data)


def canonical_body(model: type[M], *, max_bytes: int = DEFAULT_MAX_BODY,
                   max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """``Depends(...)`` yielding the request body as a validated ``model`` instance."""

    async def dependency(request: Request) -> M:
        check_media_type(request.headers.get("content-type"))
        data = parse_object(await request.body(), max_bytes=max_bytes, max_depth=max_depth,
                            decimals=False)
        return checked(model, data)

    reader: Callable[[Request], Awaitable[M]] = dependency
    return Depends(reader)
