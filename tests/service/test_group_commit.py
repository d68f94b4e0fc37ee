"""Group commit: concurrent requests share a transaction and a sync; each waits for its own."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from canonical.errors import ServiceProblem
from canonical.service.context import new_correlation_id
from canonical.service.store import DeadLetter, OutboxEvent, Outcome, SqlStore, open_store
from canonical.service.store.group import Committed

from .test_storage import event, letter


@pytest.fixture
def store(database: str) -> Iterator[SqlStore]:
    opened = open_store(database)
    yield opened
    opened.close()


async def _together(store: SqlStore, outcomes: list[Outcome]) -> list[Committed | BaseException]:
    """Commit ``outcomes`` as concurrent requests would (all of them being served)."""
    store.load.in_flight += len(outcomes)
    try:
        return await asyncio.gather(*(store.committed(o) for o in outcomes), return_exceptions=True)
    finally:
        store.load.in_flight -= len(outcomes)


def _groups(store: SqlStore) -> tuple[int, int]:
    group = store._group  # the counters the test reads
    return group.groups, group.writes


def test_concurrent_requests_share_one_commit(store: SqlStore) -> None:
    results = asyncio.run(_together(store, [Outcome(event=event(n)) for n in range(5)]))
    cursors = [r[0] for r in results if isinstance(r, tuple)]
    assert len(cursors) == 5 and len(set(cursors)) == 5
    assert _groups(store) == (1, 5)
    assert list(store.all_event_ids()) == [f"evt-{n}" for n in range(5)]


def test_a_lone_request_does_not_wait_for_company(store: SqlStore) -> None:
    async def alone() -> Committed:
        return await store.committed(Outcome(event=event(1)))  # nothing else in flight

    cursor, raced = asyncio.run(alone())
    assert cursor is not None and raced is None
    assert _groups(store) == (1, 1)
    store.load.in_flight = 3  # two others being served, but they never write: a group of one
    asyncio.run(alone())
    store.load.in_flight = 0
    assert _groups(store) == (2, 2)


@pytest.mark.parametrize("broken", ["event", "dead letter"])
def test_a_failed_commit_fails_the_whole_group_and_writes_nothing(store: SqlStore, broken: str) -> None:
    """The database refuses a row (NOT NULL): the group's one INSERT of events, or the dead
    letters' INSERT after it in the group's transaction."""
    outcomes = [Outcome(event=event(n)) for n in range(4)]
    if broken == "event":
        outcomes[2] = Outcome(event=OutboxEvent(0, "evt-2", "DE01", "Operation", "MES_DE", "corr-2",
                                                None))  # type: ignore[arg-type]
    else:
        outcomes.append(Outcome(dead_letter=replace(letter(1), payload=None)))  # type: ignore[arg-type]
    results = asyncio.run(_together(store, outcomes))
    assert all(isinstance(r, Exception) and not isinstance(r, ServiceProblem) for r in results)
    assert list(store.all_event_ids()) == [] and store.dead_letter("dl-1") is None
    results = asyncio.run(_together(store, [Outcome(event=event(n)) for n in range(4, 6)]))
    assert list(store.all_event_ids()) == ["evt-4", "evt-5"]  # the store writes on


def test_a_refused_write_fails_alone(store: SqlStore) -> None:
    store.commit(Outcome(dead_letter=letter(1)))
    store.commit(Outcome(event=event(1), replayed=("dl-1", "evt-1")))
    again = Outcome(event=event(2), replayed=("dl-1", "evt-2"))  # already replayed: 409
    results = asyncio.run(_together(store, [again, Outcome(event=event(3))]))
    assert isinstance(results[0], ServiceProblem) and results[0].rule_id == "SVC-009"
    assert isinstance(results[1], tuple) and results[1][0] is not None
    assert list(store.all_event_ids()) == ["evt-1", "evt-3"]


def _synchronous(store: SqlStore) -> int:
    with store.transaction() as cur:
        cur.run("PRAGMA synchronous")
        return int(str(cur.rows()[0][0]))


def test_sqlite_syncs_every_commit_to_disk_unless_told_otherwise(tmp_path: Path) -> None:
    durable = open_store(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    faster = open_store(f"sqlite:///{tmp_path / 'b.sqlite3'}?synchronous=normal")
    try:
        assert _synchronous(durable) == 2  # FULL: the WAL is synced before a commit returns
        assert _synchronous(faster) == 1  # NORMAL: synced at checkpoints only
        assert durable.weaker_durability() is None
        assert "power cut" in (faster.weaker_durability() or "")
    finally:
        durable.close()
        faster.close()


def test_a_dead_letter_commits_with_its_group(store: SqlStore) -> None:
    dead = DeadLetter("dl-9", "DE01", "Operation", "MES_DE", "", "corr-9", "2026-03-02T09:41:09+00:00",
                      "{}", "[]")
    results = asyncio.run(_together(store, [Outcome(dead_letter=dead), Outcome(event=OutboxEvent(
        0, "evt-9", "DE01", "Operation", "MES_DE", "corr-9", '{"id":"evt-9"}'))]))
    assert results[0] == (None, None) and isinstance(results[1], tuple)
    found = store.dead_letter("dl-9")
    assert found is not None and found.correlation_id == "corr-9"


def test_correlation_ids_are_random_uuid4s() -> None:
    made = {new_correlation_id() for _ in range(2000)}
    assert len(made) == 2000
    for text in list(made)[:50]:
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and str(parsed) == text


def test_an_idempotent_response_is_written_once_and_answered_as_stored(store: SqlStore) -> None:
    from canonical.service.routes.messages import once
    from canonical.service.store import StoredResponse

    made: list[int | None] = []

    def make(cursor: int | None) -> StoredResponse:
        made.append(cursor)
        return StoredResponse("hash-1", 200, "application/json", f'{{"cursor":{cursor}}}')

    respond = once(make)

    async def request() -> tuple[Committed, StoredResponse]:
        committed = await store.committed(Outcome(event=event(7)), key="wo-4711", respond=respond)
        cursor, raced = committed  # the route answers the raced response, else its own
        return committed, raced if raced is not None else respond(cursor)

    (cursor, raced), answered = asyncio.run(request())
    assert raced is None and made == [cursor]  # made in the commit (stored), not again after it
    assert answered.body == f'{{"cursor":{cursor}}}'
    again, replayed = asyncio.run(request())  # the key again: the stored response, nothing made
    assert again[1] is not None and replayed.body == answered.body and made == [cursor]


def test_a_steady_load_keeps_its_group_size(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a group of two, a write that comes alone waits for a second one (its client's
    neighbour sends its next message meanwhile) although no other request is being served;
    a lone client's groups of one never wait."""
    from canonical.service.store import group

    monkeypatch.setattr(group, "GATHER_SECONDS", 60.0)  # the test never depends on the clock

    async def two_at_once() -> list[Committed]:  # both written before their group is looked at
        return await asyncio.gather(*(store.committed(Outcome(event=event(n))) for n in range(2)))

    asyncio.run(two_at_once())
    assert _groups(store) == (1, 2)

    async def one_then_another() -> list[Committed]:
        async def later() -> Committed:
            await asyncio.sleep(0)  # after the first write's group was looked at
            return await store.committed(Outcome(event=event(3)))

        return await asyncio.gather(store.committed(Outcome(event=event(2))), later())

    first, second = asyncio.run(one_then_another())
    assert _groups(store) == (2, 4)  # one group: the lone write waited for its company
    assert first[0] is not None and second[0] == first[0] + 1
