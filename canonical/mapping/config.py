"""``plant.yaml``: the plant's identity, time zone, source systems, normalisation and rounding.

:func:`read_plant_config` never raises on bad content: it returns the parsed
:class:`PlantConfig` (or ``None`` when it cannot build one) and the findings, each located
at the 1-based line of plant.yaml where the offending key sits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

from canonical.errors import UnknownUnitError
from canonical.mapping import rules
from canonical.mapping.normalise import IDENTITY, Normaliser, parse_steps
from canonical.mapping.yamlnodes import YamlDocument, load_yaml
from canonical.report import Finding, Severity
from canonical.rules import Rule
from canonical.units.rounding import DEFAULT_POLICY, RoundingMode, RoundingPolicy
from canonical.units.table import dimensions, lookup

SYSTEM_KINDS = ("erp", "mes", "qms", "wms", "lims", "scada", "other")
_PLANT_KEYS = {"id", "name", "time_zone", "source_systems", "version", "canonical_schema",
               "owner", "contact", "license", "description", "rounding"}
_SYSTEM_KEYS = {"kind", "description", "product", "owner", "contact", "outbound",
                "status_separator", "normalisation"}
_PLANT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
_SYSTEM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,31}$")
_KIND_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_ROUNDING_KEYS = {"mode", "places", "dimension_places"}
#: Rounding modes by their plant.yaml name (``half_even``, ``half_up``, ``up``...).
ROUNDING_MODES = {m.name.lower(): m for m in RoundingMode}
MAX_PLACES = 12


@dataclass(frozen=True, slots=True)
class SourceSystem:
    """An ERP, MES or other system whose codes the plant's tables translate."""

    name: str
    kind: str
    description: str = ""
    outbound: bool = True  # the system also receives canonical data mapped back to its codes
    status_separator: str | None = None  # a status value is a set of flags split on this
    normalisation: Mapping[str, Normaliser] = field(
        default_factory=lambda: MappingProxyType({}))

    def normaliser(self, kind: str) -> Normaliser:
        """The rule for a code kind (a table name, ``operation_number``...), else ``default``."""
        found = self.normalisation.get(kind)
        if found is None:
            found = self.normalisation.get("default", IDENTITY)
        return found


@dataclass(frozen=True, slots=True)
class PlantConfig:
    """The parsed content of plant.yaml."""

    id: str
    name: str
    time_zone: str
    source_systems: Mapping[str, SourceSystem]
    version: str = ""
    canonical_schema: str = ""
    owner: str = ""
    contact: str = ""
    license: str = ""
    #: The ``rounding:`` section merged over :data:`~canonical.units.DEFAULT_POLICY`.
    rounding: RoundingPolicy = DEFAULT_POLICY
    #: The parsed plant.yaml (lines of its keys, for located diffs); not part of equality.
    doc: YamlDocument | None = field(default=None, compare=False, repr=False)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class _Collector:
    def __init__(self, doc: YamlDocument, file: str) -> None:
        self.doc, self.file, self.findings = doc, file, list[Finding]()

    def add(self, rule: Rule, message: str, *keys: str) -> None:
        line = self.doc.line(*keys)
        self.findings.append(rule.finding(message).located(file=self.file, line=line))

    def text(self, data: Mapping[str, object], key: str, *where: str, required: bool) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(rules.PLANT_YAML_FIELD, f"missing required key {key!r}", *where)
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add(rules.PLANT_YAML_FIELD,
                     f"{key!r} must be a non-empty string (quote numbers such as versions), "
                     f"got {value!r}", *where, key)
            return ""
        return value


