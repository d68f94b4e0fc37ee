"""Progress on standard error for long runs: shown in a terminal, silent everywhere else.

``validate``, ``mappings check``, ``mappings coverage`` and ``batch`` take
``--progress/--no-progress``; without either, progress is shown only when standard error is a
terminal, so CI logs, pipes and redirected output stay exactly as before. Progress never goes
to standard output (which holds the report). Drawn by tqdm.

* :func:`counted` wraps an iterable: a bar with a count (and total, when known);
* :func:`stage` marks a step that cannot count (a library call): its name and elapsed time,
  refreshed twice a second, then a final line with the time it took.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import click

T = TypeVar("T")

progress_option = click.option(
    "--progress/--no-progress", "progress", default=None,
    help="Progress on stderr (default: only when stderr is a terminal).",
)


def enabled(flag: bool | None) -> bool:
    """The user's choice, else: is standard error a terminal?"""
    if flag is not None:
        return flag
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())


def counted(items: Iterable[T], desc: str, *, show: bool, total: int | None = None,
            unit: str = "record") -> Iterator[T]:
    """``items``, with a progress bar on stderr when ``show``."""
    if not show:
        yield from items
        return
    from tqdm import tqdm

    with tqdm(items, desc=desc, total=total, unit=f" {unit}s", file=sys.stderr,
              mininterval=0.5, leave=False, dynamic_ncols=True) as bar:
        yield from bar


@contextmanager
def stage(desc: str, *, show: bool) -> Iterator[None]:
    """A step without a count: its name and elapsed time while it runs (when ``show``)."""
    if not show:
        yield
        return
    from tqdm import tqdm

    bar = tqdm(desc=desc, total=None, file=sys.stderr, bar_format="{desc}: {elapsed}",
               leave=False, dynamic_ncols=True)
    done = threading.Event()

    def tick() -> None:
        while not done.wait(0.5):
            bar.refresh()

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()
        elapsed = bar.format_interval(bar.format_dict["elapsed"])
        bar.close()
        click.echo(f"{desc}: done in {elapsed}", err=True)
