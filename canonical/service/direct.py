"""Direct dispatch of the hot route: the envelope calls the mapping endpoint itself.

FastAPI still declares ``POST /v1/plants/{plant}/messages/{entity}`` (the OpenAPI document,
the route list, every other method's 405), but a request for it does not walk FastAPI's
inner stack (exception middleware, two exit stacks, the router's matching of every route,
the request/response wrapper): :class:`~canonical.service.middleware.Envelope` matches the
path with the route's own template and awaits the endpoint, the way Starlette would.
Behaviour is the same: path parameters as Starlette reads them (``root_path`` honoured), a
:class:`~canonical.errors.ServiceProblem` answered by the same problem renderer as FastAPI's
handler, anything else left to the envelope's 500 problem.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from re import Pattern
from typing import TYPE_CHECKING

from starlette.convertors import StringConvertor
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import compile_path

from canonical.errors import ServiceProblem
from canonical.service.handlers import problem_response

if TYPE_CHECKING:
    from canonical.service.middleware import Receive, Scope, Send

Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class DirectRoute:
    """One route served straight from the envelope: ``method`` on the ``path`` template."""

    method: str
    path: str
    endpoint: Endpoint
    _regex: Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        regex, _, convertors = compile_path(self.path)
        if not all(isinstance(c, StringConvertor) for c in convertors.values()):
            raise ValueError(f"{self.path}: direct routes take plain string parameters only")
        object.__setattr__(self, "_regex", regex)

    def match(self, scope: Scope) -> dict[str, str] | None:
        """The path parameters when ``scope`` is a request for this route, else None."""
        if scope["method"] != self.method:
            return None
        path: str = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root) and path[len(root):len(root) + 1] == "/":
            path = path[len(root):]
        found = self._regex.match(path)
        return found.groupdict() if found is not None else None

    async def serve(self, scope: Scope, receive: Receive, send: Send, *, docs_url: str) -> None:
        """Await the endpoint and send its response (a refusal as problem details)."""
        request = Request(scope, receive)
        try:
            response = await self.endpoint(request)
        except ServiceProblem as exc:
            response = problem_response(request, exc, docs_url=docs_url)
        await response(scope, receive, send)
