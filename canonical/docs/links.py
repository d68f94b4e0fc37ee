"""Facts the schema does not state but the reference shows: which identifier fields name
another record, and which record rules apply to which entity.

Both tables are owned here, explicitly, and tests check them against the schema and the rule
catalogue: a reference to a field that does not exist, or a record rule whose prefix no
entity claims, fails the docs tests instead of silently dropping out of the site.
"""

from __future__ import annotations

from types import MappingProxyType

from canonical.docs.schema import SchemaDoc
from canonical.rules import Rule, Scope

#: (class, field) -> the entity whose id the field holds (references by identifier).
REFERENCES: MappingProxyType[tuple[str, str], str] = MappingProxyType({
    ("ProductionOrder", "material"): "Material",
    ("ComponentRequirement", "material"): "Material",
    ("Operation", "order"): "ProductionOrder",
    ("Operation", "resource"): "Resource",
    ("GenealogyLink", "parent_lot"): "Lot",
    ("GenealogyLink", "material"): "Material",
    ("Lot", "material"): "Material",
    ("Lot", "order"): "ProductionOrder",
    ("Resource", "parent"): "Resource",
    ("QualityResult", "order"): "ProductionOrder",
    ("QualityResult", "operation"): "Operation",
    ("QualityResult", "lot"): "Lot",
    ("InventoryTransaction", "material"): "Material",
    ("InventoryTransaction", "lot"): "Lot",
    ("InventoryTransaction", "order"): "ProductionOrder",
    ("InventoryTransaction", "operation"): "Operation",
    ("InventoryTransaction", "reversal_of"): "InventoryTransaction",
    # 1.1.0 (issue 17)
    ("LaborReport", "order"): "ProductionOrder",
    ("LaborReport", "operation"): "Operation",
    ("LaborReport", "resource"): "Resource",
    ("EquipmentStateChange", "resource"): "Resource",
    ("EquipmentStateChange", "order"): "ProductionOrder",
    ("Nonconformance", "material"): "Material",
    ("Nonconformance", "lots"): "Lot",
    ("Nonconformance", "order"): "ProductionOrder",
    ("Nonconformance", "operation"): "Operation",
    ("Nonconformance", "quality_results"): "QualityResult",
})

#: The patch classes (``<Entity>Patch``) of the 1.1.0 schema, whose rules are the PAT family.
PATCHES: tuple[str, ...] = (
    "ProductionOrderPatch", "OperationPatch", "MaterialPatch", "LotPatch", "ResourcePatch",
    "QualityResultPatch", "InventoryTransactionPatch", "LaborReportPatch",
    "EquipmentStateChangePatch", "NonconformancePatch",
)

#: rule id prefix -> the entities whose records the rule checks.
RULE_PREFIX_ENTITIES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "ORD": ("ProductionOrder",),
    "LOT": ("Lot",),
    "INV": ("InventoryTransaction",),
    "QUA": ("QualityResult",),
    "MAT": ("Material",),
    "RES": ("Resource",),
    "EVT": ("Event",),
    "OPR": ("Operation",),
    "LAB": ("LaborReport",),
    "EQS": ("EquipmentStateChange",),
    "NCR": ("Nonconformance", "NonconformancePatch"),
    "PAT": PATCHES,
})

#: individual rules checked across extracts that concern particular entities (batch suites);
#: the other batch rules are about an extract as a whole and appear in the catalogue only.
RULE_ID_ENTITIES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "BAT-001": ("Operation", "ProductionOrder"),
    "BAT-002": ("Lot",),
    "BAT-003": ("ProductionOrder", "InventoryTransaction"),
    "ORD-004": ("ProductionOrder", "ProductionOrderPatch"),  # checked on status-change patches
})

#: prefixes of rules that apply to every entity (structure, identity).
UNIVERSAL_PREFIXES: frozenset[str] = frozenset({"SCH", "ID"})

#: prefixes of rules that apply to every entity carrying a Quantity (directly or nested).
QUANTITY_PREFIXES: frozenset[str] = frozenset({"QTY"})

#: scopes whose rules are checked on records of an entity (single records or batches).
RECORD_SCOPES: frozenset[Scope] = frozenset({Scope.RECORD, Scope.BATCH})
#: scope whose every rule must be claimed by an entity (checked by the docs tests).
CLAIMED_SCOPE = Scope.RECORD


def prefix(rule_id: str) -> str:
    return rule_id.split("-", 1)[0]


def quantity_entities(schema: SchemaDoc) -> frozenset[str]:
    """Entities with a Quantity field, directly or inside a component class."""
    names = schema.class_names

    def has_quantity(name: str, seen: frozenset[str]) -> bool:
        for field in schema.cls(name).fields:
            for target in field.alternatives or (field.range,):
                if target == "Quantity":
                    return True
                if target in names and target not in seen and has_quantity(
                        target, seen | {target}):
                    return True
        return False

    return frozenset(c.name for c in schema.entities if has_quantity(c.name, frozenset({c.name})))


def entities_of_rule(rule: Rule, schema: SchemaDoc) -> tuple[str, ...]:
    """The entities a record or batch rule applies to (empty for other scopes)."""
    if rule.scope not in RECORD_SCOPES:
        return ()
    if rule.id in RULE_ID_ENTITIES:
        return RULE_ID_ENTITIES[rule.id]
    if rule.scope is not CLAIMED_SCOPE:
        return ()
    head = prefix(rule.id)
    if head in UNIVERSAL_PREFIXES:
        return tuple(c.name for c in schema.entities)
    if head in QUANTITY_PREFIXES:
        carrying = quantity_entities(schema)
        return tuple(c.name for c in schema.entities if c.name in carrying)
    return RULE_PREFIX_ENTITIES.get(head, ())


def rules_for(entity: str, rules: dict[str, Rule], schema: SchemaDoc) -> list[Rule]:
    """The record and batch rules that check ``entity``, in id order."""
    return [r for r in rules.values() if entity in entities_of_rule(r, schema)]


def unclaimed_record_rules(rules: dict[str, Rule], schema: SchemaDoc) -> list[str]:
    """Record rule ids that no entity page would show (a gap in the tables above)."""
    return [r.id for r in rules.values()
            if r.scope is CLAIMED_SCOPE and not entities_of_rule(r, schema)]
