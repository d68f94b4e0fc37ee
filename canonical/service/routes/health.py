"""Health (open, no token): ``/livez`` (the process answers) and ``/readyz`` (plants loaded,
storage reachable); ``/metrics`` (Prometheus text, any valid token)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from canonical.errors import ServiceProblem
from canonical.service import rules
from canonical.service.access import Caller, State
from canonical.service.metrics import CONTENT_TYPE
from canonical.service.responses import Health, problems

router = APIRouter(tags=["health"])


@router.get("/livez", response_model=Health, summary="The process answers")
def livez() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses=problems(503),
            summary="Plants are loaded and the storage answers")
def readyz(svc: State) -> Health:
    if not svc.plants.ids() or not svc.store.ping():
        raise ServiceProblem(503, "not ready: no plant loaded or the storage does not answer",
                             rule_id=rules.NOT_READY.id)
    return Health(status="ok", plants=svc.plants.ids())


@router.get("/metrics", responses={200: {"content": {CONTENT_TYPE: {}}}, **problems(401)},
            summary="Prometheus metrics (messages by plant, entity, source, outcome; latency)")
def metrics(who: Caller, svc: State) -> Response:
    return Response(svc.metrics.render(), media_type=CONTENT_TYPE)
