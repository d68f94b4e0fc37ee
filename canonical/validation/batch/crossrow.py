"""Cross-row and cross-extract checks Great Expectations cannot express, on pandas.

Each check is named in a suite's ``meta.checks`` and implemented here (and, with the same
meaning and the same counts, in :mod:`canonical.validation.batch.spark`). All are
vectorised; the only per-row Python is Decimal arithmetic on the (small) subset of rows a
quantity rule concerns. Quantities are compared only when they share a unit (a different
unit is a QTY finding of its own, not a guess).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from canonical.rules import get as rule_of
from canonical.validation.batch.result import RuleOutcome, first_failing, outcome
from canonical.validation.batch.suite import Check

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

DECIMAL_TEXT = r"^-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,12})?$"
#: how many failing rows the sample is drawn from (the first ones)
SAMPLED = 200
#: numpy's integer for a missing instant (``NaT``)
NAT = -(2**63)

Impl = Callable[[Check, "pd.DataFrame", "pd.DataFrame | None"], RuleOutcome]


def _result(check: Check, frame: pd.DataFrame, mask: pd.Series, values: pd.Series,
            summary: str = "") -> RuleOutcome:
    failing = int(mask.sum())
    sample = list(values[mask].head(SAMPLED)) if failing else []
    return outcome(rule_of(check.rule_id), ",".join(check.columns), check.check, failing,
                   len(frame), sample, summary, first=SAMPLED,
                   first_row=first_failing(mask) if failing else None)


def _need(related: pd.DataFrame | None, check: Check) -> pd.DataFrame:
    if related is None:  # run.py reports BAT-004 instead of calling without one
        raise ValueError(f"check {check.check} needs the {check.related} extract")
    return related


def _joined(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """The values of ``columns`` joined with "/" (missing where one of them is missing)."""
    if len(columns) == 1:
        return frame[columns[0]]
    parts = [frame[c].astype("str") for c in columns]
    return parts[0].str.cat(parts[1:], sep="/")


def reversal_references(check: Check, frame: pd.DataFrame,
                        related: pd.DataFrame | None) -> RuleOutcome:
    import pandas as pd

    ident, material, ref = check.columns
    named = frame[ref].notna()
    reversals = frame.loc[named, [material, ref]]  # few rows: work on them only
    wanted = frame[ident].isin(reversals[ref])
    originals = frame.loc[wanted, [ident, material]].drop_duplicates(ident)
    by_id = originals.set_index(ident)[material]
    exists = reversals[ref].isin(by_id.index)
    referenced = reversals[ref].map(by_id)
    other = (exists & reversals[material].notna() & referenced.notna()
             & (referenced != reversals[material])).fillna(False).astype(bool)
    bad = reversals.index[(~exists | other).to_numpy()]
    mask = pd.Series(frame.index.isin(bad), index=frame.index)
    return _result(check, frame, mask, frame[ref],
                   "reversal_of names no transaction of the extract, or one of another material")


def unique_together(check: Check, frame: pd.DataFrame, related: pd.DataFrame | None) -> RuleOutcome:
    from canonical.validation.batch.unique import duplicated

    cols = list(check.columns)
    mask = duplicated(frame, cols)
    return _result(check, frame, mask, _joined(frame, check.columns),
                   f"({', '.join(cols)}) is not unique")


def reference_exists(check: Check, frame: pd.DataFrame,
                     related: pd.DataFrame | None) -> RuleOutcome:
    import pandas as pd

    related = _need(related, check)
    cols, targets = list(check.columns), list(check.targets)
    complete = frame[cols].notna().all(axis=1)
    if len(cols) == 1:
        found = frame[cols[0]].isin(related[targets[0]].dropna())
    else:
        keys = related[targets].dropna().drop_duplicates()
        keys.columns = cols
        left = frame[cols].astype("str")
        right = keys.astype("str")
        found = pd.Series(
            pd.MultiIndex.from_frame(left).isin(pd.MultiIndex.from_frame(right)),
            index=frame.index,
        )
    mask = complete & ~found
    return _result(check, frame, mask, _joined(frame, check.columns),
                   f"no {check.related} with this {'/'.join(targets)}")


def not_equal(check: Check, frame: pd.DataFrame, related: pd.DataFrame | None) -> RuleOutcome:
    a, c = check.columns
    mask = (frame[a].notna() & frame[c].notna() & (frame[a] == frame[c])).fillna(False)
    return _result(check, frame, mask.astype(bool), frame[a], f"{a} equals {c}")


def _decimal(value: object) -> Decimal | None:
    return Decimal(value) if isinstance(value, str) else None


def _over(total: Decimal, ordered: str, tolerance: object) -> bool:
    """total * 100 > ordered * (100 + tolerance): exact, no division (as on Spark)."""
    tol = _decimal(tolerance) or Decimal(0)
    return total * 100 > Decimal(ordered) * (100 + tol)


def _valid(series: pd.Series) -> pd.Series:
    return series.astype("str").str.fullmatch(DECIMAL_TEXT).fillna(False).astype(bool)


def within_tolerance(check: Check, frame: pd.DataFrame,
                     related: pd.DataFrame | None) -> RuleOutcome:
    import pandas as pd

    o_val, o_unit, p_val, p_unit, s_val, s_unit, tol = check.columns
    part = frame.reindex(columns=list(check.columns))
    has_tol = part[tol].isna() | _valid(part[tol])
    ordered_ok = _valid(part[o_val]) & part[o_unit].notna() & has_tol
    produced_ok = part[p_val].isna() | (_valid(part[p_val]) & (part[p_unit] == part[o_unit]))
    scrapped_ok = part[s_val].isna() | (_valid(part[s_val]) & (part[s_unit] == part[o_unit]))
    some = part[p_val].notna() | part[s_val].notna()
    rows = part[(ordered_ok & produced_ok.fillna(False) & scrapped_ok.fillna(False) & some)
                .astype(bool)]
    over = [
        index for index, o, p, s, t in zip(rows.index, rows[o_val], rows[p_val], rows[s_val],
                                            rows[tol], strict=True)
        if _over((_decimal(p) or Decimal(0)) + (_decimal(s) or Decimal(0)), o, t)
    ]
    mask = pd.Series(frame.index.isin(over), index=frame.index)
    ident = frame["id"] if "id" in frame else part[o_val]
    return _result(check, frame, mask, ident,
                   "produced + scrapped is above ordered beyond the overdelivery tolerance")


def receipts_within_ordered(check: Check, frame: pd.DataFrame,
                            related: pd.DataFrame | None) -> RuleOutcome:
    related = _need(related, check)
    order, kind, value, unit = check.columns
    o_id, o_val, o_unit, o_tol = check.targets
    orders = related.reindex(columns=list(check.targets)).dropna(subset=[o_id, o_val, o_unit])
    orders = orders[_valid(orders[o_val]) & (orders[o_tol].isna() | _valid(orders[o_tol]))]
    orders = orders.drop_duplicates(o_id).set_index(o_id)
    receipts = frame[(frame[kind] == "goods_receipt").fillna(False).astype(bool)
                     & frame[order].notna() & _valid(frame[value])]
    receipts = receipts[receipts[order].isin(orders.index)]
    same_unit = receipts[unit].to_numpy() == orders[o_unit].reindex(receipts[order]).to_numpy()
    receipts = receipts[same_unit]
    totals = receipts[value].map(Decimal).groupby(receipts[order]).sum()
    over = {
        oid for oid, total in totals.items()
        if _over(total, orders.at[oid, o_val], orders.at[oid, o_tol])
    }
    mask = (frame[order].isin(over) & (frame[kind] == "goods_receipt")).fillna(False)
    return _result(check, frame, mask.astype(bool), frame[order],
                   "goods receipts of the order exceed its ordered quantity beyond tolerance")


def _nanoseconds(series: pd.Series) -> np.ndarray:
    """UTC nanoseconds of RFC 3339 texts (``NAT`` where a value is missing or unreadable)."""
    import numpy as np
    import pandas as pd

    times = pd.DatetimeIndex(pd.to_datetime(series, utc=True, errors="coerce", format="ISO8601"))
    if times.tz is not None:
        times = times.tz_convert(None)
    return np.asarray(times.asi8, dtype=np.int64)


def no_overlap(check: Check, frame: pd.DataFrame, related: pd.DataFrame | None) -> RuleOutcome:
    """EQS-003: per key, in start order, a row starting before the furthest explicit end of
    the rows before it, or at the same instant as the row before it (as the record rule).

    Vectorised: rows sorted by (key, start); start and end instants replaced by their dense
    ranks, so ``key id * (ranks + 2) + end rank`` is one integer whose running maximum,
    taken over the sorted rows, is the furthest end so far *within the key* (an earlier key's
    values are always smaller, a missing end adds nothing).
    """
    import numpy as np
    import pandas as pd

    key, start, end = check.columns
    part = frame.reindex(columns=list(check.columns))
    starts, ends = _nanoseconds(part[start]), _nanoseconds(part[end])
    rows = np.flatnonzero(part[key].notna().to_numpy() & (starts != NAT))
    groups = pd.factorize(part[key].to_numpy()[rows], sort=True)[0].astype(np.int64)
    order = np.lexsort((rows, starts[rows], groups))
    g, s, e = groups[order], starts[rows][order], ends[rows][order]
    has_end = e != NAT
    distinct, inverse = np.unique(np.concatenate([s, e[has_end]]), return_inverse=True)
    s_rank = inverse[:len(s)] + 1
    e_rank = np.zeros(len(s), dtype=np.int64)
    e_rank[has_end] = inverse[len(s):] + 1
    width = np.int64(len(distinct) + 2)
    furthest = np.maximum.accumulate(g * width + e_rank) if len(g) else g
    before = np.full(len(g), -1, dtype=np.int64)
    before[1:] = furthest[:-1]
    overlap = (before - g * width) > s_rank
    overlap[1:] |= (g[1:] == g[:-1]) & (s[1:] == s[:-1])
    mask = pd.Series(False, index=frame.index)
    mask.iloc[rows[order[overlap]]] = True
    return _result(check, frame, mask, part[key],
                   f"intervals of one {key} overlap (start before an earlier interval's end)")


CHECKS: dict[str, Impl] = {
    "no_overlap": no_overlap,
    "reversal_references": reversal_references,
    "unique_together": unique_together,
    "reference_exists": reference_exists,
    "not_equal": not_equal,
    "within_tolerance": within_tolerance,
    "receipts_within_ordered": receipts_within_ordered,
}
