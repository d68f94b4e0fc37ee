"""``POST /v1/plants/{plant}/messages/{entity}`` and dead-letter replay: the process APIs.

A message is mapped and validated by the plant's engine, wrapped in an Event and mapped on to
each target. Accepted: the event goes to the outbox. Rejected: the message becomes a dead
letter and the client gets a 422 problem with every finding. Either way the outcome and the
response under an ``Idempotency-Key`` are committed in one transaction before the client
hears back, so an acknowledged message is never lost and a retried one never doubled.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from fastapi import APIRouter, Request, Response

from canonical.engine.native_json import dumps
from canonical.errors import ServiceProblem, UnknownSourceSystemError
from canonical.mapping import Plant
from canonical.report import Finding
from canonical.service import rules
from canonical.service.access import Service, caller, plant_for
from canonical.service.body import check_media_type, parse_object
from canonical.service.context import RequestInfo, valid_correlation_id
from canonical.service.direct import DirectRoute
from canonical.service.messages import Accepted, Rejected, process
from canonical.service.params import Param, Params, ReadsOwnParams
from canonical.service.problems import MEDIA_TYPE, problem_finding, problem_of
from canonical.service.responses import MessageAccepted, problems
from canonical.service.store import DeadLetter, OutboxEvent, Outcome, StoredResponse

router = APIRouter(tags=["process"], route_class=ReadsOwnParams)
NATIVE_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "additionalProperties": True,
    "description": "The native payload, as the source system sends it (the plant's spec reads it)."}}}}}
IDEMPOTENT_REPLAY = "Idempotent-Replayed"
IDEMPOTENCY_KEY = "Idempotency-Key"
CAUSATION_ID = "X-Causation-ID"


def _request_hash(request: Request, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (request.method, request.url.path, str(sorted(request.query_params.multi_items()))):
        digest.update(part.encode("utf-8") + b"\x00")
    digest.update(body)
    return digest.hexdigest()


def _stored(stored: StoredResponse, request_hash: str, info: RequestInfo) -> Response:
    if stored.request_hash != request_hash:
        raise ServiceProblem(409, "this Idempotency-Key was used for a different request",
                             rule_id=rules.IDEMPOTENCY_CONFLICT.id)
    info.outcome = "idempotent"
    return Response(stored.body, status_code=stored.status, media_type=stored.content_type,
                    headers={IDEMPOTENT_REPLAY: "true"})


def _findings_json(findings: tuple[Finding, ...], *, native: bool, request: Request,
                   svc: Service) -> list[object]:
    return [problem_finding(f, native=native, base_url=str(request.base_url),
                            docs_url=svc.settings.docs_url).model_dump(exclude_none=True)
            for f in findings]


def _accepted(done: Accepted, request: Request, svc: Service) -> tuple[str, str]:
    """The accepted body around its cursor (known once committed): ``(head, tail)``."""
    warnings = (json.dumps(_findings_json(done.warnings, native=True, request=request, svc=svc))
                if done.warnings else "[]")
    targets = dumps(done.targets) if done.targets else "{}"
    return (f'{{"canonical":{done.canonical_json},"event":{done.event_json},'
            f'"targets":{targets},"cursor":', f',"warnings":{warnings}}}')


def _rejection(rejected: Rejected, letter: str, request: Request, svc: Service, info: RequestInfo) -> str:
    count = len(rejected.inbound) + len(rejected.outbound)
    problem = problem_of(ServiceProblem(422, f"the message was not accepted: {count} finding(s); "
                                        f"kept as dead letter {letter}", rule_id=rules.REJECTED.id,
                                        findings=rejected.inbound),
                         instance=request.url.path, correlation_id=info.correlation_id,
                         base_url=str(request.base_url), docs_url=svc.settings.docs_url)
    problem.dead_letter = letter
    problem.findings.extend(problem_finding(f, native=False, base_url=str(request.base_url),
                                            docs_url=svc.settings.docs_url) for f in rejected.outbound)
    return problem.model_dump_json(exclude_none=True)


def once(make: Callable[[int | None], StoredResponse]) -> Callable[[int | None], StoredResponse]:
    """``make``, written once per cursor: under an ``Idempotency-Key`` the response is made in
    the commit (to be stored) and answered after it, from the same text."""
    made: dict[int | None, StoredResponse] = {}

    def respond(cursor: int | None) -> StoredResponse:
        found = made.get(cursor)
        if found is None:
            found = made[cursor] = make(cursor)
        return found

    return respond


@dataclass(frozen=True, slots=True)
class Prepared:
    """A processed message as text: the outcome it commits and its response (an accepted body
    is ``head`` + the outbox cursor + ``tail``; a rejection is ``head``).

    Only text is kept while the commit is awaited: the payload, the canonical object and the
    event die when they have been written. Held across the wait by every concurrent request,
    they made each young-generation garbage collection walk them (30-60 us per order message
    at 16 clients, for objects that reference counting frees anyway)."""

    outcome: Outcome
    status: int
    content_type: str
    head: str
    tail: str | None = None

    def response(self, request_hash: str, cursor: int | None) -> StoredResponse:
        body = self.head if self.tail is None else f"{self.head}{cursor or 0}{self.tail}"
        return StoredResponse(request_hash, self.status, self.content_type, body)


def prepare(svc: Service, plant: Plant, entity: str, payload: dict[str, object], *, source: str,
            targets: tuple[str, ...], request: Request, info: RequestInfo, raw: bytes,
            causation: str | None, correlation_id: str, replaying: str | None = None) -> Prepared:
    """Process one message (``raw``: its body as received, kept when it becomes a dead letter)."""
    try:
        result = process(plant, entity, payload, source=source, targets=targets,
                         correlation_id=correlation_id, causation_id=causation)
    except UnknownSourceSystemError as exc:
        raise ServiceProblem(400, exc.message, rule_id=rules.BAD_PARAMETER.id) from exc
    if isinstance(result, Accepted):
        info.outcome = "replayed" if replaying else "accepted"
        event_id = result.event.id
        head, tail = _accepted(result, request, svc)
        return Prepared(Outcome(event=OutboxEvent(0, event_id, plant.id, entity, source, correlation_id,
                                                  result.event_json),
                                replayed=(replaying, event_id) if replaying else None),
                        200, "application/json", head, tail)
    letter = replaying or str(uuid.uuid4())
    info.outcome = "rejected"
    return Prepared(Outcome(dead_letter=None if replaying else DeadLetter(
        letter, plant.id, entity, source, ",".join(targets), correlation_id,
        datetime.now(UTC).isoformat(), raw.decode("utf-8"),
        json.dumps(_findings_json(result.inbound, native=True, request=request, svc=svc)
                   + _findings_json(result.outbound, native=False, request=request, svc=svc)))),
        422, MEDIA_TYPE, _rejection(result, letter, request, svc, info))


async def answer(svc: Service, prepared: Prepared, info: RequestInfo,
                 idempotency: tuple[str, str] | None = None) -> Response:
    """Commit a prepared message's outcome (with its response, stored when idempotent); the
    response, given once the outcome is durable (the event loop serves other requests meanwhile)."""
    request_hash = idempotency[1] if idempotency else ""
    respond = once(partial(prepared.response, request_hash))
    if not info.queued:  # it sends no more writes: a group need not wait for it (the envelope
        info.queued = True  # counts it out when the request ends)
        svc.store.load.queued += 1
    cursor, raced = await svc.store.committed(prepared.outcome, key=idempotency[0] if idempotency
                                              else None, respond=respond)
    if raced is not None and idempotency is not None:
        return _stored(raced, request_hash, info)
    done = respond(cursor)
    return Response(done.body, status_code=done.status, media_type=done.content_type)


PARAMS = Params(
    Param("plant", "path", "The plant id, as served (GET /v1/plants)."),
    Param("entity", "path", "The canonical entity the message maps to, e.g. ProductionOrder."),
    Param("source", "query", "The source system, as named in plant.yaml.", required=True),
    Param("target", "query", "Target systems (repeat the parameter).", many=True),
    Param(IDEMPOTENCY_KEY, "header", "Repeating a key repeats the stored response.", max_length=200),
    Param(CAUSATION_ID, "header", "The id of the event that caused this message.", max_length=64),
)


PATH = "/v1/plants/{plant}/messages/{entity}"


@router.post(
    PATH, response_model=MessageAccepted,
    openapi_extra={**NATIVE_BODY, "parameters": PARAMS.openapi(), "security": [{"HTTPBearer": []}]},
    responses=problems(400, 401, 403, 404, 409, 413, 415, 422),
    summary="Map a native message to the canonical object, its event and each target's payload")
async def post_message(request: Request) -> Response:
    """Parameters read by hand (:mod:`~canonical.service.params`): this is the hot path."""
    svc: Service = request.app.state.service
    info: RequestInfo = request.scope["state"]["info"]  # the envelope's (middleware)
    plant, entity = request.path_params["plant"], request.path_params["entity"]
    info.plant, info.entity = plant, entity
    who = caller(svc, request.headers.get("authorization"), info)
    given = PARAMS.read(request.scope)
    source = given.one("source") or ""
    info.source = source
    causation_id = given.one(CAUSATION_ID)
    if causation_id is not None and not valid_correlation_id(causation_id):
        raise ServiceProblem(400, "X-Causation-ID must be an event id: 1-64 characters without "
                             "tabs, line breaks or surrounding spaces", rule_id=rules.BAD_PARAMETER.id)
    found = plant_for(who, svc, plant)
    check_media_type(request.headers.get("content-type"))
    raw = await request.body()
    idempotency = None
    idempotency_key = given.one(IDEMPOTENCY_KEY)
    if idempotency_key is not None:
        key, request_hash = f"{who.name}\x1f{idempotency_key}", _request_hash(request, raw)
        stored = svc.store.stored_response(key)
        if stored is not None:
            return _stored(stored, request_hash, info)
        idempotency = (key, request_hash)
    # the payload is no local here: it dies with prepare's frame, before the commit is awaited
    prepared = prepare(svc, found, entity, parse_object(raw, max_bytes=svc.settings.max_body_bytes,
                                                        max_depth=svc.settings.max_depth),
                       source=source, targets=tuple(given.all("target")), request=request, info=info,
                       raw=raw, causation=causation_id, correlation_id=info.correlation_id)
    return await answer(svc, prepared, info, idempotency)


#: served straight from the envelope (:mod:`~canonical.service.direct`); FastAPI documents it
DIRECT = DirectRoute("POST", PATH, post_message)
