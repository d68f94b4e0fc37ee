"""Code fields read through a plant code table: one code, or a set of status flags.

A code maps through the table's row valid on the run's day (a deprecated row still maps, with
a finding); a set of status flags (``"REL CRTD"``) maps flag by flag and resolves to the
canonical status of highest precedence. Both are steps of a scalar field's reader
(:mod:`~canonical.engine.steps`): on the fast path a problem gives FAIL, else a located
finding. Outbound, :class:`~canonical.engine.scalar.ScalarNode` looks the reverse row up.
"""

from __future__ import annotations

from datetime import date

from canonical.engine import rules
from canonical.engine.lookups import TableLookup, precedence
from canonical.engine.steps import FAIL, Say, Step, fail
from canonical.mapping.rows import RowStatus

#: status flags resolved once, per (flags text, day); at most this many are kept
FLAG_CACHE_SIZE = 1024


def code(lookup: TableLookup) -> Step:
    """The canonical code of a native code through the plant table, on the run's day."""
    def step(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
        row = lookup.row(value, day)  # type: ignore[arg-type]
        if row is None:
            return fail(say, rules.UNMAPPED, f"{lookup.system} code {value!r} has no approved "
                        f"mapping in table {lookup.table} on {day}", value)
        if row.status is RowStatus.DEPRECATED:
            if say is None:
                return FAIL
            say(rules.DEPRECATED_ROW, f"{lookup.system} code {value!r} maps through a "
                f"deprecated row of {lookup.table} (line {row.line})", value)
        return row.canonical_code

    setattr(step, "table_row", lookup.row)  # noqa: B010 - codegen reads the row in line
    return step


def flags(lookup: TableLookup, separator: str | None, ignore: frozenset[str]) -> Step:
    """The canonical status of a set of status flags (``"REL CRTD"``): the mapped flag of
    highest precedence, which must be unambiguous. Clean results are remembered per day."""
    cache: dict[tuple[str, date], str] = {}

    def step(value: object, src: dict[str, object], day: date, say: Say | None) -> object:
        text: str = value  # type: ignore[assignment]
        found = cache.get((text, day))
        if found is not None:
            return found
        best: tuple[int, str] | None = None
        tie: str | None = None
        ok = True
        for flag in text.split(separator):
            if not flag or flag in ignore:
                continue
            row = lookup.row(flag, day)
            if row is None:
                if say is None:
                    return FAIL
                say(rules.UNMAPPED, f"status flag {flag!r} of {text!r} has no approved "
                    f"mapping in table {lookup.table} on {day}", flag)
                ok = False
                continue
            rank = precedence(row)
            if best is None or rank > best[0]:
                best, tie = (rank, row.canonical_code), None
            elif rank == best[0] and row.canonical_code != best[1]:
                tie = row.canonical_code
        if not ok:
            return FAIL
        if best is None:
            return fail(say, rules.STATUS_FLAGS, f"no status flag in {text!r}", text)
        if tie is not None:
            return fail(say, rules.STATUS_FLAGS, f"flags of {text!r} resolve to both "
                        f"{best[1]!r} and {tie!r} at precedence {best[0]}", text)
        if len(cache) < FLAG_CACHE_SIZE:
            cache[(text, day)] = best[1]
        return best[1]

    return step