def read_plant_config(path: Path, file: str) -> tuple[PlantConfig | None, list[Finding]]:
    """Parse plant.yaml at ``path`` (reported as ``file``)."""
    doc, problem = load_yaml(path, file)
    if problem is not None:
        return None, [problem]
    assert doc is not None
    out = _Collector(doc, file)
    data = doc.data
    if not isinstance(data, dict):
        out.add(rules.PLANT_YAML_INVALID,
                f"plant.yaml must be a mapping of keys (id, name, time_zone, source_systems), "
                f"got {type(data).__name__}")
        return None, out.findings
    for key in sorted(set(map(str, data)) - _PLANT_KEYS):
        out.add(rules.PLANT_YAML_UNKNOWN_KEY, f"unknown key {key!r} in plant.yaml", key)
    plant_id = out.text(data, "id", required=True)
    if plant_id and not _PLANT_ID.match(plant_id):
        out.add(rules.PLANT_YAML_FIELD, f"plant id {plant_id!r} must be 1-32 letters, digits, "
                "'_' or '-'", "id")
        plant_id = ""
    if plant_id and path.parent.name != plant_id:
        out.add(rules.PLANT_ID_MISMATCH,
                f"plant id {plant_id!r} differs from its folder name {path.parent.name!r}", "id")
    name = out.text(data, "name", required=True)
    zone = out.text(data, "time_zone", required=True)
    if zone and not _valid_zone(zone):
        out.add(rules.BAD_TIME_ZONE, f"time_zone {zone!r} is not a valid IANA time zone "
                "(e.g. 'Europe/Berlin', 'America/Chicago')", "time_zone")
        zone = ""
    optional = {k: out.text(data, k, required=False)
                for k in ("version", "canonical_schema", "owner", "contact", "license")}
    systems = _systems(out, data.get("source_systems"))
    rounding = _rounding(out, data.get("rounding"))
    if not (plant_id and name and zone and systems):
        return None, out.findings
    config = PlantConfig(plant_id, name, zone, MappingProxyType(systems), **optional,
                         rounding=rounding, doc=doc)
    return config, out.findings


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _systems(out: _Collector, value: object) -> dict[str, SourceSystem]:
    if not isinstance(value, dict) or not value:
        out.add(rules.PLANT_YAML_FIELD, "source_systems must be a non-empty mapping of "
                "system name -> {kind: erp|mes|...}", "source_systems")
        return {}
    systems: dict[str, SourceSystem] = {}
    for name, spec in value.items():
        where = ("source_systems", str(name))
        if not isinstance(name, str) or not _SYSTEM_NAME.match(name):
            out.add(rules.PLANT_YAML_FIELD, f"source system name {name!r} must start with a "
                    "letter and use letters, digits and '_' (max 32)", *where)
            continue
        if not isinstance(spec, dict):
            out.add(rules.PLANT_YAML_FIELD, f"source system {name!r} must be a mapping", *where)
            continue
        system = _system(out, name, spec, where)
        if system is not None:
            systems[name] = system
    return systems


def _system(out: _Collector, name: str, spec: dict[object, object],
            where: tuple[str, ...]) -> SourceSystem | None:
    for key in sorted(set(map(str, spec)) - _SYSTEM_KEYS):
        out.add(rules.PLANT_YAML_UNKNOWN_KEY, f"unknown key {key!r} in source system {name!r}",
                *where, key)
    data = {str(k): v for k, v in spec.items()}
    kind = out.text(data, "kind", *where, required=True)
    if kind and kind not in SYSTEM_KINDS:
        out.add(rules.PLANT_YAML_FIELD, f"source system kind {kind!r} is not one of "
                f"{', '.join(SYSTEM_KINDS)}", *where, "kind")
        return None
    outbound = data.get("outbound", True)
    if not isinstance(outbound, bool):
        out.add(rules.PLANT_YAML_FIELD, f"outbound must be true or false, got {outbound!r}",
                *where, "outbound")
        return None
    separator = data.get("status_separator")
    if separator is not None and (not isinstance(separator, str) or not separator):
        out.add(rules.PLANT_YAML_FIELD, "status_separator must be a non-empty string",
                *where, "status_separator")
        return None
    normalisation = _normalisation(out, data.get("normalisation"), (*where, "normalisation"))
    if not kind or normalisation is None:
        return None
    description = data.get("description") or data.get("product") or ""
    return SourceSystem(name, kind, str(description), outbound, separator,
                        MappingProxyType(normalisation))


