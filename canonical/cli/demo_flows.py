"""``canon demo`` section: the order-release and completion flows of both example plants.

For each plant the release flow maps the ERP order to canonical and on to the MES; the
completion flow maps MES confirmations, material movements, lots and quality results to
canonical events and on to the ERP. A deliberately broken message shows the findings.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from canonical.engine import from_canonical, to_canonical
from canonical.engine.events import wrap
from canonical.errors import CanonicalError, MappingError
from canonical.files.yamlsafe import read_yaml
from canonical.mapping import Plant, load_plant
from canonical.models import (
    CanonicalModel,
    EquipmentStateChange,
    Event,
    InventoryTransaction,
    LaborReport,
    Lot,
    Nonconformance,
    Operation,
    ProductionOrder,
    QualityResult,
)
from canonical.models.patch import PatchOps
from canonical.reading import parse_records, read_text
from canonical.resources import data_dir
from canonical.service.occurred import occurred_at


def flow_plants() -> list[str]:
    """The plants with shipped workflow fixtures (``examples/flows/<plant>/flows.yaml``)."""
    folder = data_dir("examples") / "flows"
    return sorted(p.name for p in folder.iterdir() if (p / "flows.yaml").is_file())


def _summary(obj: CanonicalModel) -> str:
    if isinstance(obj, ProductionOrder):
        return (f"order {obj.id}: {obj.ordered_quantity.value} {obj.ordered_quantity.unit} of "
                f"{obj.material}, {len(obj.operations)} operations, {len(obj.components)} "
                f"components, status {obj.status.value}")
    if isinstance(obj, Operation):
        c = obj.confirmations[0]
        return (f"confirmation {c.id}: {obj.order} op {obj.sequence} yield {c.yield_quantity.value}"
                f" {c.yield_quantity.unit}" + (f", scrap {c.scrap_quantity.value}"
                                               if c.scrap_quantity else ""))
    if isinstance(obj, InventoryTransaction):
        return (f"{obj.type.value} {obj.id}: {obj.quantity.value} {obj.quantity.unit} of "
                f"{obj.material}" + (f" lot {obj.lot}" if obj.lot else ""))
    if isinstance(obj, Lot):
        return f"lot {obj.id}: {obj.quantity.value} {obj.quantity.unit}, {len(obj.genealogy)} parent lots"
    if isinstance(obj, QualityResult):
        measured = f" {obj.measured_value.value} {obj.measured_value.unit}" if obj.measured_value \
            else f" {obj.attribute_result}" if obj.attribute_result else ""
        return f"quality {obj.characteristic}{measured}: {obj.verdict.value}" + (
            f" ({obj.nonconformance_code})" if obj.nonconformance_code else "")
    return _summary_v11(obj)


def _summary_v11(obj: CanonicalModel) -> str:
    """1.1.0 (issue 17): labour, machine states, nonconformances and patches."""
    if isinstance(obj, LaborReport):
        who = obj.person or obj.crew
        time = f"{obj.duration.value} {obj.duration.unit}" if obj.duration else "start/end"
        return f"labour {obj.id}: {who} {obj.activity.value} {time}"
    if isinstance(obj, EquipmentStateChange):
        return f"{obj.resource} {obj.state.value}" + (f" ({obj.reason_code})" if obj.reason_code
                                                       else "")
    if isinstance(obj, Nonconformance):
        return f"nonconformance {obj.id}: {obj.defect_code} {obj.severity.value}, {obj.status.value}"
    if isinstance(obj, PatchOps):
        return f"{type(obj).__name__}: {', '.join(sorted(obj.changes()))}"
    return type(obj).__name__


def _plant_flows(plant: Plant, folder: Path, echo: Callable[[str], None]) -> bool:
    manifest: Any = read_yaml(folder / "flows.yaml").data
    ok = True
    release: Event | None = None
    posted = 0
    first_payload: object = None
    for step in manifest["steps"]:
        payload = parse_records(read_text(folder / step["native"]), decimals=True)[0].data
        try:
            obj = to_canonical(plant, step["entity"], payload, source=step["source"])
            native = from_canonical(plant, obj, target=step["target"])
        except MappingError as exc:
            ok = False
            echo(f"   {step['name']:<14} FAILED: {exc}")
            continue
        event = wrap(obj, plant=plant.id, source_system=step["source"],
                     verb=("released" if step["flow"] == "release" else
                           "changed" if isinstance(obj, PatchOps) else "reported"),
                     occurred_at=occurred_at(obj), payload=payload, causation=release)
        if step["flow"] == "release":
            release, first_payload = event, payload
        else:
            posted += 1
        echo(f"   {step['name']:<14} {step['source']} -> {step['target']}: {_summary(obj)}"
             f" [{len(native)} native fields, event {event.id[:8]}]")
    echo(f"   {plant.id}: 1 order released, {posted} transactions posted to the ERP")
    if first_payload is not None and isinstance(first_payload, dict):
        broken = copy.deepcopy(first_payload)
        first = next(k for k in broken if k not in ("MANDT", "organization_code"))
        broken.pop(first)
        broken["UNEXPECTED"] = "x"
        try:
            to_canonical(plant, "ProductionOrder", broken, source=manifest["steps"][0]["source"])
            ok = False
            echo("   a broken order mapped without findings: FAILED")
        except MappingError as exc:
            echo(f"   broken order (missing {first}, extra UNEXPECTED): {len(exc.findings)} "
                 "findings, as expected:")
            for finding in exc.findings:
                echo(f"      {finding.render()}")
    return ok


def run_flows(echo: Callable[[str], None]) -> bool:
    """Run every example plant's flows; print what happened; True when everything mapped."""
    echo("2. Mapping flows (examples/flows): order release ERP -> MES, completion MES -> ERP")
    ok = True
    for plant_id in flow_plants():
        folder = data_dir("examples") / "flows" / plant_id
        try:
            plant = load_plant(plant_id)
        except CanonicalError as exc:
            echo(f"   {plant_id}: cannot load plant: {exc}")
            ok = False
            continue
        echo(f" {plant.id} {plant.config.name} ({plant.config.time_zone})")
        ok = _plant_flows(plant, folder, echo) and ok
    return ok
