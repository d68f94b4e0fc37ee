"""Reference APIs: plants, code lookups, unit conversion, record validation, the JSON Schema
and the rule pages that problem ``type`` URLs point at."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from pydantic import ValidationError

from canonical.errors import (
    ServiceProblem,
    UnitError,
    UnknownEntityError,
    UnknownSourceSystemError,
    UnknownTableError,
    UnmappedCodeError,
)
from canonical.models import ENTITIES
from canonical.resources import data_dir
from canonical.rules import catalogue
from canonical.service import rules
from canonical.service.access import Caller, Info, State, plant_for, visible_plants
from canonical.service.body import check_media_type, parse_object
from canonical.service.dependency import checked
from canonical.service.problems import problem_finding
from canonical.service.responses import (
    ConvertRequest,
    ConvertResult,
    LookupResult,
    PlantView,
    RuleView,
    ValidationPassed,
    problems,
)
from canonical.validation import validate

router = APIRouter(tags=["reference"])
_ENTITY_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in sorted(ENTITIES)]}}}}}


@router.get("/v1/plants", response_model=list[PlantView], responses=problems(401),
            summary="The plants this token may use")
def plants(who: Caller, svc: State) -> list[PlantView]:
    visible = visible_plants(who, svc)
    found = []
    for plant_id in svc.plants.ids():
        plant = svc.plants.get(plant_id)
        if plant is not None and (visible is None or plant_id in visible):
            found.append(PlantView(id=plant.id, name=plant.config.name, time_zone=plant.config.time_zone,
                                   version=plant.config.version, source_systems=sorted(plant.source_systems)))
    return found


@router.get("/v1/plants/{plant}/lookup/{table}/{code}", response_model=LookupResult,
            responses=problems(400, 401, 403, 404),
            summary="The canonical code of a source system's code, valid on a date")
def lookup(plant: str, table: str, code: str, who: Caller, svc: State,
           source: Annotated[str, Query(description="The source system, as named in plant.yaml.")],
           as_of: Annotated[date | None, Query(description="Default: today in the plant's zone.")] = None,
           ) -> LookupResult:
    found = plant_for(who, svc, plant)
    try:
        row = found.lookup_row(table, source, code, on=as_of)
    except (UnknownTableError, UnmappedCodeError) as exc:
        raise ServiceProblem(404, exc.message, rule_id=exc.rule_id) from exc
    except UnknownSourceSystemError as exc:
        raise ServiceProblem(400, exc.message, rule_id=rules.BAD_PARAMETER.id) from exc
    return LookupResult(table=table, source=source, code=code, canonical_code=row.canonical_code,
                        valid_from=row.valid_from.isoformat(), valid_to=row.valid_to.isoformat(),
                        status=row.status.value)


@router.post("/v1/convert", response_model=ConvertResult, responses=problems(400, 401, 413, 415, 422),
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": ConvertRequest.model_json_schema(by_alias=True)}}}},
             summary="Convert a decimal value exactly between UN/ECE Rec 20 units")
async def convert_value(request: Request, who: Caller, svc: State) -> ConvertResult:
    from canonical.units import convert

    check_media_type(request.headers.get("content-type"))
    data = parse_object(await request.body(), max_bytes=svc.settings.max_body_bytes,
                        max_depth=svc.settings.max_depth, decimals=False)
    try:
        body = ConvertRequest.model_validate(data)
    except ValidationError as exc:
        raise ServiceProblem(400, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                            for e in exc.errors()), rule_id=rules.BODY_SHAPE.id) from exc
    try:
        value = convert(body.value, body.from_unit, body.to_unit)
    except UnitError as exc:
        raise ServiceProblem(422, exc.message, rule_id=exc.rule_id) from exc
    return ConvertResult(value=str(value), unit=body.to_unit)


@router.post("/v1/validate/{entity}", response_model=ValidationPassed, openapi_extra=_ENTITY_BODY,
             responses=problems(400, 401, 404, 413, 415, 422),
             summary="Validate a canonical record: structure and business rules, every finding")
async def validate_record(entity: str, request: Request, who: Caller, svc: State,
                          info: Info) -> ValidationPassed:
    if entity not in ENTITIES:
        raise ServiceProblem(404, str(UnknownEntityError(entity, sorted(ENTITIES)).message),
                             rule_id=rules.NOT_FOUND.id)
    info.entity, info.outcome = entity, "rejected"
    check_media_type(request.headers.get("content-type"))
    data = parse_object(await request.body(), max_bytes=svc.settings.max_body_bytes,
                        max_depth=svc.settings.max_depth, decimals=False)
    checked(ENTITIES[entity], data)  # 422 with every finding
    info.outcome = "valid"
    base = str(request.base_url)
    return ValidationPassed(ok=True, findings=[
        problem_finding(f, native=False, base_url=base, docs_url=svc.settings.docs_url)
        for f in validate(data, entity=entity)])


@router.get("/v1/schema", summary="The published JSON Schema of the canonical model",
            responses={200: {"content": {"application/schema+json": {}}}, **problems(401)})
def schema(who: Caller) -> FileResponse:
    return FileResponse(data_dir("schemas") / "canonical.schema.json", media_type="application/schema+json")


@router.get("/v1/rules/{rule_id}", response_model=RuleView, responses=problems(404),
            summary="A rule of the catalogue (what problem type URLs point at); no token needed")
def rule_page(rule_id: str) -> RuleView:
    found = catalogue().get(rule_id)
    if found is None:
        raise ServiceProblem(404, f"no rule {rule_id!r} in the catalogue", rule_id=rules.NOT_FOUND.id)
    return RuleView(id=found.id, summary=found.summary, scope=found.scope.value,
                    severity=found.severity.value)
