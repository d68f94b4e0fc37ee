"""A group's writes in a few statements (canonical.service.store.batch), on SQLite and PostgreSQL:
the same results as one request at a time, in far fewer statements."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from canonical.errors import ServiceProblem
from canonical.service.store import Outcome, SqlStore, StoredResponse, open_store
from canonical.service.store.group import Committed, Write
from canonical.service.store.sql import Cursor
from canonical.service.store.sqlite import SqliteStore

from .test_storage import event, letter


@pytest.fixture
def store(database: str) -> Iterator[SqlStore]:
    opened = open_store(database)
    yield opened
    opened.close()


def _run(store: SqlStore, group: list[Write]) -> list[Committed | BaseException]:
    return store._group.run(group)  # what the commit thread runs for a group


def _answer(body: str) -> StoredResponse:
    return StoredResponse(f"hash-{body}", 200, "application/json", body)


def _cursors(store: SqlStore) -> dict[str, int]:
    return {e.event_id: e.cursor for e in store.events(after=0, plants=None, limit=10_000)}


@pytest.mark.parametrize("most", [None, 13])  # 13 parameters: two events per INSERT
def test_each_write_gets_the_cursor_its_event_was_stored_under(store: SqlStore, most: int | None,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    if most is not None:
        monkeypatch.setattr(store, "max_params", most)
        monkeypatch.setattr(Cursor, "max_params", most)
    given: dict[str, int | None] = {}
    n = 0
    for size in (1, 16, 7, 3, 128, 2):
        group = [Write(Outcome(event=event(n + i))) for i in range(size)]
        if size == 7:  # a dead letter among them: the group is a transaction of two INSERTs
            group.insert(3, Write(Outcome(dead_letter=letter(1))))
        if size == 3:  # a group the database refuses (dl-1 again): its cursors are not kept
            again = Write(Outcome(dead_letter=letter(1)))
            assert all(isinstance(r, sqlite3.Error | OSError) or type(r).__module__.startswith("psycopg")
                       for r in _run(store, [*group, again]))
        for write, result in zip(group, _run(store, group), strict=True):
            assert not isinstance(result, BaseException)
            if write.outcome.event is not None:
                given[write.outcome.event.event_id] = result[0]
            else:
                assert result == (None, None)
        n += size
    stored = _cursors(store)
    assert given == stored and len(stored) == 1 + 16 + 7 + 3 + 128 + 2
    order = [f"evt-{i}" for i in range(n)]
    assert sorted(stored, key=stored.__getitem__) == order  # cursors follow the writes' order
    if isinstance(store, SqliteStore):  # PostgreSQL's identity leaves a gap after a refusal
        assert [stored[e] for e in order] == list(range(stored["evt-0"], stored["evt-0"] + n))


def test_keys_in_one_group_behave_as_one_request_after_another(store: SqlStore) -> None:
    made: list[str] = []

    def keyed(n: int, key: str, outcome: Outcome | None = None) -> Write:
        def respond(cursor: int | None) -> StoredResponse:
            made.append(key)
            return _answer(f"{key}@{cursor}")
        return Write(outcome or Outcome(event=event(n)), key=key, respond=respond)

    first = _run(store, [keyed(1, "key-a")])[0]
    assert isinstance(first, tuple) and first[1] is None
    refused = keyed(7, "key-b", Outcome(event=event(7), replayed=("dl-missing", "evt-7")))
    group = [keyed(2, "key-a"), Write(Outcome(dead_letter=letter(1))), refused, keyed(3, "key-b"),
             keyed(4, "key-b"), keyed(5, "key-c")]
    results = _run(store, group)
    assert results[0] == (None, _answer(f"key-a@{first[0]}"))  # stored by an earlier group
    assert results[1] == (None, None)
    assert isinstance(results[2], ServiceProblem) and results[2].rule_id == "SVC-009"
    b1, b2, c1 = results[3:]
    assert isinstance(b1, tuple) and b1[1] is None and b1[0] is not None  # the refused write stored nothing
    assert b2 == (None, _answer(f"key-b@{b1[0]}"))  # the response of the group's earlier write
    assert isinstance(c1, tuple) and c1[1] is None and c1[0] is not None
    assert made == ["key-a", "key-b", "key-c"]  # one response made per key
    assert store.stored_response("key-b") == _answer(f"key-b@{b1[0]}")
    assert list(store.all_event_ids()) == ["evt-1", "evt-3", "evt-5"]
    assert store.dead_letter("dl-1") is not None


def _statements(store: SqlStore, group: list[Write]) -> list[str]:
    seen: list[str] = []
    conn: sqlite3.Connection = store._conn  # type: ignore[attr-defined]  # the writing connection
    conn.set_trace_callback(lambda sql: seen.append(" ".join(sql.split()[:3])))
    try:
        results = _run(store, group)
    finally:
        conn.set_trace_callback(None)
    assert not any(isinstance(r, BaseException) for r in results)
    return seen


def test_a_group_is_a_few_statements_whatever_its_size(tmp_path: Path) -> None:
    """Each statement lets go of the interpreter lock (and waits to take it back from the busy
    event loop): one per table, not one per request."""
    store = open_store(f"sqlite:///{tmp_path / 'g.sqlite3'}")
    try:
        events = [Write(Outcome(event=event(n))) for n in range(16)]
        assert _statements(store, events) == ["INSERT INTO outbox"]  # no BEGIN or COMMIT
        keyed = [Write(Outcome(event=event(n)), key=f"k-{n}", respond=lambda c: _answer(str(c)))
                 for n in range(16, 32)]
        assert _statements(store, [*keyed, Write(Outcome(dead_letter=letter(1)))]) == [
            "BEGIN IMMEDIATE", "SELECT key, request_hash,", "INSERT INTO outbox",
            "INSERT INTO dead_letters", "INSERT INTO idempotency", "COMMIT"]
        assert len(list(store.all_event_ids())) == 32
    finally:
        store.close()
