"""What a plant supplies where its B2MML documents are silent: ``<plant>/b2mml.yaml``.

Real documents leave out what the sender considers obvious: the request state of a schedule
an MES gateway forwards, the status of a lot in a location update. Only the plant can know
what that means, so the plant declares it, per B2MML source system, in data, not Python::

    # mappings/DE01/b2mml.yaml
    source_systems:
      B2MML:
        order_status: released       # a request without RequestState
        operation_status: released   # a segment (requirement or response) without SegmentState
        lot_status: released         # a lot or sublot without Status
        disposition: rework          # a quarantined, blocked or rejected lot without one
        unit: KGM                    # a Quantity / Value without UnitOfMeasure
        storage_location: WE-01      # a material actual (goods movement) without a location
        amount_keys: [Menge]         # Quantity Keys naming the amount (beside the standard)
        not_carried:                 # what this sender adds that the plant does not need
          MaterialLotProperty[Farbton]/Value: the shade is kept in the MES only

Values are canonical codes (checked here against the model's enums and the UN/ECE Rec 20
unit table). A disposition is only supplied where the canonical model gives it a meaning: a
lot whose status is quarantine, blocked or rejected (:data:`DISPOSED`). Each default used is
reported as B2M-301 (info) naming it; without a plant or a declared default, the gap stays a
finding. The file is optional; an unreadable or invalid one is a usage error (exit 2).

``not_carried`` extends the package's list of elements the canonical model does not carry
(``canonical/b2mml/data/not-carried.txt``) for this sender's documents: ``Parent/Child``,
``*/Child``, or ``Parent[ID]/Child`` for the children of the one property (or other element)
whose ``ID`` is ``ID`` (compared as property ids are: case, accents and separators
aside). Each entry gives the reason; each element it covers is reported as info B2M-304 with
its path, value and that reason, so a declaration never hides what was left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, field_validator

from canonical.b2mml import rules
from canonical.errors import B2MMLError
from canonical.models import LotDisposition, LotStatus, OperationStatus, OrderStatus
from canonical.models.v1 import Identifier, UnitCode

FILE = "b2mml.yaml"
#: Lot statuses for which a disposition (a decision on the lot) means something.
DISPOSED = frozenset({LotStatus.QUARANTINE, LotStatus.BLOCKED, LotStatus.REJECTED})
#: ``Parent/Child``, ``*/Child`` or ``Parent[ID]/Child`` (local element names).
_NOT_CARRIED_ENTRY = re.compile(r"(?:\*|[A-Za-z_][\w.-]*(?:\[[^\]\[/]+\])?)/[A-Za-z_][\w.-]*")


def _entry(entry: str) -> str:
    if not _NOT_CARRIED_ENTRY.fullmatch(entry):
        raise ValueError(f"{entry!r} is not Parent/Child, */Child or Parent[ID]/Child "
                         "(local element names)")
    return entry


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValueError("a not-carried entry needs a reason: why the plant does not need it")
    return reason


NotCarriedEntry = Annotated[str, AfterValidator(_entry)]
Reason = Annotated[str, AfterValidator(_reason)]


class SystemDefaults(BaseModel):
    """Defaults for the documents of one B2MML source system."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    order_status: OrderStatus | None = None
    operation_status: OperationStatus | None = None
    lot_status: LotStatus | None = None
    disposition: LotDisposition | None = None
    unit: UnitCode | None = None
    #: where a material actual without StorageLocation (Location below the Site) moves goods:
    #: the from_location of an issue, the to_location of a receipt (INV-003)
    storage_location: Identifier | None = None
    amount_keys: tuple[str, ...] = ()
    #: ``Parent/Child`` -> why the plant does not need it (see the module doc)
    not_carried: Mapping[NotCarriedEntry, Reason] = {}

    @field_validator("unit")
    @classmethod
    def _canonical_unit(cls, code: str | None) -> str | None:
        from canonical.errors import UnitError
        from canonical.units import lookup

        if code is None:
            return None
        try:
            found = lookup(code)
        except UnitError as exc:
            raise ValueError(f"{code!r} is not a canonical UN/ECE Rec 20 unit code") from exc
        if found.code != code:
            raise ValueError(f"{code!r} is not a canonical UN/ECE Rec 20 unit code; "
                             f"write {found.code!r}")
        return code


class PlantDefaults(BaseModel):
    """The whole ``b2mml.yaml`` of a plant."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_systems: Mapping[str, SystemDefaults] = {}

    def of(self, system: str) -> SystemDefaults:
        return self.source_systems.get(system) or SystemDefaults()


def load(folder: Path) -> PlantDefaults:
    """The defaults declared in ``folder``/b2mml.yaml (none when the file does not exist).

    Read again only when the file changed (its path, modification time and size are the
    key), so an import does not parse the same YAML each time and an edit is still seen."""
    path = folder / FILE
    try:
        stat = path.stat()
    except (FileNotFoundError, NotADirectoryError):  # no file, or ``folder`` is not a folder
        return PlantDefaults()
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int, size: int) -> PlantDefaults:
    from canonical.files.yamlsafe import read_yaml

    tree = read_yaml(path)
    try:
        return PlantDefaults.model_validate(tree.data or {})
    except ValidationError as exc:
        problem = exc.errors()[0]
        keys = tuple(str(k) for k in problem["loc"])
        raise B2MMLError(f"{'.'.join(keys)}: {problem['msg']}", source=str(path),
                         line=tree.line(*keys), rule_id=rules.BAD_DEFAULTS.id) from exc
