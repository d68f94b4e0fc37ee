"""The writes of one group in a few statements: one per table, not one per request.

A group commit (:mod:`~canonical.service.store.group`) writes the outcomes of up to
:data:`~canonical.service.store.group.MAX_GROUP` requests in one transaction. Python's
``sqlite3`` lets go of the interpreter lock around every step of a statement, and the commit
thread then waits for the busy event loop to hand it back: written one request at a time, a
group of 16 took the lock back about 90 times (250 with idempotency keys). Here the group is
read and written table by table:

- one ``SELECT ... WHERE key IN (...)`` for the responses stored under the group's keys;
- one multi-row ``INSERT`` of the outbox events, whose cursors come back in the order of the
  rows (:meth:`~canonical.service.store.sql.Cursor.insert_rows`);
- one multi-row ``INSERT`` of the dead letters, one of the idempotent responses.

What each write means is unchanged: a key already stored answers its stored response and
writes nothing; a replay is marked first, one request at a time (two replays of one letter:
the second is refused), and a refused write writes nothing while the others commit. A later
write of the group with the key of an earlier one answers the earlier one's response, as if
it had come after its commit. Statements longer than the database's limit of parameters are
cut in pieces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from canonical.errors import ServiceProblem
from canonical.service import rules
from canonical.service.store.records import Outcome, StoredResponse

if TYPE_CHECKING:
    from canonical.service.store.group import Committed, Write
    from canonical.service.store.sql import Cursor

DL_COLUMNS = ("id", "plant", "entity", "source", "targets", "correlation_id", "received_at", "payload",
              "findings", "replayed_event")
OUT_COLUMNS = ("event_id", "plant", "entity", "source", "correlation_id", "body")
KEY_COLUMNS = ("key", "request_hash", "status", "content_type", "body")
#: the columns of a stored response (:meth:`StoredResponse.from_row`)
STORED = ", ".join(KEY_COLUMNS[1:])


def write_group(cur: Cursor, group: Sequence[Write]) -> list[Committed | BaseException]:
    """Write ``group`` in the open transaction ``cur``: each write's result, or the
    :class:`~canonical.errors.ServiceProblem` that refused it (it wrote nothing)."""
    stored = _stored(cur, [w.key for w in group if w.key is not None])
    results: list[Committed | BaseException] = []
    kept: list[int] = []  # the writes that write their outcome, in order
    storing: set[str] = set()  # keys whose response a write of the group stores
    copies: list[tuple[int, str]] = []  # later writes of the group with one of those keys
    for n, write in enumerate(group):
        key = write.key
        if key is not None and key in stored:
            results.append((None, stored[key]))
            continue
        if key is not None and key in storing:
            copies.append((n, key))
            results.append((None, None))  # the earlier write's response: filled in below
            continue
        try:
            _replay(cur, write.outcome)
        except ServiceProblem as exc:  # refused before it wrote anything
            results.append(exc)
            continue
        if key is not None and write.respond is not None:
            storing.add(key)
        results.append((None, None))
        kept.append(n)
    positions = _events(cur, [(n, group[n].outcome) for n in kept])
    letters = [group[n].outcome.dead_letter for n in kept]
    insert_all(cur, "dead_letters", DL_COLUMNS,
               [(d.id, d.plant, d.entity, d.source, d.targets, d.correlation_id, d.received_at,
                 d.payload, d.findings, d.replayed_event) for d in letters if d is not None])
    made: dict[str, StoredResponse] = {}
    for n in kept:
        results[n] = (positions.get(n), None)
        respond, key = group[n].respond, group[n].key
        if key is not None and respond is not None:
            made[key] = respond(positions.get(n))
    insert_all(cur, "idempotency", KEY_COLUMNS,
               [(k, r.request_hash, r.status, r.content_type, r.body) for k, r in made.items()])
    for n, key in copies:
        results[n] = (None, made[key])
    return results


def one_statement(group: Sequence[Write], max_params: int) -> bool:
    """True when ``group`` is written by one statement: outbox events alone (no idempotency
    key, replay or dead letter), few enough for one INSERT."""
    return (len(group) * len(OUT_COLUMNS) <= max_params
            and all(w.key is None and w.outcome.replayed is None and w.outcome.dead_letter is None
                    for w in group))


def insert_all(cur: Cursor, table: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """``rows`` inserted in as few statements as the database's limit of parameters allows."""
    for piece in pieces(cur, rows, len(columns)):
        cur.run(values(table, columns, len(piece)), [v for row in piece for v in row])


def values(table: str, columns: Sequence[str], count: int) -> str:
    """``INSERT INTO table (columns) VALUES (?, ...), ...`` for ``count`` rows."""
    row = f"({', '.join('?' for _ in columns)})"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join(row for _ in range(count))}"


def pieces(cur: Cursor, items: Sequence[Sequence[object]], width: int) -> list[Sequence[Sequence[object]]]:
    """``items`` cut so that no statement binds more than the cursor's limit of parameters."""
    most = max(1, cur.max_params // max(1, width))
    return [items[start:start + most] for start in range(0, len(items), most)]


def _stored(cur: Cursor, keys: list[str]) -> dict[str, StoredResponse]:
    """The responses stored under ``keys`` (one statement per piece of keys)."""
    found: dict[str, StoredResponse] = {}
    unique = sorted(set(keys))
    for piece in pieces(cur, [(k,) for k in unique], 1):
        marks = ", ".join("?" for _ in piece)
        cur.run(f"SELECT key, {STORED} FROM idempotency WHERE key IN ({marks})", [k for (k,) in piece])
        for row in cur.rows():
            found[str(row[0])] = StoredResponse.from_row(row[1:])
    return found


def _replay(cur: Cursor, outcome: Outcome) -> None:
    """Mark a replayed dead letter (first: two replays at once publish one event)."""
    if outcome.replayed is None:
        return
    letter, event_id = outcome.replayed
    cur.run("UPDATE dead_letters SET replayed_event = ? WHERE id = ? AND replayed_event IS NULL "
            "RETURNING id", (event_id, letter))
    if not cur.rows():
        raise ServiceProblem(409, f"dead letter {letter} was already replayed",
                             rule_id=rules.ALREADY_REPLAYED.id)


def _events(cur: Cursor, outcomes: list[tuple[int, Outcome]]) -> dict[int, int]:
    """The outbox events of ``outcomes`` inserted in order: each write's cursor."""
    events = [(n, o.event) for n, o in outcomes if o.event is not None]
    rows = [(e.event_id, e.plant, e.entity, e.source, e.correlation_id, e.body) for _, e in events]
    cursors: list[int] = []
    for piece in pieces(cur, rows, len(OUT_COLUMNS)):
        cursors += cur.insert_rows(values("outbox", OUT_COLUMNS, len(piece)),
                                   [v for row in piece for v in row], count=len(piece), key="cursor")
    return {n: cursor for (n, _), cursor in zip(events, cursors, strict=True)}
