"""The engine behind :meth:`Plant.to_canonical` and :meth:`Plant.from_canonical`.

``canonical.mapping`` (tables) sits below the engine and cannot import it; the engine
installs this object there when it is imported (``import canonical`` imports the engine).
"""

from __future__ import annotations

from datetime import date

from canonical.engine.api import MappingResult, from_canonical, to_canonical
from canonical.mapping import Plant
from canonical.models import CanonicalModel


class PlantMethods:
    """:class:`~canonical.mapping.plant.PlantEngine` served by :mod:`canonical.engine.api`."""

    def to_canonical(self, plant: Plant, entity: str, payload: object, *, source: str,
                     lenient: bool, on: date | None
                     ) -> CanonicalModel | MappingResult[CanonicalModel]:
        if lenient:
            return to_canonical(plant, entity, payload, source=source, lenient=True, on=on)
        return to_canonical(plant, entity, payload, source=source, on=on)

    def from_canonical(self, plant: Plant, obj: CanonicalModel, *, target: str, lenient: bool,
                       on: date | None
                       ) -> dict[str, object] | MappingResult[dict[str, object]]:
        if lenient:
            return from_canonical(plant, obj, target=target, lenient=True, on=on)
        return from_canonical(plant, obj, target=target, on=on)
