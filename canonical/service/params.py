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
        #: what :meth:`read` checks: the query parameters and headers, in declared order
        self._checked = tuple(p for p in params if p.where != "path" and (p.required or p.max_length))
        self._queries: dict[bytes, tuple[tuple[str, str], ...]] = {}

    def openapi(self) -> list[dict[str, Any]]:
        return [p.openapi() for p in self.params]

    def _pairs(self, query: bytes) -> tuple[tuple[str, str], ...]:
        """The (name, value) pairs of a query string; the last few kept, by their text (a
        connector sends the same ``?source=..&target=..`` with every message)."""
        pairs = self._queries.get(query)
        if pairs is None:
            pairs = tuple(parse_qsl(query.decode("latin-1"), keep_blank_values=True))
            if len(query) <= _QUERY_KEPT_BYTES:
                if len(self._queries) >= _QUERIES_KEPT:
                    self._queries.clear()  # start again: cheaper than finding the oldest
                self._queries[query] = pairs
        return pairs

    def read(self, scope: Mapping[str, Any]) -> Given:
        """The declared query parameters and headers of ``scope``; 400 for what does not fit."""
        values: dict[str, list[str]] = {}
        query: bytes = scope.get("query_string", b"")
        if query:
            for name, value in self._pairs(query):
                values.setdefault(name, []).append(value)
            if not self._query.issuperset(values):
                refuse_unknown(set(values), self._query)
        for raw, value in scope.get("headers", ()):
            param = self._headers.get(raw)
            if param is not None:
                values.setdefault(param.name, []).append(value.decode("latin-1"))
        for param in self._checked:
            found = values.get(param.name)
            if found is None:
                if param.required:
                    raise ServiceProblem(400, f"{param.where}.{param.name}: Field required",
                                         rule_id=rules.BAD_PARAMETER.id)
            elif param.max_length is not None and any(len(v) > param.max_length for v in found):
                raise ServiceProblem(400, f"{param.where}.{param.name}: String should have at most "
                                     f"{param.max_length} characters", rule_id=rules.BAD_PARAMETER.id)
        return Given(values)


#: query strings whose parsed pairs are kept (by :class:`Params`), and the longest kept
_QUERIES_KEPT = 64
_QUERY_KEPT_BYTES = 512


class ReadsOwnParams(APIRoute):
    """A route FastAPI documents as usual (``openapi_extra`` carries :meth:`Params.openapi`)
    but calls as a plain Starlette endpoint: ``endpoint(request)``, no dependency solving and
    no response model validation (the endpoint returns a finished :class:`Response`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint: Callable[[Request], Coroutine[Any, Any, Response]] = self.endpoint
        return endpoint
