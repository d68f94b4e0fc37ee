"""Who may do what: the service state, bearer tokens and plant scoping, as dependencies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from canonical.errors import ServiceProblem
from canonical.mapping import Plant
from canonical.service import rules
from canonical.service.context import RequestInfo
from canonical.service.metrics import Metrics
from canonical.service.params import refuse_unknown
from canonical.service.plants import PlantRegistry
from canonical.service.settings import Settings
from canonical.service.store import SqlStore
from canonical.service.tokens import ALL_PLANTS, Client

_bearer = HTTPBearer(auto_error=False, description="A token scoped to plants (see the token file).")


@dataclass(frozen=True, slots=True)
class Service:
    """What every route reads: settings, plants, storage, metrics."""

    settings: Settings
    plants: PlantRegistry
    store: SqlStore
    metrics: Metrics


async def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


async def info(request: Request) -> RequestInfo:
    """The request's info (correlation id, metric labels); set by the envelope middleware."""
    found = getattr(request.state, "info", None)
    return found if isinstance(found, RequestInfo) else RequestInfo("")


async def client(request: Request,
           credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Client:
    """The client of the bearer token; 401 without a known token."""
    header = f"Bearer {credentials.credentials}" if credentials is not None else None
    state = getattr(request.state, "info", None)
    return caller(request.app.state.service, header, state if isinstance(state, RequestInfo) else None)


def caller(svc: Service, authorization: str | None, info: RequestInfo | None) -> Client:
    """The client of an ``Authorization`` header (noted in ``info``); 401 without a known
    bearer token."""
    scheme, _, token = (authorization or "").partition(" ")
    bearer = scheme.lower() == "bearer" and bool(token.strip())
    found = svc.settings.tokens.client(authorization) if bearer else None
    if found is None:
        raise ServiceProblem(401, "the bearer token is not known to this service" if bearer
                             else "a bearer token is required (Authorization: Bearer ...)",
                             rule_id=rules.UNAUTHENTICATED.id, headers={"WWW-Authenticate": "Bearer"})
    if info is not None:
        info.client = found.name
    return found


def visible_plants(who: Client, svc: Service) -> list[str] | None:
    """The plants a client may see (None: all of them)."""
    if ALL_PLANTS in who.plants:
        return None
    return [p for p in svc.plants.ids() if who.may_use(p)]


def plant_for(who: Client, svc: Service, plant_id: str, *, fresh: bool = False) -> Plant:
    """The plant, if the client may use it: 403 for another plant, 404 for an unknown one."""
    if not who.may_use(plant_id):
        raise ServiceProblem(403, f"this token is not scoped to plant {plant_id}",
                             rule_id=rules.FORBIDDEN_PLANT.id)
    found = svc.plants.fresh(plant_id) if fresh else svc.plants.get(plant_id)
    if found is None:
        raise ServiceProblem(404, f"this service serves no plant {plant_id!r}; plants: "
                             f"{', '.join(svc.plants.ids())}", rule_id=rules.NOT_FOUND.id)
    return found


Caller = Annotated[Client, Depends(client)]
State = Annotated[Service, Depends(service)]
Info = Annotated[RequestInfo, Depends(info)]


def _query_names(dependant: Any) -> frozenset[str]:
    names = {p.alias for p in dependant.query_params}
    for child in dependant.dependencies:
        names |= _query_names(child)
    return frozenset(names)


def _needs_token(dependant: Any) -> bool:
    return any(child.call is client or _needs_token(child) for child in dependant.dependencies)


#: route id -> its query parameters, and whether it needs a token (routes live forever)
_DECLARED: dict[int, tuple[frozenset[str], bool]] = {}


async def known_query(request: Request) -> None:
    """400 for a query parameter the route does not declare: nothing sent is silently ignored.
    On a route that needs a token, a request without a known one is a 401 first (the order of
    refusals is the same on every route: who is asking, then what was asked)."""
    from fastapi.routing import APIRoute

    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    found = _DECLARED.get(id(route))
    if found is None:
        found = _DECLARED[id(route)] = (_query_names(route.dependant), _needs_token(route.dependant))
    declared, needs_token = found
    given = set(request.query_params)
    if needs_token and given - declared:
        caller(request.app.state.service, request.headers.get("authorization"), None)
    refuse_unknown(given, declared)
