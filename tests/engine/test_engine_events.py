"""Event envelopes: deterministic ids from the source, causation and correlation."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

import pytest

from canonical.engine import to_canonical
from canonical.engine.events import EVENT_NAMESPACE, message_id, wrap
from canonical.mapping import Plant
from canonical.models import SCHEMA_VERSION
from canonical.validation import validate

from .conftest import native

WHEN = datetime(2026, 3, 2, 6, tzinfo=UTC)


def test_replayed_message_gets_the_same_event_id(plants: dict[str, Plant]) -> None:
    payload = native("DE01", "order-release.sap.json")
    order = to_canonical(plants["DE01"], "ProductionOrder", payload, source="SAP_ECC")
    first = wrap(order, plant="DE01", source_system="SAP_ECC", verb="released",
                 occurred_at=WHEN, payload=payload)
    again = wrap(order, plant="DE01", source_system="SAP_ECC", verb="released",
                 occurred_at=WHEN, payload=native("DE01", "order-release.sap.json"))
    assert first.id == again.id
    assert first.type == "production_order.released"
    assert first.schema_version == SCHEMA_VERSION
    assert validate(first).ok
    changed = dict(payload, APRIO="1")
    other = wrap(order, plant="DE01", source_system="SAP_ECC", verb="released",
                 occurred_at=WHEN, payload=changed)
    assert other.id != first.id


def test_causation_and_correlation_follow_the_release(plants: dict[str, Plant]) -> None:
    order = to_canonical(plants["DE01"], "ProductionOrder", native("DE01", "order-release.sap.json"),
                         source="SAP_ECC")
    release = wrap(order, plant="DE01", source_system="SAP_ECC", verb="released",
                   occurred_at=WHEN, source_id="1000123")
    lot = to_canonical(plants["DE01"], "Lot", native("DE01", "lot.mes.json"), source="MES_DE")
    created = wrap(lot, plant="DE01", source_system="MES_DE", verb="created",
                   occurred_at=WHEN, source_id="C260302A", causation=release)
    assert created.causation_id == release.id
    assert created.correlation_id == release.id
    assert created.payload_type.value == "Lot"


@pytest.mark.parametrize("key", ["", "MSG-1", "ü-ß-€", "a|b", "x" * 500, "9f" * 32])
def test_event_ids_are_uuid5_of_the_source(key: str) -> None:
    """Ids are RFC 4122 uuid5 (written without the uuid module's objects): the same text."""
    import uuid

    from canonical.engine.events import EVENT_NAMESPACE, event_id

    expected = uuid.uuid5(EVENT_NAMESPACE, f"DE01|SAP_ECC|Lot|{key}")
    assert event_id("DE01", "SAP_ECC", "Lot", key) == str(expected)


def test_event_ids_are_uuid5_for_every_variant_digit() -> None:
    """The variant digit is written from the SHA-1's digit: every one of the 16 digits it
    can start from gives uuid5's text (512 keys reach each of them)."""
    import hashlib
    import uuid

    from canonical.engine.events import EVENT_NAMESPACE, event_id

    seen = set()
    for index in range(512):
        name = f"PL03|ERP_PL|InventoryTransaction|{index}"
        seen.add(hashlib.sha1(EVENT_NAMESPACE.bytes + name.encode()).hexdigest()[16])
        assert event_id("PL03", "ERP_PL", "InventoryTransaction", str(index)) == str(
            uuid.uuid5(EVENT_NAMESPACE, name))
    assert len(seen) == 16


@pytest.mark.parametrize(("plant_id", "entity", "source", "file"), [
    ("PL03", "InventoryTransaction", "MES_PL", "consumption.mes.json"),
    ("PL03", "QualityResult", "LIMS_PL", "quality.lims.json"),
    ("DE01", "ProductionOrderPatch", "MES_DE", "order-status.mes.json"),
])
def test_message_id_is_the_uuid5_of_the_objects_json_digest(
        plants: dict[str, Plant], plant_id: str, entity: str, source: str, file: str) -> None:
    obj = to_canonical(plants[plant_id], entity, native(plant_id, file), source=source)
    digest = hashlib.sha256(obj.model_dump_json().encode("utf-8")).hexdigest()
    expected = uuid.uuid5(EVENT_NAMESPACE, f"{plant_id}|ERP|{entity}|{digest}")
    assert message_id(plant_id, "ERP", obj) == str(expected)
    changed = obj.model_copy(update={"id": f"{obj.id}-2"})  # type: ignore[attr-defined]
    assert message_id(plant_id, "ERP", changed) != str(expected)


def test_one_sender_gives_each_kind_of_object_its_own_uuid5(plants: dict[str, Plant]) -> None:
    """``message_ids`` (what a compiled outbound spec keeps) hashes the start of each kind's
    name once: objects of several kinds sent in turn, each twice, get exactly the uuid5 of
    their own kind and JSON digest, never the start of the kind sent before them."""
    from canonical.engine.events import message_ids

    sent = [to_canonical(plants["PL03"], entity, native("PL03", file), source=source)
            for entity, source, file in (
                ("InventoryTransaction", "MES_PL", "consumption.mes.json"),
                ("QualityResult", "LIMS_PL", "quality.lims.json"),
                ("Operation", "MES_PL", "confirmation.mes.json"))]
    ids = message_ids("PL03", "ERP_PL")
    for obj in [*sent, *reversed(sent)]:
        digest = hashlib.sha256(obj.model_dump_json().encode("utf-8")).hexdigest()
        name = f"PL03|ERP_PL|{type(obj).__name__}|{digest}"
        assert ids(obj) == str(uuid.uuid5(EVENT_NAMESPACE, name))
