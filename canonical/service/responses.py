"""Response documents of the process APIs, as pydantic models for the OpenAPI document.

The canonical models are the components: a mapped message answers its canonical object and
the :class:`~canonical.models.Event` envelope, so every entity appears in the document
exactly as the JSON Schema publishes it. Bodies are written with the library's own
serialisers (decimals as strings); these models describe them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from canonical.models import (
    EquipmentStateChange,
    EquipmentStateChangePatch,
    Event,
    InventoryTransaction,
    InventoryTransactionPatch,
    LaborReport,
    LaborReportPatch,
    Lot,
    LotPatch,
    Material,
    MaterialPatch,
    Nonconformance,
    NonconformancePatch,
    Operation,
    OperationPatch,
    ProductionOrder,
    ProductionOrderPatch,
    QualityResult,
    QualityResultPatch,
    Resource,
    ResourcePatch,
)
from canonical.service.problems import MEDIA_TYPE, Problem, ProblemFinding

#: Every entity and patch a message can map to (tests/service/test_reference.py holds it to
#: ``canonical.models.ENTITIES``).
CanonicalObject = (EquipmentStateChange | EquipmentStateChangePatch | InventoryTransaction
                   | InventoryTransactionPatch | LaborReport | LaborReportPatch | Lot | LotPatch
                   | Material | MaterialPatch | Nonconformance | NonconformancePatch | Operation
                   | OperationPatch | ProductionOrder | ProductionOrderPatch | QualityResult
                   | QualityResultPatch | Resource | ResourcePatch)


class MessageAccepted(BaseModel):
    """A native message mapped, validated, stored in the outbox and mapped to each target."""

    canonical: CanonicalObject = Field(description="The canonical object.")
    event: Event = Field(description="The event envelope, as stored in the outbox.")
    targets: dict[str, dict[str, Any]] = Field(description="Each target system's native payload.")
    cursor: int = Field(description="The event's position in the outbox (GET /v1/events?after=).")
    warnings: list[ProblemFinding] = Field(description="Findings below error level.")


class ValidationPassed(BaseModel):
    """A canonical record without error findings (warnings and infos listed)."""

    ok: bool
    findings: list[ProblemFinding]


class OutboxEntry(BaseModel):
    cursor: int
    event: Event


class EventPage(BaseModel):
    """Events after a cursor, in commit order; ask again with ``after=next``."""

    events: list[OutboxEntry]
    next: int = Field(description="The cursor to ask after next time (unchanged when empty).")


class DeadLetterView(BaseModel):
    """A rejected message kept for replay."""

    id: str
    plant: str
    entity: str
    source: str
    targets: list[str]
    correlation_id: str
    received_at: str
    payload: dict[str, Any] = Field(description="The native payload as received.")
    findings: list[ProblemFinding]
    replayed_event: str | None = None


class DeadLetterPage(BaseModel):
    dead_letters: list[DeadLetterView]


class PlantView(BaseModel):
    id: str
    name: str
    time_zone: str
    version: str
    source_systems: list[str]


class LookupResult(BaseModel):
    table: str
    source: str
    code: str
    canonical_code: str
    valid_from: str
    valid_to: str
    status: str


class ConvertRequest(BaseModel):
    """An exact conversion: ``value`` (a decimal string) from one UN/ECE Rec 20 unit to another."""

    value: str = Field(examples=["2.5"])
    from_unit: str = Field(alias="from", examples=["LBR"])
    to_unit: str = Field(alias="to", examples=["KGM"])


class ConvertResult(BaseModel):
    value: str
    unit: str


class RuleView(BaseModel):
    """A rule of the catalogue: what a problem's ``type`` URL documents."""

    id: str
    summary: str
    scope: str
    severity: str


class Health(BaseModel):
    status: str
    plants: list[str] = Field(default_factory=list)


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for problem details with these statuses."""
    return {status: {"model": Problem, "content": {MEDIA_TYPE: {}},
                     "description": "Problem details (RFC 9457)."} for status in statuses}
