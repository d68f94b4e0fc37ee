"""Generate the batch suites from the LinkML schema (and the unit table), or check for drift.

``python -m canonical.validation.batch.generate`` writes ``validators/canonical/*.json``;
``python -m canonical.validation.batch.generate --check`` fails on any difference (what the
drift test runs). The extract layout (see ``docs/guides/batch-validation.md``):

- a scalar slot is one column of the same name;
- a single-valued object slot ``q`` (a Quantity, a Specification) is flattened into columns
  ``q_<sub>``: ``quantity_value`` (decimal string) and ``quantity_unit``;
- a multivalued object slot is a child extract ``<Entity><Slot>`` (``LotGenealogy``) whose
  rows carry the parent's key (``lot``; ``order`` + ``sequence`` for an operation);
- multivalued scalars (``Lot.serial_numbers``) and slots whose range is an entity
  (``ProductionOrder.operations``: the ``Operation`` extract) are not columns.

linkml is imported here only, lazily (the ``[schema]`` extra); the run time never needs it.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from canonical.errors import SchemaLoadError
from canonical.files.atomic import ensure_folder, write_atomic
from canonical.resources import data_file
from canonical.validation import rules as r
from canonical.validation.batch import rules as b
from canonical.validation.batch.suite import (
    SUITE_FOLDER,
    Check,
    Column,
    Expectation,
    Storage,
    Suite,
)

if TYPE_CHECKING:  # pragma: no cover
    from linkml_runtime.utils.schemaview import SchemaView

#: The canonical entities that have an extract (``Event`` is an envelope, not an extract).
ENTITIES = (
    "ProductionOrder", "Operation", "Material", "Lot", "Resource", "QualityResult",
    "InventoryTransaction",
    "LaborReport", "EquipmentStateChange", "Nonconformance",  # 1.1.0 (issue 17)
)
#: Columns a child extract uses to name its parent record.
PARENT_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "ProductionOrder": (("order", "id"),),
    "Operation": (("order", "order"), ("sequence", "sequence")),
    "Material": (("material", "id"),),
    "Lot": (("lot", "id"),),
    "Resource": (("resource", "id"),),
    "QualityResult": (("quality_result", "id"),),
    "InventoryTransaction": (("transaction", "id"),),
    "LaborReport": (("labor_report", "id"),),
    "EquipmentStateChange": (("state_change", "id"),),
    "Nonconformance": (("nonconformance", "id"),),
}
#: Slots that the schema leaves optional but an extract needs (documented in the schema:
#: "required when the operation travels on its own").
EXTRACT_REQUIRED: dict[str, frozenset[str]] = {"Operation": frozenset({"order"})}

#: RFC 3339 date-time with a mandatory offset (Z or +hh:mm); seconds and fraction optional.
TIMESTAMP_PATTERN = (
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]"
    r"(:[0-5][0-9](\.[0-9]{1,9})?)?([Zz]|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$"
)
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
#: A decimal string with a minus sign that is not a negative zero ("-0.000" is zero).
NEGATIVE_PATTERN = r"^-(?!0+(\.0+)?$)"

SCHEMA_NAME = "schemas/canonical.yaml"
GENERATOR = "python -m canonical.validation.batch.generate"


@dataclass(frozen=True, slots=True)
class _Spec:
    """A column with what the generator knows about its slot."""

    column: Column
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    unique: bool = False
    non_negative: bool = False
    dimension: str | None = None


@dataclass(frozen=True, slots=True)
class Units:
    """The active unit codes, all and by dimension (read from canonical.units at build time)."""

    by_dimension: dict[str, tuple[str, ...]]

    @property
    def codes(self) -> list[str]:
        return sorted(c for codes in self.by_dimension.values() for c in codes)

    def outside(self, dimension: str) -> list[str]:
        return sorted(c for d, codes in self.by_dimension.items() if d != dimension for c in codes)

    @property
    def sha256(self) -> str:
        text = "\n".join(f"{d}:{','.join(c)}" for d, c in sorted(self.by_dimension.items()))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @classmethod
    def current(cls) -> Units:
        from canonical.units import active_units

        grouped: dict[str, list[str]] = {}
        for unit in active_units():
            grouped.setdefault(unit.dimension, []).append(unit.code)
        return cls({d: tuple(sorted(c)) for d, c in sorted(grouped.items())})


def _view(schema_path: Path) -> SchemaView:
    from linkml_runtime.utils.schemaview import SchemaView

    try:
        return SchemaView(str(schema_path))
    except Exception as exc:  # linkml raises many types; wrap them where they enter
        raise SchemaLoadError(f"cannot load LinkML schema: {exc}", source=str(schema_path)) from exc


def _annotations(element: object) -> dict[str, str]:
    from canonical.schema.pydantic_gen import annotations_of

    return annotations_of(element)


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


class _Builder:
    """Walks the schema once; one instance per build."""

    def __init__(self, view: SchemaView, units: Units) -> None:
        self.view = view
        self.units = units
        self.types = set(view.all_types())
        self.enums = set(view.all_enums())
        self.classes = set(view.all_classes())

    def scalar(self, name: str, slot: Any, required: bool, unique: bool = False,
               note: dict[str, str] | None = None) -> _Spec:
        rng = slot.range or "string"
        desc = " ".join((slot.description or "").split())
        if rng in self.enums:
            values = tuple(str(v) for v in self.view.get_enum(rng).permissible_values)
            return _Spec(Column(name, Storage.STRING, "enum", required, desc), enum=values)
        ancestors = self.view.type_ancestors(rng) if rng in self.types else [rng]
        base = ancestors[-1]
        pattern = next((self.view.get_type(t).pattern for t in ancestors
                        if t in self.types and self.view.get_type(t).pattern), None)
        if base == "integer":
            return _Spec(Column(name, Storage.INTEGER, "integer", required, desc),
                         minimum=_int(slot.minimum_value), maximum=_int(slot.maximum_value),
                         unique=unique)
        if base == "boolean":
            return _Spec(Column(name, Storage.BOOLEAN, "boolean", required, desc))
        # the type's own pattern is the contract (issue 13: one definition); the fallbacks are
        # for a bare datetime/date range that has none
        if base == "datetime":
            return _Spec(Column(name, Storage.STRING, "timestamp", required, desc),
                         pattern=pattern or TIMESTAMP_PATTERN)
        if base == "date":
            return _Spec(Column(name, Storage.STRING, "date", required, desc),
                         pattern=pattern or DATE_PATTERN)
        if base != "string":
            raise SchemaLoadError(f"slot {name}: range {rng} has no batch column kind",
                                  source=SCHEMA_NAME)
        kind = {"DecimalValue": "decimal", "UnitCode": "unit", "Identifier": "identifier",
                "Text": "text"}.get(ancestors[0], "string")
        note = note or {}
        return _Spec(Column(name, Storage.STRING, kind, required, desc), pattern=pattern,
                     unique=unique, non_negative=note.get("non_negative") == "true",
                     dimension=note.get("dimension"))

    def columns(self, cls: str, prefix: str = "", required: bool = True,
                note: dict[str, str] | None = None) -> Iterator[_Spec]:
        for slot_name in self.view.class_slots(cls):
            slot = self.view.induced_slot(slot_name, cls)
            name = prefix + slot_name
            needed = required and (bool(slot.required)
                                   or slot_name in EXTRACT_REQUIRED.get(cls, ()))
            if slot.multivalued or slot.any_of:
                continue  # child extracts or entity extracts, not columns
            rng = slot.range or "string"
            if rng in self.classes:
                sub_note = _annotations(slot)
                yield from self.columns(rng, f"{name}_", needed, sub_note)
                continue
            yield self.scalar(name, slot, needed, unique=bool(slot.identifier) and not prefix,
                              note=note if prefix else None)

    def children(self, entity: str) -> Iterator[tuple[str, str, str]]:
        """(extract name, slot, range class) of every multivalued object slot of an entity."""
        for slot_name in self.view.class_slots(entity):
            slot = self.view.induced_slot(slot_name, entity)
            rng = slot.range or ""
            if slot.multivalued and rng in self.classes and rng not in ENTITIES:
                yield entity + _camel(slot_name), slot_name, rng

    def key_specs(self, entity: str) -> list[_Spec]:
        specs = []
        for column, slot_name in PARENT_KEYS[entity]:
            slot = self.view.induced_slot(slot_name, entity)
            spec = self.scalar(column, slot, True)
            specs.append(_Spec(spec.column, pattern=spec.pattern, minimum=spec.minimum,
                               maximum=spec.maximum))
        return specs


def non_capturing(pattern: str) -> str:
    """``(a|b)`` -> ``(?:a|b)``: same language, and pandas does not warn about match groups."""
    return re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


def _int(value: object) -> int | None:
    return None if value is None else int(str(value))


def _rx(pattern: str | None) -> str:
    return non_capturing(pattern or "")


def _expectations(specs: list[_Spec], entity: str, units: Units) -> Iterator[Expectation]:
    for spec in specs:
        col = spec.column
        name = col.name
        if col.required:
            yield Expectation("expect_column_values_to_not_be_null", {"column": name},
                              r.SCH_REQUIRED.id)
        if col.kind == "decimal":
            yield Expectation("expect_column_values_to_match_regex",
                              {"column": name, "regex": _rx(spec.pattern)}, r.SCH_DECIMAL.id)
            if spec.non_negative:
                yield Expectation("expect_column_values_to_not_match_regex",
                                  {"column": name, "regex": _rx(NEGATIVE_PATTERN)},
                                  r.QTY_NEGATIVE.id)
        elif col.kind == "unit":
            yield Expectation("expect_column_values_to_be_in_set",
                              {"column": name, "value_set": units.codes}, r.QTY_UNIT.id)
            if spec.dimension:
                yield Expectation("expect_column_values_to_not_be_in_set",
                                  {"column": name, "value_set": units.outside(spec.dimension)},
                                  r.QTY_DIMENSION.id)
        elif col.kind in ("timestamp", "date"):
            yield Expectation("expect_column_values_to_match_regex",
                              {"column": name, "regex": _rx(spec.pattern)}, r.SCH_TIMESTAMP.id)
        elif col.kind == "enum":
            yield Expectation("expect_column_values_to_be_in_set",
                              {"column": name, "value_set": list(spec.enum)}, r.SCH_ENUM.id)
        elif col.kind == "integer" and (spec.minimum is not None or spec.maximum is not None):
            kwargs: dict[str, Any] = {"column": name}
            if spec.minimum is not None:
                kwargs["min_value"] = spec.minimum
            if spec.maximum is not None:
                kwargs["max_value"] = spec.maximum
            yield Expectation("expect_column_values_to_be_between", kwargs, r.SCH_RANGE.id)
        elif spec.pattern:
            yield Expectation("expect_column_values_to_match_regex",
                              {"column": name, "regex": _rx(spec.pattern)}, r.SCH_PATTERN.id)
        if spec.unique:
            rule = r.INV_DUPLICATE_ID if entity == "InventoryTransaction" else r.ID_DUPLICATE
            yield Expectation("expect_column_values_to_be_unique", {"column": name}, rule.id)


#: Checks Great Expectations cannot express, per extract (data; run by crossrow.py).
def _checks(extract: str, parent: str | None) -> tuple[Check, ...]:
    fixed: dict[str, tuple[Check, ...]] = {
        "InventoryTransaction": (
            Check("reversal_references", r.INV_REVERSAL_MATERIAL.id,
                  ("id", "material", "reversal_of")),
            Check("receipts_within_ordered", b.RECEIPTS_OVER_ORDERED.id,
                  ("order", "type", "quantity_value", "quantity_unit"), "ProductionOrder",
                  ("id", "ordered_quantity_value", "ordered_quantity_unit",
                   "overdelivery_tolerance")),
        ),
        "Operation": (
            Check("unique_together", r.ORD_SEQUENCE.id, ("order", "sequence")),
            Check("reference_exists", b.OPERATION_ORDER.id, ("order",), "ProductionOrder",
                  ("id",)),
        ),
        "ProductionOrder": (
            Check("within_tolerance", r.ORD_OVERDELIVERY.id,
                  ("ordered_quantity_value", "ordered_quantity_unit", "produced_quantity_value",
                   "produced_quantity_unit", "scrapped_quantity_value", "scrapped_quantity_unit",
                   "overdelivery_tolerance")),
        ),
        "EquipmentStateChange": (
            Check("no_overlap", r.EQS_OVERLAP.id, ("resource", "start", "end")),
        ),
        "LotGenealogy": (
            Check("not_equal", r.LOT_SELF.id, ("lot", "parent_lot")),
            Check("reference_exists", r.LOT_PARENT_EXISTS.id, ("parent_lot",), "Lot", ("id",)),
        ),
    }
    found = list(fixed.get(extract, ()))
    if parent is not None:
        keys = PARENT_KEYS[parent]
        found.insert(0, Check("reference_exists", b.CHILD_PARENT.id, tuple(k for k, _ in keys),
                              parent, tuple(s for _, s in keys)))
    return tuple(found)


def suites(schema_path: Path | None = None, units: Units | None = None) -> list[Suite]:
    """Every suite the current schema and unit table produce, in extract-name order."""
    schema_path = schema_path or data_file("schemas", "canonical.yaml")
    text = schema_path.read_text(encoding="utf-8")
    units = units or Units.current()
    view = _view(schema_path)
    builder = _Builder(view, units)
    header = {
        "generated": f"DO NOT EDIT: generated by `{GENERATOR}` from {SCHEMA_NAME} "
                     "and the canonical unit table",
        "source_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "units_sha256": units.sha256,
        "schema_version": str(view.schema.version),
    }
    found: list[Suite] = []
    for entity in ENTITIES:
        specs = list(builder.columns(entity))
        found.append(_suite(entity, entity, specs, _checks(entity, None), header, units))
        for extract, slot, rng in builder.children(entity):
            keys = builder.key_specs(entity)
            child = list(builder.columns(rng))
            clash = {s.column.name for s in keys} & {s.column.name for s in child}
            if clash:
                raise SchemaLoadError(f"{extract}: key column(s) {sorted(clash)} clash with "
                                      f"slots of {rng} ({entity}.{slot})", source=SCHEMA_NAME)
            found.append(_suite(extract, entity, keys + child, _checks(extract, entity),
                                header, units))
    return sorted(found, key=lambda s: s.extract)


def _suite(extract: str, entity: str, specs: list[_Spec], checks: tuple[Check, ...],
           header: dict[str, str], units: Units) -> Suite:
    return Suite(
        name=f"canonical.{extract}",
        extract=extract,
        columns=tuple(s.column for s in specs),
        expectations=tuple(_expectations(specs, entity, units)),
        checks=checks,
        header=dict(header),
    )


def target_dir(root: Path | None = None) -> Path:
    return (root / "validators" if root else data_file("validators")) / SUITE_FOLDER


def build(root: Path | None = None, schema_path: Path | None = None) -> list[Path]:
    """Write every suite (and remove suites of extracts that no longer exist)."""
    folder = target_dir(root)
    ensure_folder(folder)
    written = []
    wanted = suites(schema_path)
    names = {f"{s.extract}.json" for s in wanted}
    for stale in folder.glob("*.json"):
        if stale.name not in names:
            stale.unlink()
    for suite in wanted:
        path = folder / f"{suite.extract}.json"
        write_atomic(path, suite.to_json())
        written.append(path)
    return written


def check(root: Path | None = None, schema_path: Path | None = None) -> list[str]:
    """Unified diffs of every committed suite that differs from a fresh build (empty = OK)."""
    folder = target_dir(root)
    problems: list[str] = []
    wanted = suites(schema_path)
    names = {f"{s.extract}.json" for s in wanted}
    problems.extend(f"{p}: not generated by the current schema (stale suite)"
                    for p in sorted(folder.glob("*.json")) if p.name not in names)
    for suite in wanted:
        path = folder / f"{suite.extract}.json"
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        content = suite.to_json()
        if current != content:
            diff = difflib.unified_diff(current.splitlines(keepends=True),
                                        content.splitlines(keepends=True),
                                        fromfile=f"{path} (committed)",
                                        tofile=f"{path} (generated)", n=1)
            problems.append("".join(list(diff)[:40]) or f"{path}: missing")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--check"]:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    for path in build():
        print(re.sub(r"^.*/validators/", "validators/", str(path)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
