"""``canon map``: map native payloads to canonical JSON (inbound) or canonical records back.

Exit codes: 0 every record mapped, 1 any record could not be mapped (all findings are
printed, each with file, line, record and JSON path), 2 usage errors or unreadable input.
"""

from __future__ import annotations

import json
import sys

import click

from canonical.cli.output import EXIT_FINDINGS, EXIT_OK, fail
from canonical.engine import rules
from canonical.engine.api import MappingResult, run_inbound, run_outbound
from canonical.engine.native_json import dumps
from canonical.engine.plan import Plan
from canonical.engine.plans import plans_for
from canonical.engine.shape import MAPPABLE, entity_class
from canonical.engine.spec import Direction
from canonical.errors import CanonicalError, InputError
from canonical.mapping import Plant, load_plant
from canonical.reading import Record, parse_records, read_text
from canonical.report import Finding
from canonical.validation.structure import parse


def _plan(plant: Plant, system: str, entity: str, direction: Direction) -> Plan:
    plant.system(system)
    plan = plans_for(plant).plan(system, entity, direction)
    if plan is None:
        broken = plans_for(plant).broken.get((system, entity, direction))
        detail = f": {broken[0].render()}" if broken else ""
        fail(f"[{rules.NO_SPEC.id}] plant {plant.id} has no usable {direction.value} spec for "
             f"{system} {entity}{detail}", EXIT_FINDINGS)
    return plan


def _map(plan: Plan, record: Record, direction: Direction) -> MappingResult[object]:
    if direction is Direction.INBOUND:
        result: MappingResult[object] = run_inbound(plan, record.data)  # type: ignore[assignment]
        return result
    obj, problems = parse(plan.model, record.data)
    if obj is None:
        from canonical.report import Report

        return MappingResult(None, Report(tuple(problems)))
    return run_outbound(plan, obj)  # type: ignore[return-value]


def _render(value: object, direction: Direction, *, indent: int | None) -> str:
    if direction is Direction.INBOUND:
        assert hasattr(value, "to_json_dict")
        return json.dumps(value.to_json_dict(), indent=indent, ensure_ascii=False)
    return dumps(value, indent=indent)


@click.command("map")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--plant", "plant_id", required=True, help="Plant id (DE01) or plant folder.")
@click.option("--source", required=True,
              help="Source system (inbound) or target system (outbound), as in plant.yaml.")
@click.option("--entity", required=True, type=click.Choice(list(MAPPABLE)),
              help="Canonical entity.")
@click.option("--direction", type=click.Choice(["inbound", "outbound"]), default="inbound",
              show_default=True, help="inbound: native -> canonical; outbound: canonical -> native.")
@click.option("--lenient", is_flag=True,
              help="Print what mapped even when other records fail (exit code still 1).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json",
              show_default=True, help="json: one document (an array for several records); "
              "jsonl: one record per line.")
@click.option("--release", default=None, metavar="VERSION",
              help="Map with this released snapshot of the plant (e.g. 2025.4.0), to replay "
              "messages exactly as they were mapped when sent.")
def map_command(file: str, plant_id: str, source: str, entity: str, direction: str,
                lenient: bool, fmt: str, release: str | None) -> None:
    """Map the payloads in FILE (JSON, JSON array or JSON Lines) through the plant's specs."""
    way = Direction(direction)
    try:
        plant = load_plant(plant_id, release=release)
        plan = _plan(plant, source, entity, way)
        records = parse_records(read_text(file), source=file,
                                decimals=way is Direction.INBOUND)
    except InputError as exc:
        fail(exc)
    except CanonicalError as exc:
        fail(exc)
    assert entity_class(entity) is not None
    outputs: list[str] = []
    findings: list[Finding] = []
    indent = 2 if fmt == "json" else None
    for record in records:
        result = _map(plan, record, way)
        findings.extend(f.located(file=file, line=record.line, record=record.index)
                        for f in result.report)
        if result.value is not None:
            outputs.append(_render(result.value, way, indent=indent))
    failed = any(f.severity.value == "error" for f in findings)
    if outputs and (lenient or not failed):
        if fmt == "jsonl":
            click.echo("\n".join(outputs))
        elif len(records) == 1:
            click.echo(outputs[0])
        else:
            click.echo("[\n" + ",\n".join(outputs) + "\n]")
    for finding in findings:
        click.echo(finding.render(), err=True)
    if failed:
        click.echo(f"{len(findings)} finding(s); {len(records) - len(outputs)} of "
                   f"{len(records)} record(s) not mapped", err=True)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
