"""Code fields read through a plant code table: one code, or a set of status flags.

A code maps through the table's row valid on the run's day (a deprecated row still maps, with
a finding); a set of status flags (``"REL CRTD"``) maps flag by flag and resolves to the
canonical status of highest precedence. A code that does not map adds a located finding and
gives None. Outbound, :class:`~canonical.engine.scalar.ScalarNode` looks the reverse
row up itself (inline, as it runs for every code written).
"""

from __future__ import annotations

from datetime import date

from canonical.engine import rules
from canonical.engine.context import Ctx, Loc
from canonical.engine.lookups import TableLookup, precedence
from canonical.engine.spec import Path
from canonical.mapping.rows import RowStatus

#: status flags resolved once, per (flags text, day); at most this many are kept
FLAG_CACHE_SIZE = 1024


def read_code(lookup: TableLookup, text: str, ctx: Ctx, loc: Loc, field: str,
              path: Path) -> str | None:
    """The canonical code of the native code ``text`` of ``field`` (at ``path``)."""
    row = lookup.row(text, ctx.day)
    if row is None:
        ctx.add(rules.UNMAPPED, f"{field}: {lookup.system} code {text!r} has no "
                f"approved mapping in table {lookup.table} on {ctx.day}", loc, path, text)
        return None
    if row.status is RowStatus.DEPRECATED:
        ctx.add(rules.DEPRECATED_ROW, f"{field}: {lookup.system} code {text!r} maps "
                f"through a deprecated row of {lookup.table} (line {row.line})", loc, path, text)
    return row.canonical_code


def read_flags(lookup: TableLookup, text: str, ctx: Ctx, loc: Loc, field: str, path: Path, *,
               separator: str | None, ignore: frozenset[str],
               cache: dict[tuple[str, date], str]) -> str | None:
    """The canonical status of the status flags ``text`` (split at ``separator``, flags in
    ``ignore`` skipped): the mapped flag of highest precedence, which must be unambiguous.

    A clean result is remembered in ``cache`` (the fast path of the field reads it there).
    """
    best: tuple[int, str] | None = None
    tie: str | None = None
    ok = True
    for flag in text.split(separator):
        if not flag or flag in ignore:
            continue
        row = lookup.row(flag, ctx.day)
        if row is None:
            ctx.add(rules.UNMAPPED, f"{field}: status flag {flag!r} of {text!r} has "
                    f"no approved mapping in table {lookup.table} on {ctx.day}", loc, path, flag)
            ok = False
            continue
        rank = precedence(row)
        if best is None or rank > best[0]:
            best, tie = (rank, row.canonical_code), None
        elif rank == best[0] and row.canonical_code != best[1]:
            tie = row.canonical_code
    if not ok:
        return None
    if best is not None and tie is None and len(cache) < FLAG_CACHE_SIZE:
        cache[(text, ctx.day)] = best[1]
    if best is None:
        ctx.add(rules.STATUS_FLAGS, f"{field}: no status flag in {text!r}", loc, path, text)
        return None
    if tie is not None:
        ctx.add(rules.STATUS_FLAGS, f"{field}: flags of {text!r} resolve to both "
                f"{best[1]!r} and {tie!r} at precedence {best[0]}", loc, path, text)
        return None
    return best[1]
