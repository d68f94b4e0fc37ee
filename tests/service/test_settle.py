"""Before serving, what was loaded at start leaves the garbage collector's sight."""

from __future__ import annotations

import gc

from canonical.service.app import YOUNG_THRESHOLD, settle


def test_settle_freezes_what_was_loaded_and_collection_goes_on() -> None:
    loaded = [{"row": n} for n in range(1000)]  # stands for plants and tables loaded at start
    threshold = gc.get_threshold()
    try:
        settle()
        assert gc.get_freeze_count() >= len(loaded)
        assert not any(item is loaded for item in gc.get_objects())
        cycle: list[object] = []
        cycle.append(cycle)  # allocated while serving: still collected
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_settle_raises_the_young_threshold_and_collection_still_runs_by_itself() -> None:
    before = gc.get_threshold()
    collected: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collected.append(info["collected"])

    try:
        settle()
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *before[1:])
        gc.callbacks.append(seen)
        for _ in range(3 * YOUNG_THRESHOLD):  # cycles only the collector frees, never gc.collect()
            cycle: list[object] = []
            cycle.append(cycle)
            del cycle
        assert sum(collected) >= YOUNG_THRESHOLD  # collected automatically, without a call
    finally:
        if seen in gc.callbacks:
            gc.callbacks.remove(seen)
        gc.set_threshold(*before)
        gc.unfreeze()


def test_settle_keeps_a_higher_young_threshold_set_by_the_application() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(5 * YOUNG_THRESHOLD, *before[1:])
        settle()
        assert gc.get_threshold()[0] == 5 * YOUNG_THRESHOLD
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
