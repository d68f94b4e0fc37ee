"""The per-plant cache of compiled specs (canonical.engine.plans)."""

from __future__ import annotations

import gc
import weakref

from canonical.engine import plans_for, to_canonical
from canonical.engine.plans import generated_source
from canonical.mapping import load_plant


def test_plans_are_kept_while_the_plant_lives() -> None:
    plant = load_plant("PL03")
    assert plans_for(plant) is plans_for(plant)
    assert "def decode_QualityResult" in generated_source(plant, "LIMS_PL", "QualityResult")


def test_a_plant_nobody_holds_is_collected_with_its_plans() -> None:
    plant = load_plant("PL03")
    plans_for(plant)
    to_canonical(plant, "QualityResult", {"RESULT_ID": "W-1"}, source="LIMS_PL",
                 lenient=True)
    dead = weakref.ref(plant)
    del plant
    gc.collect()
    assert dead() is None


def test_a_new_plant_object_gets_its_own_plans() -> None:
    first = load_plant("PL03")
    second = load_plant("PL03")
    if first is not second:  # a cached loader may hand out the same object
        assert plans_for(first) is not plans_for(second)
    assert plans_for(first) is plans_for(first)
