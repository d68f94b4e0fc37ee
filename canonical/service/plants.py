"""The plants a service serves, loaded once and reloaded when their folder changes.

A replayed dead letter must be mapped with *today's* tables (the steward approved the
missing row after the message was rejected), so :meth:`PlantRegistry.fresh` compares the
folder's fingerprint (every file's size and modification time) and reloads a changed plant;
ordinary messages use the loaded plant and pay nothing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from canonical.mapping import Plant, load_plant, shipped_plants
from canonical.models import ENTITIES
from canonical.service.metrics import LabelBounds


def fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Sizes and modification times of every file under a plant folder."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found.append((str(path.relative_to(folder)), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


@dataclass(slots=True)
class _Loaded:
    plant: Plant
    fingerprint: tuple[tuple[str, int, int], ...]
    spec: str


class PlantRegistry:
    """Plants by id. Loading raises the library's errors (an invalid plant never serves)."""

    def __init__(self, specs: tuple[str, ...]) -> None:
        self._lock = threading.Lock()
        self._plants: dict[str, _Loaded] = {}
        for spec in specs or tuple(shipped_plants()):
            plant = load_plant(spec)
            self._plants[plant.id] = _Loaded(plant, fingerprint(plant.folder), spec)

    def ids(self) -> list[str]:
        return sorted(self._plants)

    def label_bounds(self) -> LabelBounds:
        """The metric label values of what is served: plants, entities, source systems (a
        system added to a plant while the service runs is counted as ``other`` until restart)."""
        sources = {name for loaded in self._plants.values() for name in loaded.plant.source_systems}
        return LabelBounds.of(self._plants, ENTITIES, sources)

    def get(self, plant_id: str) -> Plant | None:
        found = self._plants.get(plant_id)
        return found.plant if found is not None else None

    def fresh(self, plant_id: str) -> Plant | None:
        """The plant as its folder is now (reloaded if any file changed)."""
        with self._lock:
            found = self._plants.get(plant_id)
            if found is None:
                return None
            now = fingerprint(found.plant.folder)
            if now != found.fingerprint:
                self._plants[plant_id] = found = _Loaded(load_plant(found.spec), now, found.spec)
            return found.plant
