"""``canon map``: map native payloads to canonical JSON (inbound) or canonical records back.

Exit codes: 0 every record mapped, 1 any record could not be mapped (all findings are
printed, each with file, line, record and JSON path), 2 usage errors or unreadable input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from canonical.cli.inputs import InputFile, label
from canonical.cli.options import entity_option, format_option, output_option, plant_option
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


def _system(source: str | None, target: str | None, direction: str | None) -> tuple[str, str]:
    """The plant system and the direction: ``--source`` inbound, ``--target`` outbound (the
    old spelling ``--direction outbound --source X`` still works, with a warning)."""
    if source is not None and target is not None:
        raise click.UsageError("give --source (inbound) or --target (outbound), not both")
    if target is not None:
        if direction == "inbound":
            raise click.UsageError("--target names the system of outbound mapping; inbound "
                                   "takes --source")
        return target, "outbound"
    if source is None:
        raise click.UsageError("give --source SYSTEM (inbound) or --target SYSTEM (outbound)")
    if direction == "outbound":
        click.echo("warning: --source for the target of outbound mapping is deprecated; use "
                   "--target", err=True)
    return source, direction or "inbound"


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
@click.argument("file", type=InputFile(".json"))
@plant_option(required=True)
@click.option("--source", default=None,
              help="Source system the payloads come from (inbound), as in plant.yaml.")
@click.option("--target", default=None,
              help="Target system the records go to (outbound, implied by --target), as in "
              "plant.yaml.")
@entity_option(type=click.Choice(list(MAPPABLE)), help="Canonical entity.")
@click.option("--direction", type=click.Choice(["inbound", "outbound"]), default=None,
              help="inbound: native -> canonical; outbound: canonical -> native (default: "
              "outbound with --target, else inbound).")
@click.option("--lenient", is_flag=True,
              help="Print what mapped even when other records fail (exit code still 1).")
@format_option(["json", "jsonl"], "json", help="json: one document (an array for several "
               "records); jsonl: one record per line.")
@output_option
@click.option("--release", default=None, metavar="VERSION",
              help="Map with this released snapshot of the plant (e.g. 2025.4.0), to replay "
              "messages exactly as they were mapped when sent.")
def map_command(file: Path, plant: str, source: str | None, target: str | None, entity: str,
                direction: str | None, lenient: bool, fmt: str, release: str | None) -> None:
    """Map the payloads in FILE (JSON, JSON array or JSON Lines) through the plant's specs."""
    system, direction = _system(source, target, direction)
    name, way = label(file), Direction(direction)
    try:
        plan = _plan(load_plant(plant, release=release), system, entity, way)
        records = parse_records(read_text(file), source=name,
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
        findings.extend(f.located(file=name, line=record.line, record=record.index)
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
