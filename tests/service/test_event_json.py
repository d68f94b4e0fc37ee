"""The service writes an event's JSON with its payload serialised once: the same document."""

from __future__ import annotations

import json

import pytest

from canonical.mapping import load_plant
from canonical.service.messages import Accepted, process

from .conftest import native, steps


@pytest.mark.parametrize("step", steps("DE01"), ids=lambda s: s["name"])
def test_event_json_is_the_events_own_json(step: dict[str, str]) -> None:
    done = process(load_plant("DE01"), step["entity"], native("DE01", step["native"]), source=step["source"],
                   targets=(step["target"],), correlation_id="corr-1")
    assert isinstance(done, Accepted)
    assert json.loads(done.event_json) == json.loads(done.event.to_json())
    assert json.loads(done.canonical_json) == json.loads(done.canonical.to_json())
    assert done.event.payload is done.canonical


def test_event_ids_never_change() -> None:
    """Event ids derive from the payload's digest: a release that changed them would make
    consumers see every replayed message as new."""
    from canonical.engine.events import payload_digest

    order = native("DE01", "confirmation.canonical.json")
    assert payload_digest(order) == "cf2e2e5eb48658e6fb0cb71ff40161b4a82c569adcd37e6b533fab02da48325d"
    done = process(load_plant("DE01"), "ProductionOrder", native("DE01", "order-release.sap.json"),
                   source="SAP_ECC", targets=(), correlation_id="c")
    assert isinstance(done, Accepted)
    assert done.event.id == "d61e9230-58e4-5481-acd1-186ad4848892"
