"""How the diff treats each LinkML metamodel property it does not compare specifically.

* :data:`BOOKKEEPING`: filled in by SchemaView or irrelevant to payloads; never reported.
* :data:`DOCUMENTATION`: words for people; a change is ``description.changed`` (patch).
* :data:`POLICY`: properties that change no valid value or only the JSON shape, with the
  change kind they are reported as (``metadata.changed`` is a patch);
* anything else that is neither modelled by the diff nor listed here is ``needs_review``.

The versioning guide lists every entry of :data:`POLICY` (a test keeps them in step).
"""

from __future__ import annotations

from collections.abc import Mapping

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
    "range", "any_of", "exactly_one_of", "all_of", "none_of", "structured_pattern", "required",
    "multivalued", "identifier", "key",
    "pattern", "minimum_value", "maximum_value", "annotations.non_negative",
    "minimum_cardinality", "maximum_cardinality", "exact_cardinality", "unit",
    "annotations.dimension", "ifabsent", "deprecated",
})

CLASS_MODELLED: frozenset[str] = frozenset({"deprecated", "unique_keys"})
ENUM_MODELLED: frozenset[str] = frozenset({"deprecated"})
VALUE_MODELLED: frozenset[str] = frozenset({"meaning", "deprecated", "annotations.transitions_to"})
TYPE_MODELLED: frozenset[str] = frozenset({"pattern", "structured_pattern", "minimum_value",
                                            "maximum_value", "deprecated"})

#: property -> the kind its change is reported as (instead of ``needs_review``)
POLICY: Mapping[str, str] = {
    # what a value may be is unchanged: documentation-like, patch
    "readonly": "metadata.changed",  # free text about who may edit the value
    "conforms_to": "metadata.changed",  # a reference to a standard
    "implements": "metadata.changed",
    "instantiates": "metadata.changed",
    "id_prefixes": "metadata.changed",  # only while id_prefixes_are_closed is not set
    "uri": "metadata.changed",  # a type's RDF datatype; its values stay the same
    "repr": "metadata.changed",  # a type's representation in generated code
    "string_serialization": "metadata.changed",
    "imports": "metadata.changed",  # what the imports bring is diffed element by element
    # the same data serialises to another JSON shape: breaking both ways
    "inlined": "shape.changed",
    "inlined_as_list": "shape.changed",
}


def policy(key: str, *, closed: bool = False) -> str:
    """The kind a change of ``key`` is reported as; ``id_prefixes`` of a closed class needs review."""
    if key == "id_prefixes" and closed:
        return "needs_review"
    return POLICY.get(key, "needs_review")


def recased_annotations(old: Mapping[str, str], new: Mapping[str, str]) -> list[tuple[str, str]]:
    """Annotation keys renamed only in case with the same value (``Source`` -> ``source``)."""
    gone = {k.lower(): k for k in old if k.startswith("annotations.") and k not in new}
    pairs = []
    for key in sorted(k for k in new if k.startswith("annotations.") and k not in old):
        was = gone.get(key.lower())
        if was is not None and old[was] == new[key]:
            pairs.append((was, key))
    return pairs
