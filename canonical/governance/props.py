"""How the diff treats each LinkML metamodel property it does not compare specifically.

* :data:`BOOKKEEPING`: filled in by SchemaView or irrelevant to payloads; never reported.
* :data:`DOCUMENTATION`: words for people; a change is ``description.changed`` (patch).
* anything else that is neither modelled by the diff nor listed here is ``needs_review``.
"""

from __future__ import annotations

BOOKKEEPING: frozenset[str] = frozenset({
    "name", "text", "owner", "domain_of", "from_schema", "imported_from", "definition_uri",
    "alias", "is_usage_slot", "usage_slot_name", "is_a", "mixins", "source_file",
    # rename metadata: read by the rename tracker, not a change in itself
    "aliases", "structured_aliases", "annotations.renamed_from",
})

DOCUMENTATION: frozenset[str] = frozenset({
    "description", "title", "comments", "notes", "todos", "examples", "see_also", "in_subset",
    "rank", "alt_descriptions", "local_names", "status", "created_by", "contributors",
    "created_on", "last_updated_on", "modified_by", "keywords", "categories", "source",
    "in_language", "recommended", "slot_group", "mappings", "exact_mappings", "close_mappings",
    "related_mappings", "narrow_mappings", "broad_mappings", "license",
    "deprecated_element_has_exact_replacement", "deprecated_element_has_possible_replacement",
    "annotations.sunset", "annotations.removed_in", "annotations.added_in",
})

#: properties of a slot that the diff compares with a specific change kind
SLOT_MODELLED: frozenset[str] = frozenset({
    "range", "any_of", "exactly_one_of", "required", "multivalued", "identifier", "key",
    "pattern", "minimum_value", "maximum_value", "annotations.non_negative",
    "minimum_cardinality", "maximum_cardinality", "exact_cardinality", "unit",
    "annotations.dimension", "ifabsent", "deprecated",
})

CLASS_MODELLED: frozenset[str] = frozenset({"deprecated", "unique_keys"})
ENUM_MODELLED: frozenset[str] = frozenset({"deprecated"})
VALUE_MODELLED: frozenset[str] = frozenset({"meaning", "deprecated", "annotations.transitions_to"})
TYPE_MODELLED: frozenset[str] = frozenset({"pattern", "minimum_value", "maximum_value",
                                            "deprecated"})
