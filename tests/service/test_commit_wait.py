"""While a message waits for its durable commit, it holds text, not the objects it was made of.

Many requests wait for a commit at once (group commit). If each kept its native payload, its
canonical object and its event alive meanwhile, every young-generation garbage collection would
walk them all (the route's CPU grew by tens of microseconds per order at 16 clients). The test
looks at the live objects at the moment the commit is awaited.
"""

from __future__ import annotations

import asyncio
import gc
import json
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest

from canonical.models import CanonicalModel, Event
from canonical.service.access import Service
from canonical.service.app import create_app
from canonical.service.body import parse_object
from canonical.service.settings import Settings
from canonical.service.store import Outcome
from canonical.service.tokens import TokenSet, token_hash

from .conftest import raw, steps

TOKEN = "wait-test-token-5c1d"


def _flows_step(plant: str, native: str) -> tuple[str, str]:
    for step in steps(plant):
        if step["native"] == native:
            return step["source"], step["entity"]
    raise LookupError(native)


def _live(kinds: tuple[type, ...]) -> list[object]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, kinds)]


def _payload_dicts(body: bytes) -> list[dict[str, Any]]:
    """Live dicts equal to the native payload ``body`` as the service reads it (numbers as
    decimals), other than the one made here to compare with."""
    expected = parse_object(body, max_bytes=len(body), max_depth=32)
    return [o for o in _live((dict,)) if o is not expected and o == expected]


@pytest.mark.parametrize(("plant", "native"), [("DE01", "order-release.sap.json"),
                                               ("PL03", "consumption.mes.json")])
def test_a_waiting_message_keeps_no_payload_object_or_event(tmp_path: Path, plant: str,
                                                            native: str) -> None:
    source, entity = _flows_step(plant, native)
    body = raw(plant, native)
    app = create_app(Settings(plants=(plant,), database=f"sqlite:///{tmp_path / 'store.sqlite3'}",
                              tokens=TokenSet.of([("wait", token_hash(TOKEN), ["*"])])))
    svc: Service = app.state.service
    seen: list[tuple[int, int, int]] = []
    committed = svc.store.committed

    async def watched(outcome: Outcome, **kwargs: Any) -> Any:
        seen.append((len(_live((CanonicalModel,))), len(_live((Event,))), len(_payload_dicts(body))))
        return await committed(outcome, **kwargs)

    svc.store.committed = watched  # type: ignore[method-assign]
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": f"/v1/plants/{plant}/messages/{entity}", "root_path": "",
             "raw_path": f"/v1/plants/{plant}/messages/{entity}".encode(),
             "query_string": f"source={source}".encode(), "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8000),
             "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"),
                         (b"authorization", f"Bearer {TOKEN}".encode())]}
    before = (len(_live((CanonicalModel,))), len(_live((Event,))), len(_payload_dicts(body)))
    try:
        asyncio.run(app(scope, receive, send))
    finally:
        svc.store.close()
    assert sent[0]["status"] == 200, sent[1]["body"][:300]
    answered = json.loads(sent[1]["body"])
    assert answered["event"]["payload_type"] == entity and answered["cursor"] == 1
    # at the commit: nothing more alive than before the request (no object, event or payload)
    assert seen == [before]
