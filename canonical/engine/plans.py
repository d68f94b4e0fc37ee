"""Finding, loading and compiling a plant's specs: once per plant, cached.

Specs live in ``<plant folder>/specs/*.yaml``. :func:`plans_for` compiles them the first
time a plant is used and keeps the result as long as the :class:`~canonical.mapping.Plant`
object lives (plants are immutable), so messages never pay for YAML or compilation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from weakref import WeakKeyDictionary, ref

from canonical.engine import rules
from canonical.engine.compile import compile_spec
from canonical.engine.load import read_spec
from canonical.engine.lookups import material_base_units
from canonical.engine.plan import Plan
from canonical.engine.spec import Direction, Spec
from canonical.mapping import Plant
from canonical.report import Finding, Report

SPEC_FOLDER = "specs"
Key = tuple[str, str, Direction]


@dataclass(frozen=True, slots=True)
class PlanSet:
    """Every compiled spec of one plant, and what was wrong with the others. It holds no
    reference to its :class:`~canonical.mapping.Plant` (the cache's key): a plant nobody
    uses any more is collected with its plans."""

    plans: Mapping[Key, Plan]
    broken: Mapping[Key, tuple[Finding, ...]]  # specs that exist but did not compile
    report: Report  # every spec finding of the plant
    #: the plans of each direction by (system, entity): what every message looks up, without
    #: hashing the Direction enum (a Python-level hash) each time; plain dicts typed
    #: read-only (a mappingproxy's get is a method call on the dict behind it)
    inbound: Mapping[tuple[str, str], Plan] = field(init=False)
    outbound: Mapping[tuple[str, str], Plan] = field(init=False)

    def __post_init__(self) -> None:
        for direction in Direction:
            object.__setattr__(self, direction.value, {
                (s, e): plan for (s, e, d), plan in self.plans.items() if d is direction})

    def plan(self, system: str, entity: str, direction: Direction) -> Plan | None:
        return self.plans.get((system, entity, direction))


_CACHE: WeakKeyDictionary[Plant, PlanSet] = WeakKeyDictionary()


def spec_files(folder: Path) -> list[Path]:
    specs = folder / SPEC_FOLDER
    return sorted(specs.glob("*.yaml")) if specs.is_dir() else []


def _label(folder: Path, path: Path) -> str:
    if folder.parent.name == "mappings":
        return f"mappings/{folder.name}/{SPEC_FOLDER}/{path.name}"
    return str(path)


def read_specs(folder: Path) -> tuple[list[Spec], list[Finding]]:
    """Parse every spec file of a plant folder (structure only)."""
    specs: list[Spec] = []
    findings: list[Finding] = []
    for path in spec_files(folder):
        spec, found = read_spec(path, _label(folder, path))
        findings.extend(found)
        if spec is not None:
            specs.append(spec)
    return specs, findings


def build(plant: Plant) -> PlanSet:
    """Compile a plant's specs (use :func:`plans_for`, which caches)."""
    specs, findings = read_specs(plant.folder)
    base_units = material_base_units(plant)
    plans: dict[Key, Plan] = {}
    broken: dict[Key, tuple[Finding, ...]] = {}
    seen: dict[Key, str] = {}
    for spec in specs:
        if spec.key in seen:
            findings.append(rules.SPEC_DUPLICATE.finding(
                f"{spec.system} {spec.entity} {spec.direction} is already mapped by "
                f"{seen[spec.key]}", path="$").located(file=spec.file, line=1))
            continue
        seen[spec.key] = spec.file
        plan, found = compile_spec(spec, plant, base_units)
        findings.extend(found)
        if plan is not None:
            plans[spec.key] = plan
        else:
            broken[spec.key] = tuple(found)
    return PlanSet(MappingProxyType(plans), MappingProxyType(broken), Report.of(findings))


#: the plant asked for last (a service maps one plant's messages in a row), held weakly,
#: and its plans: one identity test instead of a weak-key lookup per message
_LAST: tuple[ref[Plant], PlanSet] | None = None


def plans_for(plant: Plant) -> PlanSet:
    """The compiled specs of ``plant``, built on first use."""
    global _LAST
    last = _LAST
    if last is not None and last[0]() is plant:
        return last[1]
    found = _CACHE.get(plant)
    if found is None:
        found = _CACHE[plant] = build(plant)
    _LAST = (ref(plant), found)
    return found


def generated_source(plant: Plant, system: str, entity: str,
                     direction: Direction | str = Direction.INBOUND) -> str:
    """The Python generated for one compiled spec (:mod:`~canonical.engine.codegen`), for
    reviewers: what runs for each message of ``system``/``entity`` in ``direction``.

    Raises :class:`LookupError` when the plant has no compiled spec for it."""
    key = (system, entity, Direction(direction))
    plan = plans_for(plant).plans.get(key)
    if plan is None:
        raise LookupError(f"plant {plant.id} has no compiled {key[2].value} spec for "
                          f"{system} {entity}")
    return plan.source()
