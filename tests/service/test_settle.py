"""Before serving, what was loaded at start leaves the garbage collector's sight."""

from __future__ import annotations

import gc

from canonical.service.app import settle


def test_settle_freezes_what_was_loaded_and_collection_goes_on() -> None:
    loaded = [{"row": n} for n in range(1000)]  # stands for plants and tables loaded at start
    try:
        settle()
        assert gc.get_freeze_count() >= len(loaded)
        assert not any(item is loaded for item in gc.get_objects())
        cycle: list[object] = []
        cycle.append(cycle)  # allocated while serving: still collected
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
