"""Event envelopes for mapped objects: deterministic ids, correlation and causation.

The event id is derived from the *source* (plant, system, entity and the source message id,
or a hash of the native payload when the message has no id), so a replayed message yields
the same event id and consumers can deduplicate. ``correlation_id`` groups one business
conversation (an order's release and everything reported against it); ``causation_id`` names
the event that caused this one.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from canonical.engine.native_json import dumps
from canonical.models import SCHEMA_VERSION, CanonicalModel, EntityType, Event
from canonical.models.patch import PatchOps

#: Namespace of event ids (uuid5); never change it, or replayed messages get new ids.
EVENT_NAMESPACE = uuid.UUID("6f1c2b8e-3d4a-5b6c-9e7f-0a1b2c3d4e5f")
_NAMESPACE = EVENT_NAMESPACE.bytes
_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")

if TYPE_CHECKING:
    from hashlib import _Hash as Hash


#: the text is hashed in pieces shorter than this: for 2,048 bytes or more at once, hashlib
#: lets other threads take the interpreter lock meanwhile, and a busy service (its commit
#: thread) kept it for ~100 us before the hash could go on (the same digest either way)
_HASH_PIECE = 2047


def payload_digest(payload: object) -> str:
    """SHA-256 of a native payload's canonical JSON text (sorted keys, exact decimals)."""
    data = dumps(payload, sort_keys=True).encode("utf-8")
    if len(data) <= _HASH_PIECE:
        return hashlib.sha256(data).hexdigest()
    digest, view = hashlib.sha256(), memoryview(data)
    for start in range(0, len(data), _HASH_PIECE):
        digest.update(view[start:start + _HASH_PIECE])
    return digest.hexdigest()


def event_id(plant: str, system: str, entity: str, source_key: str) -> str:
    """The deterministic event id of one source message: ``str(uuid.uuid5(EVENT_NAMESPACE,
    "plant|system|entity|key"))``, written without building ``UUID`` objects (RFC 4122:
    the first 16 bytes of the SHA-1 of namespace and name in hex, with the version nibble
    5 and the variant bits 10 of the 17th hex digit)."""
    return _uuid5_text(_named(plant, system, entity), source_key)


@lru_cache(maxsize=1024)  # a plant's systems times its entities
def _named(plant: str, system: str, entity: str) -> Hash:
    """The SHA-1 of the namespace and ``plant|system|entity|``: what the name of every
    message of one kind starts with, hashed once (each id hashes on from a copy)."""
    return hashlib.sha1(_NAMESPACE + f"{plant}|{system}|{entity}|".encode(),
                        usedforsecurity=False)


def _uuid5_text(named: Hash, source_key: str) -> str:
    """The uuid5 text of the name ``named`` was fed with, ``source_key`` appended."""
    sha = named.copy()
    sha.update(source_key.encode())
    h = sha.hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


#: a hex digit with its two high bits set to the RFC 4122 variant (binary 10)
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def message_id(plant: str, system: str, obj: CanonicalModel) -> str:
    """The deterministic id of the message sending ``obj`` to ``system``: the same object
    always gets the same id (a resend is recognisable), another object another id."""
    return message_ids(plant, system)(obj)


def message_ids(plant: str, system: str) -> Callable[[CanonicalModel], str]:
    """:func:`message_id` of ``plant`` and ``system``, for a caller sending many messages
    (a compiled outbound spec): the hashed start of each entity's name kept."""
    named: dict[type, Hash] = {}

    def of(obj: CanonicalModel) -> str:
        kind = type(obj)
        start = named.get(kind)
        if start is None:
            start = named[kind] = _named(plant, system, kind.__name__)
        # the bytes of ``obj.model_dump_json()`` in UTF-8, without the text round trip and
        # the per-call keyword handling of model_dump_json
        digest = hashlib.sha256(obj.__pydantic_serializer__.to_json(obj)).hexdigest()
        return _uuid5_text(start, digest)

    return of


def event_type(obj: CanonicalModel, verb: str) -> str:
    """``production_order.released`` from a ProductionOrder and ``released``; a patch is
    named after the entity it changes (``production_order.status_changed``)."""
    name = obj.patched_entity() if isinstance(obj, PatchOps) else type(obj).__name__
    return _event_type(name, verb)


@lru_cache(maxsize=512)  # a few entities times a few verbs: the regex runs once per pair
def _event_type(name: str, verb: str) -> str:
    return f"{_SNAKE.sub('_', name).lower()}.{verb}"


def wrap(obj: CanonicalModel, *, plant: str, source_system: str, verb: str,
         occurred_at: datetime, source_id: str | None = None, payload: object = None,
         correlation_id: str | None = None, causation: Event | str | None = None,
         recorded_at: datetime | None = None) -> Event:
    """Wrap a canonical object in an :class:`~canonical.models.Event`.

    The id comes from ``source_id`` (the source message's own id) or else from the digest of
    the native ``payload``; one of them is required. ``causation`` is the causing event (or
    its id); its correlation id is inherited when ``correlation_id`` is not given.
    """
    entity = type(obj).__name__
    if source_id is None and payload is None:
        raise ValueError("wrap() needs source_id or the native payload to derive the event id")
    key = source_id if source_id is not None else payload_digest(payload)
    causation_id = causation.id if isinstance(causation, Event) else causation
    if correlation_id is None and isinstance(causation, Event):
        correlation_id = causation.correlation_id or causation.id
    return Event.model_validate({
        "id": event_id(plant, source_system, entity, key),
        "type": event_type(obj, verb),
        "occurred_at": occurred_at,
        "recorded_at": recorded_at or max(datetime.now(UTC), occurred_at),
        "source_system": source_system,
        "plant": plant,
        "correlation_id": correlation_id,
        "causation_id": causation_id,
        "schema_version": SCHEMA_VERSION,
        "payload_type": EntityType(entity).value,
        # the validated instance itself: pydantic takes an instance of the union's member as
        # is (a dump would be re-validated field by field, ~100x slower); the event shares it
        # (a patch keeps its class and exactly the fields it carries)
        "payload": obj,
    })
