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
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from canonical.engine.native_json import dumps
from canonical.errors import ServiceProblem, UnknownSourceSystemError
from canonical.mapping import Plant
from canonical.report import Finding
from canonical.service import rules
from canonical.service.access import Caller, Info, Service, State, plant_for
from canonical.service.body import check_media_type, parse_object
from canonical.service.context import RequestInfo, valid_correlation_id
from canonical.service.messages import Accepted, Rejected, process
from canonical.service.problems import MEDIA_TYPE, problem_finding, problem_of
from canonical.service.responses import MessageAccepted, problems
from canonical.service.store import DeadLetter, OutboxEvent, Outcome, StoredResponse

router = APIRouter(tags=["process"])
NATIVE_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "additionalProperties": True,
    "description": "The native payload, as the source system sends it (the plant's spec reads it)."}}}}}
IDEMPOTENT_REPLAY = "Idempotent-Replayed"


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


def _accepted_body(done: Accepted, cursor: int, request: Request, svc: Service) -> str:
    warnings = json.dumps(_findings_json(done.warnings, native=True, request=request, svc=svc))
    return (f'{{"canonical":{done.canonical_json},"event":{done.event_json},'
            f'"targets":{dumps(done.targets)},"cursor":{cursor},"warnings":{warnings}}}')


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


def handle(svc: Service, plant: Plant, entity: str, payload: dict[str, object], *, source: str,
           targets: tuple[str, ...], request: Request, info: RequestInfo, raw: str,
           causation: str | None, correlation_id: str, replaying: str | None = None,
           idempotency: tuple[str, str] | None = None) -> Response:
    """Process one message and commit its outcome; the response (stored when idempotent)."""
    try:
        result = process(plant, entity, payload, source=source, targets=targets,
                         correlation_id=correlation_id, causation_id=causation)
    except UnknownSourceSystemError as exc:
        raise ServiceProblem(400, exc.message, rule_id=rules.BAD_PARAMETER.id) from exc
    request_hash = idempotency[1] if idempotency else ""
    if isinstance(result, Accepted):
        accepted = result
        outcome = Outcome(event=OutboxEvent(0, result.event.id, plant.id, entity, source,
                                            correlation_id, result.event_json),
                          replayed=(replaying, result.event.id) if replaying else None)
        info.outcome = "replayed" if replaying else "accepted"

        def respond(cursor: int | None) -> StoredResponse:
            return StoredResponse(request_hash, 200, "application/json",
                                  _accepted_body(accepted, cursor or 0, request, svc))
    else:
        letter = replaying or str(uuid.uuid4())
        body = _rejection(result, letter, request, svc, info)
        outcome = Outcome(dead_letter=None if replaying else DeadLetter(
            letter, plant.id, entity, source, ",".join(targets), correlation_id,
            datetime.now(UTC).isoformat(), raw,
            json.dumps(_findings_json(result.inbound, native=True, request=request, svc=svc)
                       + _findings_json(result.outbound, native=False, request=request, svc=svc))))
        info.outcome = "rejected"

        def respond(cursor: int | None) -> StoredResponse:
            return StoredResponse(request_hash, 422, MEDIA_TYPE, body)
    key = idempotency[0] if idempotency else None
    cursor, raced = svc.store.commit(outcome, key=key, respond=respond)
    if raced is not None and idempotency is not None:
        return _stored(raced, request_hash, info)
    done = respond(cursor)
    return Response(done.body, status_code=done.status, media_type=done.content_type)


@router.post(
    "/v1/plants/{plant}/messages/{entity}", response_model=MessageAccepted, openapi_extra=NATIVE_BODY,
    responses=problems(400, 401, 403, 404, 409, 413, 415, 422),
    summary="Map a native message to the canonical object, its event and each target's payload")
async def post_message(
    request: Request, plant: str, entity: str, who: Caller, svc: State, info: Info,
    source: Annotated[str, Query(description="The source system, as named in plant.yaml.")],
    target: Annotated[list[str] | None, Query(description="Target systems (repeat the parameter).")] = None,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)] = None,
    causation_id: Annotated[str | None, Header(alias="X-Causation-ID", max_length=64)] = None,
) -> Response:
    info.plant, info.entity, info.source = plant, entity, source
    found = plant_for(who, svc, plant)
    if causation_id is not None and not valid_correlation_id(causation_id):
        raise ServiceProblem(400, "X-Causation-ID must be an event id: 1-64 characters without "
                             "tabs, line breaks or surrounding spaces", rule_id=rules.BAD_PARAMETER.id)
    check_media_type(request.headers.get("content-type"))
    raw = await request.body()
    idempotency = None
    if idempotency_key is not None:
        key, request_hash = f"{who.name}\x1f{idempotency_key}", _request_hash(request, raw)
        stored = svc.store.stored_response(key)
        if stored is not None:
            return _stored(stored, request_hash, info)
        idempotency = (key, request_hash)
    payload = parse_object(raw, max_bytes=svc.settings.max_body_bytes, max_depth=svc.settings.max_depth)
    return handle(svc, found, entity, payload, source=source, targets=tuple(target or ()),
                  request=request, info=info, raw=raw.decode("utf-8"), causation=causation_id,
                  correlation_id=info.correlation_id, idempotency=idempotency)
