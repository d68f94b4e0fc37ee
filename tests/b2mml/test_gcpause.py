"""The cyclic collector is paused during an import and restored after, whatever happens."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from canonical.b2mml import read_document
from canonical.b2mml.gcpause import collector_paused
from canonical.errors import B2MMLError

LOT = b"""<MaterialLot xmlns="http://www.mesa.org/xml/B2MML"><ID>0010</ID>
  <HierarchyScope><EquipmentID>DE01</EquipmentID><EquipmentLevel>Site</EquipmentLevel></HierarchyScope>
  <MaterialDefinitionID>RM-100</MaterialDefinitionID><Status>released</Status>
  <Quantity><QuantityString>12.500</QuantityString><UnitOfMeasure>KGM</UnitOfMeasure></Quantity>
</MaterialLot>"""


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_an_import_runs_without_the_collector_and_restores_it(collector: None) -> None:
    gc.enable()
    seen: list[bool] = []
    with collector_paused():
        seen.append(gc.isenabled())
        with collector_paused():  # nested: the outer one restores
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
    assert seen == [False, False, False] and gc.isenabled()
    assert read_document(LOT).of("Lot") and gc.isenabled()


def test_a_failing_import_restores_the_collector(collector: None) -> None:
    gc.enable()
    with pytest.raises(B2MMLError):
        read_document(b"<MaterialLot")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled(collector: None) -> None:
    gc.disable()
    read_document(LOT)
    assert not gc.isenabled()


def test_concurrent_imports_restore_it_when_the_last_ends(collector: None) -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def slow() -> None:
        with collector_paused():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=slow)
    worker.start()
    inside.wait(10)
    read_document(LOT)  # ends while the other import still runs
    assert not gc.isenabled()
    release.set()
    worker.join(10)
    assert gc.isenabled()