def _normalisation(out: _Collector, value: object,
                   where: tuple[str, ...]) -> dict[str, Normaliser] | None:
    if value is None:
        return {}
    if not isinstance(value, dict):
        out.add(rules.BAD_NORMALISATION, "normalisation must map a code kind (a table name, "
                "'default', 'operation_number'...) to {inbound: [...], outbound: [...]}", *where)
        return None
    result: dict[str, Normaliser] = {}
    ok = True
    for kind, spec in value.items():
        here = (*where, str(kind))
        if not isinstance(kind, str) or not _KIND_NAME.match(kind):
            out.add(rules.BAD_NORMALISATION, f"code kind {kind!r} must be a lower-case name",
                    *here)
            ok = False
            continue
        if not isinstance(spec, dict) or not set(map(str, spec)) <= {"inbound", "outbound"}:
            out.add(rules.BAD_NORMALISATION,
                    f"normalisation for {kind!r} must be {{inbound: [...], outbound: [...]}}",
                    *here)
            ok = False
            continue
        try:
            result[kind] = Normaliser(parse_steps(spec.get("inbound")),
                                      parse_steps(spec.get("outbound")))
        except ValueError as exc:
            out.add(rules.BAD_NORMALISATION, f"{kind}: {exc}", *here)
            ok = False
    return result if ok else None


def _rounding(out: _Collector, value: object) -> RoundingPolicy:
    """The ``rounding:`` section over the default policy (the default when absent or bad)."""
    if value is None:
        return DEFAULT_POLICY
    if not isinstance(value, dict):
        out.add(rules.PLANT_YAML_FIELD, "rounding must be a mapping {mode: half_even, places: "
                "{UNIT: N}, dimension_places: {dimension: N}}", "rounding")
        return DEFAULT_POLICY
    errors = sum(f.severity is Severity.ERROR for f in out.findings)
    for key in sorted(set(map(str, value)) - _ROUNDING_KEYS):
        out.add(rules.PLANT_YAML_UNKNOWN_KEY, f"unknown key {key!r} in rounding (known: "
                f"{', '.join(sorted(_ROUNDING_KEYS))})", "rounding", key)
    mode = DEFAULT_POLICY.mode
    if "mode" in value:
        found = ROUNDING_MODES.get(value["mode"]) if isinstance(value["mode"], str) else None
        if found is None:
            out.add(rules.ROUNDING_MODE, f"rounding mode {value['mode']!r} is not one of "
                    f"{', '.join(ROUNDING_MODES)}", "rounding", "mode")
        mode = found or mode
    places = _places(out, value.get("places"), "places", _unit_dimension)
    by_dimension = _places(out, value.get("dimension_places"), "dimension_places", _dimension)
    if sum(f.severity is Severity.ERROR for f in out.findings) > errors:
        return DEFAULT_POLICY
    return replace(DEFAULT_POLICY, mode=mode,
                   places=MappingProxyType({**DEFAULT_POLICY.places, **places}),
                   dimension_places=MappingProxyType(
                       {**DEFAULT_POLICY.dimension_places, **by_dimension}))


def _places(out: _Collector, value: object, key: str,
            dimension_of: Callable[[str], tuple[str | None, str]]) -> dict[str, int]:
    """``{name: places}`` of a places section; ``dimension_of`` says what a name measures."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        out.add(rules.PLANT_YAML_FIELD, f"rounding {key} must be a mapping of names to "
                "decimal places, e.g. {KGM: 3}", "rounding", key)
        return {}
    result: dict[str, int] = {}
    for name, places in value.items():
        here = ("rounding", key, str(name))
        dimension, problem = dimension_of(name) if isinstance(name, str) else (
            None, f"{name!r} is not a name")
        if dimension is None:
            out.add(rules.ROUNDING_UNIT, f"rounding {key}: {problem}", *here)
        elif type(places) is not int or not 0 <= places <= MAX_PLACES:
            out.add(rules.ROUNDING_PLACES, f"rounding {key}: {name} places must be a whole "
                    f"number from 0 to {MAX_PLACES}, got {places!r}", *here)
        elif places and dimension in DEFAULT_POLICY.whole_dimensions:
            out.add(rules.ROUNDING_PLACES, f"rounding {key}: {name} is a whole {dimension}; "
                    f"its places must be 0 (whole counts are never rounded), got {places}",
                    *here)
        else:
            result[name] = places
    return result


def _unit_dimension(code: str) -> tuple[str | None, str]:
    """The dimension of an active canonical unit code, else None and why not."""
    try:
        return lookup(code).dimension, ""
    except UnknownUnitError as exc:
        return None, exc.message


def _dimension(name: str) -> tuple[str | None, str]:
    known = dimensions()
    if name in known:
        return name, ""
    return None, f"unknown dimension {name!r} (known: {', '.join(known)})"


__all__ = ["ROUNDING_MODES", "SYSTEM_KINDS", "PlantConfig", "SourceSystem", "read_plant_config"]
