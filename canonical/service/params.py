"""Request parameters declared once, as data: read by hand on the hot path, documented in OpenAPI.

FastAPI's parameter machinery (one pydantic field per query parameter and header, solved per
request) was a third of the mapping endpoint's cost. The mapping endpoint therefore declares
its parameters here and is routed by :class:`ReadsOwnParams`: :meth:`Params.openapi` writes
them into the OpenAPI document (what clients and the property-based tests read) and
:meth:`Params.read` reads them from the ASGI scope, refusing what FastAPI would have refused
(a missing required parameter, a header over its length, a query parameter the route does
not take) with a 400 problem (SVC-007).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl

from fastapi import Request, Response
from fastapi.routing import APIRoute

from canonical.errors import ServiceProblem
from canonical.service import rules


@dataclass(frozen=True, slots=True)
class Param:
    """One path, query or header parameter."""

    name: str
    where: Literal["path", "query", "header"]
    description: str = ""
    required: bool = False
    many: bool = False  # a query parameter that may repeat
    max_length: int | None = None

    def openapi(self) -> dict[str, Any]:
        item: dict[str, Any] = {"type": "string"}
        if self.max_length is not None:
            item["maxLength"] = self.max_length
        schema = {"type": "array", "items": item} if self.many else item
        doc: dict[str, Any] = {"name": self.name, "in": self.where,
                               "required": self.required or self.where == "path", "schema": schema}
        if self.description:
            doc["description"] = self.description
        return doc


@dataclass(frozen=True, slots=True)
class Given:
    """The query parameters and headers of one request, by declared name."""

    values: Mapping[str, list[str]]

    def one(self, name: str) -> str | None:
        found = self.values.get(name)
        return found[-1] if found else None

    def all(self, name: str) -> list[str]:
        return self.values.get(name, [])


def refuse_unknown(given: set[str], declared: frozenset[str]) -> None:
    """400 for a query parameter the route does not declare: nothing sent is silently ignored."""
    unknown = sorted(given - declared)
    if unknown:
        raise ServiceProblem(400, f"unknown query parameter(s): {', '.join(unknown)}; this route "
                             f"takes: {', '.join(sorted(declared)) or 'none'}",
                             rule_id=rules.BAD_PARAMETER.id)


class Params:
    """The parameters of one route."""

    def __init__(self, *params: Param) -> None:
        self.params = params
        self._query = frozenset(p.name for p in params if p.where == "query")
        self._headers = {p.name.lower().encode("latin-1"): p for p in params if p.where == "header"}

    def openapi(self) -> list[dict[str, Any]]:
        return [p.openapi() for p in self.params]

    def read(self, scope: Mapping[str, Any]) -> Given:
        """The declared query parameters and headers of ``scope``; 400 for what does not fit."""
        values: dict[str, list[str]] = {}
        query: bytes = scope.get("query_string", b"")
        if query:
            for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
                values.setdefault(name, []).append(value)
            refuse_unknown(set(values), self._query)
        for raw, value in scope.get("headers", ()):
            param = self._headers.get(raw)
            if param is not None:
                values.setdefault(param.name, []).append(value.decode("latin-1"))
        for param in self.params:
            if param.where == "path":
                continue
            found = values.get(param.name)
            where = f"{param.where}.{param.name}"
            if found is None:
                if param.required:
                    raise ServiceProblem(400, f"{where}: Field required", rule_id=rules.BAD_PARAMETER.id)
            elif param.max_length is not None and any(len(v) > param.max_length for v in found):
                raise ServiceProblem(400, f"{where}: String should have at most {param.max_length} "
                                     "characters", rule_id=rules.BAD_PARAMETER.id)
        return Given(values)


class ReadsOwnParams(APIRoute):
    """A route FastAPI documents as usual (``openapi_extra`` carries :meth:`Params.openapi`)
    but calls as a plain Starlette endpoint: ``endpoint(request)``, no dependency solving and
    no response model validation (the endpoint returns a finished :class:`Response`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint: Callable[[Request], Coroutine[Any, Any, Response]] = self.endpoint
        return endpoint
