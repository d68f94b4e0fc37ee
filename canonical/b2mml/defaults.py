"""What a plant supplies where its B2MML documents are silent: ``<plant>/b2mml.yaml``.

Real documents leave out what the sender considers obvious: the request state of a schedule
an MES gateway forwards, the status of a lot in a location update. Only the plant can know
what that means, so the plant declares it, per B2MML source system, in data, not Python::

    # mappings/DE01/b2mml.yaml
    source_systems:
      B2MML:
        order_status: released       # a request without RequestState
        operation_status: released   # a segment without SegmentState (and no RequestState)
        lot_status: released         # a lot or sublot without Status

Values are canonical codes (checked here against the model's enums). Each default used is
reported as B2M-301 (info) naming it; without a plant or a declared default, the gap stays a
finding. The file is optional; an unreadable or invalid one is a usage error (exit 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from canonical.b2mml import rules
from canonical.errors import B2MMLError
from canonical.models import LotStatus, OperationStatus, OrderStatus

FILE = "b2mml.yaml"


class SystemDefaults(BaseModel):
    """Defaults for the documents of one B2MML source system."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    order_status: OrderStatus | None = None
    operation_status: OperationStatus | None = None
    lot_status: LotStatus | None = None


class PlantDefaults(BaseModel):
    """The whole ``b2mml.yaml`` of a plant."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_systems: Mapping[str, SystemDefaults] = {}

    def of(self, system: str) -> SystemDefaults:
        return self.source_systems.get(system) or SystemDefaults()


def load(folder: Path) -> PlantDefaults:
    """The defaults declared in ``folder``/b2mml.yaml (none when the file does not exist)."""
    from canonical.files.yamlsafe import read_yaml

    path = folder / FILE
    if not path.exists():
        return PlantDefaults()
    tree = read_yaml(path)
    try:
        return PlantDefaults.model_validate(tree.data or {})
    except ValidationError as exc:
        problem = exc.errors()[0]
        keys = tuple(str(k) for k in problem["loc"])
        raise B2MMLError(f"{'.'.join(keys)}: {problem['msg']}", source=str(path),
                         line=tree.line(*keys), rule_id=rules.BAD_DEFAULTS.id) from exc
