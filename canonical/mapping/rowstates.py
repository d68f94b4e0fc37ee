"""The state of given source codes on a day, read row by row from a plant folder.

``canon mappings coverage`` looks up every distinct code of an extract. A loaded plant
answers from its indexes (every row of every table in memory); :func:`row_states` answers
the same question in one more read of the folder that keeps no row: the codes asked are
keyed as the table keys them (the source system's normalisation of the table) and each row
read either settles some of them or is let go. Memory grows with the distinct codes asked,
not with the tables.

The answer is the one of :meth:`~canonical.mapping.plant.Plant.lookup_row`: the approved or
deprecated row valid on the day, or ``None`` (unmapped). A plant that passed its check has
no two live rows of one key valid on one day (``MAP-050``, ``MAP-051``): the row is unique.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path

from canonical.mapping.csvfile import MAX_TABLE_BYTES
from canonical.mapping.plant import Plant
from canonical.mapping.rows import MappingRow, RowStatus
from canonical.mapping.source import read_plant_folder
from canonical.mapping.tables import TableSpec

#: (table, source system, code as the extract spells it)
CodeKey = tuple[str, str, str]


def row_states(folder: Path, plant: Plant, keys: Collection[CodeKey], day: date, *,
               max_bytes: int = MAX_TABLE_BYTES) -> dict[CodeKey, RowStatus | None]:
    """The status (approved or deprecated) of the row mapping each code of ``keys`` on
    ``day``, or ``None``, from the tables of ``folder`` (whose plant.yaml is ``plant``'s)."""
    wanted: dict[tuple[str, str], dict[str, list[str]]] = {}
    for table, system, code in keys:
        key = plant.normaliser(system, table).to_key(code)
        wanted.setdefault((table, system), {}).setdefault(key, []).append(code)
    states: dict[CodeKey, RowStatus | None] = dict.fromkeys(keys)

    def settle(spec: TableSpec, file: str, row: MappingRow) -> bool:
        by_key = wanted.get((spec.name, row.source_system))
        codes = by_key.get(row.key) if by_key else None
        if codes and row.status is not RowStatus.DRAFT and row.valid_on(day):
            for code in codes:
                states[(spec.name, row.source_system, code)] = row.status
        return False

    read_plant_folder(folder, max_bytes=max_bytes, keep=settle)
    return states
