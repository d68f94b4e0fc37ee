"""An Event's payload as the class its ``payload_type`` names.

``Event.payload`` is a union of the entities and their patch classes. A small patch (an id
and a status) fits several patch classes, and pydantic's smart union may pick another
member than the one ``payload_type`` names. When the payload also parses as the named
class, that reading wins; otherwise the event keeps what it parsed and EVT-001 reports the
mismatch.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from canonical.models import ENTITIES, CanonicalModel, Event


def payload_as_named(event: CanonicalModel, data: Any) -> CanonicalModel:
    """``event`` with its payload parsed as ``payload_type`` names (when it fits)."""
    if not isinstance(event, Event) or not isinstance(data, dict):
        return event
    named = ENTITIES.get(event.payload_type.value)
    raw = data.get("payload")
    if named is None or type(event.payload) is named or not isinstance(raw, dict):
        return event
    try:
        payload = named.model_validate(raw)
    except ValidationError:
        return event
    return event.model_copy(update={"payload": payload})
