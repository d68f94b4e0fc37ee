"""The outbox (``GET /v1/events?after=CURSOR``) and dead letters (list, read, replay).

Consumers read events in commit order and remember the last cursor; a stopped consumer
resumes where it was. A rejected message waits as a dead letter until a steward fixes the
mapping (an unmapped code gets its approved row) and replays it with today's tables.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from canonical.errors import ServiceProblem
from canonical.service import rules
from canonical.service.access import Caller, Info, State, plant_for, visible_plants
from canonical.service.body import parse_object
from canonical.service.responses import DeadLetterPage, DeadLetterView, EventPage, MessageAccepted, problems
from canonical.service.routes.messages import answer, prepare
from canonical.service.store import DeadLetter

router = APIRouter(tags=["outbox"])


@router.get("/v1/events", response_model=EventPage, responses=problems(400, 401),
            summary="Accepted events after a cursor, in commit order")
def events(who: Caller, svc: State,
           after: Annotated[int, Query(ge=0, description="The last cursor read (0: the start).")] = 0,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Response:
    found = svc.store.events(after=after, plants=visible_plants(who, svc), limit=limit)
    entries = ",".join(f'{{"cursor":{e.cursor},"event":{e.body}}}' for e in found)
    last = found[-1].cursor if found else after
    return Response(f'{{"events":[{entries}],"next":{last}}}', media_type="application/json")


def _view(letter: DeadLetter) -> DeadLetterView:
    return DeadLetterView(
        id=letter.id, plant=letter.plant, entity=letter.entity, source=letter.source,
        targets=[t for t in letter.targets.split(",") if t], correlation_id=letter.correlation_id,
        received_at=letter.received_at, payload=json.loads(letter.payload),
        findings=json.loads(letter.findings), replayed_event=letter.replayed_event)


@router.get("/v1/dead-letters", response_model=DeadLetterPage, responses=problems(400, 401),
            summary="Rejected messages not yet replayed, oldest first")
def dead_letters(who: Caller, svc: State,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> DeadLetterPage:
    found = svc.store.dead_letters(plants=visible_plants(who, svc), limit=limit)
    return DeadLetterPage(dead_letters=[_view(letter) for letter in found])


def _letter(who: Caller, svc: State, letter_id: str) -> DeadLetter:
    letter = svc.store.dead_letter(letter_id)
    if letter is None:
        raise ServiceProblem(404, f"no dead letter {letter_id!r}", rule_id=rules.NOT_FOUND.id)
    plant_for(who, svc, letter.plant)  # 403 for another plant's letter
    return letter


@router.get("/v1/dead-letters/{letter_id}", response_model=DeadLetterView,
            responses=problems(401, 403, 404), summary="One dead letter with its findings")
def dead_letter(letter_id: str, who: Caller, svc: State) -> DeadLetterView:
    return _view(_letter(who, svc, letter_id))


@router.post("/v1/dead-letters/{letter_id}/replay", response_model=MessageAccepted,
             responses=problems(401, 403, 404, 409, 422),
             summary="Map a dead letter again with today's mapping tables")
async def replay(letter_id: str, request: Request, who: Caller, svc: State, info: Info) -> Response:
    letter = _letter(who, svc, letter_id)
    info.plant, info.entity, info.source = letter.plant, letter.entity, letter.source
    if letter.replayed_event is not None:
        raise ServiceProblem(409, f"dead letter {letter_id} was already replayed as event "
                             f"{letter.replayed_event}", rule_id=rules.ALREADY_REPLAYED.id)
    plant = await run_in_threadpool(plant_for, who, svc, letter.plant, fresh=True)  # may reload
    raw = letter.payload.encode("utf-8")
    targets = tuple(t for t in letter.targets.split(",") if t)
    prepared = prepare(svc, plant, letter.entity, parse_object(
        raw, max_bytes=svc.settings.max_body_bytes, max_depth=svc.settings.max_depth),
        source=letter.source, targets=targets, request=request, info=info, raw=raw, causation=None,
        correlation_id=letter.correlation_id, replaying=letter.id)
    return await answer(svc, prepared, info)
