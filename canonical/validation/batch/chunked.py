"""A batch run over an extract read in chunks: memory grows with a chunk, not with the file.

``canon batch`` (pandas engine) reads an extract :data:`~canonical.validation.batch.read.CHUNK_ROWS`
rows at a time (:func:`~canonical.validation.batch.read.iter_pandas`). An extract of one chunk
is checked as a whole (:func:`~canonical.validation.batch.run.check_extract`). A longer one is
checked chunk by chunk, and the outcomes are merged so that the result is the one a single run
over the whole extract gives, count for count and sample for sample:

- what is judged row by row (the expectations other than uniqueness, the type checks of
  preparation, the cross-row checks that are row-local once the related extract is known:
  ``not_equal``, ``within_tolerance``, ``reference_exists``) runs on each chunk; failing
  counts add up and the sample is drawn from the first failing values in row order
  (:func:`~canonical.validation.batch.result.merged`);
- what needs every row (``expect_column_values_to_be_unique`` and the checks
  ``unique_together``, ``reversal_references``, ``receipts_within_ordered``, ``no_overlap``)
  runs once, at the end, on the *key columns*: only the prepared columns those rules read,
  kept from every chunk (pandas' Arrow-backed strings, some 10-30 bytes per row and column),
  by the very same code (Great Expectations for uniqueness, :mod:`crossrow` for the checks);
- a related extract (``--related``) is read in chunks too and only the columns its checks
  reference are kept.

Columns are judged on the whole extract: a JSON Lines record may bring a column no earlier
record had, so every chunk is given every layout column (missing ones empty, as in a whole
frame) and outcomes of columns the extract never had are dropped at the end.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING

from canonical.report import Finding
from canonical.validation.batch import run
from canonical.validation.batch.prepare import Prepared, column_notes, prepare
from canonical.validation.batch.result import BatchResult, RuleOutcome, merged
from canonical.validation.batch.suite import Suite, load_suite
from canonical.validation.batch.unique import UNIQUE

if TYPE_CHECKING:
    import pandas as pd

#: expectations that compare rows with each other (run on the key columns, not per chunk)
ACROSS_ROWS = frozenset({UNIQUE})
#: cross-row checks that are row-local once the related extract is known (run per chunk)
ROW_LOCAL = frozenset({"not_equal", "within_tolerance", "reference_exists"})

Key = tuple[int, str | int]  # (0, column) type check, (1, expectation), (2, check)


def check_chunks(chunks: Iterable[pd.DataFrame], entity: str, *, plant: str | None = None,
                 related: Mapping[str, Iterable[pd.DataFrame]] | None = None,
                 source_system: str | None = None, on: date | None = None,
                 source: str | None = None) -> BatchResult:
    """:func:`~canonical.validation.batch.run.check_extract` of the extract made of
    ``chunks`` (consecutive row ranges), holding one chunk and the key columns at a time."""
    import pandas as pd

    frames = iter(chunks)
    first = next(frames, None)
    second = next(frames, None) if first is not None else None
    related = related or {}
    if second is None:
        whole = {name: _whole(parts) for name, parts in related.items()}
        return run.check_extract(first if first is not None else pd.DataFrame(), entity,
                                 plant=plant, related=whole, source_system=source_system,
                                 on=on, source=source)
    return _Chunked(load_suite(entity), plant, source_system, on, related).run(
        _chained(first, second, frames), source)


def _whole(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    frames = list(parts)
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _chained(first: pd.DataFrame, second: pd.DataFrame,
             rest: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    yield first
    yield second
    yield from rest


class _Chunked:
    """The state of one chunked run: merged outcomes, notes, the key columns so far."""

    def __init__(self, suite: Suite, plant: str | None, source_system: str | None,
                 on: date | None, related: Mapping[str, Iterable[pd.DataFrame]]) -> None:
        self.suite, self.plant = suite, plant
        layout = set(suite.column_names)
        self.expectations, self.plant_notes, self.name = run.selected(
            suite, layout, plant, source_system=source_system, on=on)
        self.related = {name: _narrow(parts, load_suite(name), _targets(suite, name))
                        for name, parts in related.items() if _targets(suite, name)}
        self.checks, _ = run.runnable(suite, layout,
                                      {n: p.present for n, p in self.related.items()})
        across = [e for e in self.expectations if e.type in ACROSS_ROWS]
        self.keys = sorted({e.column for e in across} | {
            c for check in self.checks if check.check not in ROW_LOCAL for c in check.columns})
        self.outcomes: dict[Key, RuleOutcome] = {}
        self.notes: dict[tuple[str, str | None], Finding] = {}
        self.names: dict[str, None] = {}  # columns of the extract, in order of appearance
        self.rows = 0
        self.kept: list[pd.DataFrame] = []
        self.timing = {"prepare_s": 0.0, "validate_s": 0.0, "cross_s": 0.0}

    def run(self, chunks: Iterable[pd.DataFrame], source: str | None) -> BatchResult:
        positions = {id(e): i for i, e in enumerate(self.expectations)}
        per_chunk = [e for e in self.expectations if e.type not in ACROSS_ROWS]
        local = [c for c in self.checks if c.check in ROW_LOCAL]
        for chunk in chunks:
            prepared = self._prepare(chunk)
            started = time.perf_counter()
            columns = {str(c) for c in prepared.frame.columns}  # less a duplicated one (SCH-009)
            todo = [e for e in per_chunk if run.covered(e, columns)]
            if prepared.rows and todo:
                for e, found in zip(todo, run.expect(prepared, self.suite, self.name, todo),
                                    strict=True):
                    self._add((1, positions[id(e)]), found)
            validated = time.perf_counter()
            if prepared.rows:
                for check, found in zip(local, run.cross(local, prepared.frame, self.related),
                                        strict=True):
                    self._add((2, self.suite.checks.index(check)), found)
            self.timing["validate_s"] += validated - started
            self.timing["cross_s"] += time.perf_counter() - validated
        self._across(positions)
        return self._result(source)

    def _prepare(self, chunk: pd.DataFrame) -> Prepared:
        started = time.perf_counter()
        self.names.update(dict.fromkeys(str(c) for c in chunk.columns))
        missing = [c for c in self.suite.column_names if c not in chunk.columns]
        if missing:  # a column absent from this chunk is empty here, as in the whole frame
            chunk = chunk.assign(**dict.fromkeys(missing, float("nan")))  # duplicates allowed
        prepared = prepare(chunk, self.suite)
        for note in prepared.notes[len(column_notes([str(c) for c in chunk.columns],
                                                    self.suite, prepared.rows)[1]):]:
            self.notes.setdefault((note.rule_id, note.path), note)
        for found in prepared.outcomes:
            self._add((0, found.column), found)
        self.rows += prepared.rows
        self.kept.append(prepared.frame.reindex(columns=self.keys))
        self.timing["prepare_s"] += time.perf_counter() - started
        return prepared

    def _add(self, key: Key, found: RuleOutcome) -> None:
        earlier = self.outcomes.get(key)
        self.outcomes[key] = found if earlier is None else merged(earlier, found)

    def _across(self, positions: dict[int, int]) -> None:
        """The rules across rows, once, on the key columns of every chunk."""
        import pandas as pd

        started = time.perf_counter()
        keys = pd.concat(self.kept, ignore_index=True)
        self.kept = []
        whole = Prepared(keys, len(keys), set(self.keys))
        across = [e for e in self.expectations if e.type in ACROSS_ROWS]
        if across:
            for e, found in zip(across, run.expect(whole, self.suite, self.name, across),
                                strict=True):
                self._add((1, positions[id(e)]), found)
        spanning = [c for c in self.checks if c.check not in ROW_LOCAL]
        for check, found in zip(spanning, run.cross(spanning, keys, self.related), strict=True):
            self._add((2, self.suite.checks.index(check)), found)
        self.timing["cross_s"] += time.perf_counter() - started

    def _result(self, source: str | None) -> BatchResult:
        present, notes = column_notes(list(self.names), self.suite, self.rows)
        present -= {n.path for n in self.notes.values() if n.path}  # nested or doubled columns
        checks, skipped = run.runnable(self.suite, present,
                                       {n: p.present for n, p in self.related.items()})
        wanted: dict[int, set[str] | set[int]] = {
            0: present,
            1: {i for i, e in enumerate(self.expectations) if run.covered(e, present)},
            2: {i for i, c in enumerate(self.suite.checks) if c in checks},
        }
        kept = [_rows(found, self.rows) for (kind, which), found in sorted(self.outcomes.items())
                if which in wanted[kind]]
        column_level = sorted(self.notes.values(), key=lambda n: n.path or "")
        return BatchResult(
            extract=self.suite.extract, rows=self.rows, engine="pandas", outcomes=tuple(kept),
            notes=(*notes, *column_level, *self.plant_notes, *skipped), plant=self.plant,
            source=source, extras=dict(self.timing))


def _rows(found: RuleOutcome, rows: int) -> RuleOutcome:
    from dataclasses import replace

    return found if found.rows == rows else replace(found, rows=rows)


def _targets(suite: Suite, name: str) -> list[str]:
    """The columns of the related extract ``name`` that the suite's checks reference."""
    return sorted({t for c in suite.checks if c.related == name for t in c.targets})


def _narrow(parts: Iterable[pd.DataFrame], suite: Suite, columns: list[str]) -> Prepared:
    """A related extract prepared chunk by chunk, keeping only ``columns`` (those present)."""
    import pandas as pd

    kept: list[pd.DataFrame] = []
    present: set[str] = set()
    for part in parts:
        prepared = prepare(part, suite)
        present |= prepared.present & set(columns)
        kept.append(prepared.frame.reindex(columns=columns))
    frame = pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=columns)
    return Prepared(frame, len(frame), present)
