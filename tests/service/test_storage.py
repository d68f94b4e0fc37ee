"""The same storage tests against SQLite and PostgreSQL: outbox order, idempotency, dead letters."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from canonical.errors import InputError
from canonical.service.store import DeadLetter, OutboxEvent, Outcome, SqlStore, StoredResponse, open_store


@pytest.fixture
def store(database: str) -> Iterator[SqlStore]:
    opened = open_store(database)
    yield opened
    opened.close()


def event(n: int, plant: str = "DE01") -> OutboxEvent:
    return OutboxEvent(0, f"evt-{n}", plant, "Operation", "MES_DE", f"corr-{n}", f'{{"id":"evt-{n}"}}')


def letter(n: int, plant: str = "DE01") -> DeadLetter:
    return DeadLetter(f"dl-{n}", plant, "Operation", "MES_DE", "SAP_ECC", f"corr-{n}",
                      f"2026-03-02T09:41:{n:02d}+00:00", '{"ag": "0010"}', "[]")


def test_outbox_cursors_grow_and_page_in_commit_order(store: SqlStore) -> None:
    cursors = [store.commit(Outcome(event=event(n, "DE01" if n % 2 else "US02")))[0] for n in range(7)]
    assert all(isinstance(c, int) for c in cursors) and cursors == sorted(cursors)
    everything = store.events(after=0, plants=None, limit=100)
    assert [e.event_id for e in everything] == [f"evt-{n}" for n in range(7)]
    assert [e.cursor for e in everything] == cursors
    first = store.events(after=0, plants=None, limit=3)
    rest = store.events(after=first[-1].cursor, plants=None, limit=100)
    assert [e.event_id for e in first + rest] == [e.event_id for e in everything]
    assert [e.plant for e in store.events(after=0, plants=["DE01"], limit=100)] == ["DE01"] * 3
    assert store.events(after=0, plants=[], limit=100) == []
    assert everything[0].body == '{"id":"evt-0"}' and everything[0].correlation_id == "corr-0"


def test_idempotency_key_stores_once(store: SqlStore) -> None:
    def respond(status: int) -> Callable[[int | None], StoredResponse]:
        return lambda cursor: StoredResponse("hash-a", status, "application/json", f'{{"cursor":{cursor}}}')

    cursor, raced = store.commit(Outcome(event=event(1)), key="client\x1fk1", respond=respond(200))
    assert raced is None and cursor is not None
    assert store.stored_response("client\x1fk1") == StoredResponse(
        "hash-a", 200, "application/json", f'{{"cursor":{cursor}}}')
    again, raced = store.commit(Outcome(event=event(2)), key="client\x1fk1", respond=respond(201))
    assert again is None and raced is not None and raced.status == 200
    assert [e.event_id for e in store.events(after=0, plants=None, limit=10)] == ["evt-1"]
    assert store.stored_response("client\x1fk2") is None


def test_dead_letters_wait_until_replayed(store: SqlStore) -> None:
    for n in range(3):
        store.commit(Outcome(dead_letter=letter(n, "US02" if n == 2 else "DE01")))
    assert [d.id for d in store.dead_letters(plants=None, limit=10)] == ["dl-0", "dl-1", "dl-2"]
    assert [d.id for d in store.dead_letters(plants=["US02"], limit=10)] == ["dl-2"]
    store.commit(Outcome(event=event(9), replayed=("dl-1", "evt-9")))
    assert [d.id for d in store.dead_letters(plants=None, limit=10)] == ["dl-0", "dl-2"]
    kept = store.dead_letter("dl-1")
    assert kept is not None and kept.replayed_event == "evt-9" and kept.payload == '{"ag": "0010"}'
    assert store.dead_letter("dl-404") is None


def test_everything_committed_survives_reopening(database: str) -> None:
    first = open_store(database)
    first.commit(Outcome(event=event(1), dead_letter=letter(1)))
    first.close()
    second = open_store(database)
    try:
        assert list(second.all_event_ids()) == ["evt-1"]
        assert second.dead_letter("dl-1") is not None and second.ping()
    finally:
        second.close()


def test_replicas_writing_at_once_never_reuse_or_reorder_cursors(database: str) -> None:
    replicas = [open_store(database) for _ in range(3)]
    errors: list[BaseException] = []

    def write(index: int, replica: SqlStore) -> None:
        try:
            for n in range(25):
                replica.commit(Outcome(event=event(index * 100 + n)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i, r)) for i, r in enumerate(replicas)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        found = replicas[0].events(after=0, plants=None, limit=1000)
        assert len(found) == 75 and len({e.cursor for e in found}) == 75
        assert sorted(e.event_id for e in found) == sorted(f"evt-{i * 100 + n}" for i in range(3)
                                                         for n in range(25))
    finally:
        for replica in replicas:
            replica.close()


def test_unsupported_database_url() -> None:
    with pytest.raises(InputError, match="unsupported database URL"):
        open_store("mysql://localhost/canon")


def test_postgres_store_reconnects_after_the_server_dropped_it(postgres_server: str) -> None:
    import psycopg

    store = open_store(postgres_server)
    try:
        store.commit(Outcome(event=event(1)))
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE pid <> pg_backend_pid() AND datname = current_database()")
        with pytest.raises(psycopg.OperationalError):
            store.events(after=0, plants=None, limit=10)  # the request that finds it dropped fails
        assert store.ping()  # ... and the next one reconnects
        store.commit(Outcome(event=event(2)))
        assert [e.event_id for e in store.events(after=0, plants=None, limit=100)][-2:] == ["evt-1", "evt-2"]
    finally:
        store.close()


def test_a_dead_letter_is_replayed_once(store: SqlStore) -> None:
    from canonical.errors import ServiceProblem

    store.commit(Outcome(dead_letter=letter(1)))
    store.commit(Outcome(event=event(1), replayed=("dl-1", "evt-1")))
    with pytest.raises(ServiceProblem) as refused:
        store.commit(Outcome(event=event(2), replayed=("dl-1", "evt-2")))
    assert refused.value.rule_id == "SVC-009" and refused.value.status == 409
    assert [e.event_id for e in store.events(after=0, plants=None, limit=10)] == ["evt-1"]  # rolled back
