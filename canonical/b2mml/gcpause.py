"""The cyclic garbage collector paused while a document is imported.

An import allocates millions of small objects (nodes, values, findings, records), most of
them freed by reference counting as soon as a record is built, none of them in reference
cycles that must be broken during the import. The cyclic collector still runs on the
allocation count and rescans every object the import keeps (records, findings, the elements
read): on a 10 MB document that was a quarter of the import's time. The collector is paused
for the import and restored afterwards (also on an error); nested or concurrent imports (the
service's threads) restore it only when the last one ends, and only if it was enabled before
the first began. Memory is unchanged: nothing an import allocates needs the collector.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_state = {"imports": 0, "was_enabled": 0}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the ``with`` block with the cyclic garbage collector disabled."""
    with _LOCK:
        if _state["imports"] == 0:
            _state["was_enabled"] = int(gc.isenabled())
            gc.disable()
        _state["imports"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["imports"] -= 1
            if _state["imports"] == 0 and _state["was_enabled"]:
                gc.enable()
