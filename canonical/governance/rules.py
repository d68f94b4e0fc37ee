"""Rule ids of schema governance: loading, one id per change kind, release checks, migrations.

Each change kind also carries its default verdicts: ``consumer`` (old readers reading new
data) and ``producer`` (old writers read by new readers), given the closed content model
(a field the schema does not define is rejected), and the bump it demands when it is *not*
breaking under the selected mode (a breaking change always demands ``major``).
"""

from __future__ import annotations

import canonical.changes.rules  # noqa: F401  (waiver rules GOV-060..063 join the catalogue)
from canonical.changes.model import Bump, ChangeKind, Verdict
from canonical.report import Severity
from canonical.rules import Scope, rule

_S = Scope.SCHEMA

# --------------------------------------------------------------------------- loading
UNREADABLE = rule("GOV-001", "schema source cannot be read or is not YAML", _S)
NOT_LINKML = rule("GOV-002", "schema is not a valid LinkML schema", _S)
UNRESOLVED_IMPORT = rule("GOV-003", "schema import cannot be resolved", _S)
CYCLIC = rule("GOV-004", "cyclic inheritance (is_a / mixins / typeof)", _S)
NO_VERSION = rule("GOV-005", "schema has no semantic `version` (MAJOR.MINOR.PATCH)", _S)
NO_SOURCE = rule("GOV-006", "release version or git revision/path does not exist", _S)

# --------------------------------------------------------------------------- migrations
MIGRATION = rule("GOV-050", "no registered migration path, or a payload it cannot upgrade", _S)

# --------------------------------------------------------------------------- release checks
RELEASE_BUMP = rule(
    "GOV-090", "schema changed but its version is not bumped as the diff requires", _S
)
RELEASE_CHANGELOG = rule("GOV-091", "CHANGELOG.md has no entry for the schema version", _S)
RELEASE_MODIFIED = rule(
    "GOV-092", "a released schema snapshot was modified (snapshots are immutable)", _S
)
RELEASE_NONE = rule(
    "GOV-093", "no released snapshot yet: only the changelog entry is checked", _S, Severity.INFO
)
RELEASE_BACKWARDS = rule("GOV-094", "schema version is lower than the latest release", _S)
RELEASE_UNCHANGED = rule(
    "GOV-095", "schema version bumped although nothing changed since the release", _S,
    Severity.WARNING,
)

C, B, R = Verdict.COMPATIBLE, Verdict.BREAKING, Verdict.REVIEW


KINDS: dict[str, ChangeKind] = {}


def _kind(kind: str, rule_id: str, consumer: Verdict, producer: Verdict, bump: Bump,
          summary: str) -> ChangeKind:
    sev = Severity.INFO if consumer is C and producer is C else Severity.WARNING
    verdicts = f" (consumers: {consumer.value}; producers: {producer.value})"
    spec = ChangeKind(kind, rule(rule_id, f"{kind}: {summary}{verdicts}", _S, sev),
                      consumer, producer, bump)
    KINDS[kind] = spec
    return spec


_M, _P = Bump.MINOR, Bump.PATCH
_kind("class.added", "GOV-010", C, C, _M, "a class was added")
_kind("class.removed", "GOV-011", C, B, _M, "a class was removed")
_kind("class.renamed", "GOV-012", C, C, _M,
      "a class was renamed (tracked by aliases, class_uri or renamed_from); payloads keep their "
      "shape, generated model names change")
_kind("slot.added.optional", "GOV-020", B, C, _M,
      "an optional slot was added (closed model: old readers reject the new field)")
_kind("slot.added.required", "GOV-021", B, B, _M, "a required slot without default was added")
_kind("slot.added.required_default", "GOV-022", B, C, _M,
      "a required slot with an ifabsent default was added")
_kind("slot.removed.optional", "GOV-023", C, B, _M,
      "an optional slot was removed (closed model: new readers reject the old field)")
_kind("slot.removed.required", "GOV-024", B, B, _M, "a required slot was removed")
_kind("slot.renamed", "GOV-025", B, B, _M, "a slot was renamed: the field name on the wire changes")
_kind("range.widened", "GOV-030", B, C, _M, "a slot range accepts more values")
_kind("range.narrowed", "GOV-031", C, B, _M, "a slot range accepts fewer values")
_kind("range.incompatible", "GOV-032", B, B, _M, "a slot range changed to an unrelated range")
_kind("required.relaxed", "GOV-033", B, C, _M, "a required slot became optional")
_kind("required.added", "GOV-034", C, B, _M, "an optional slot became required")
_kind("multivalued.changed", "GOV-035", B, B, _M,
      "a slot changed between single value and list")
_kind("enum.value_added", "GOV-040", B, C, _M, "an enum permissible value was added")
_kind("enum.value_removed", "GOV-041", C, B, _M, "an enum permissible value was removed")
_kind("enum.meaning_changed", "GOV-042", B, B, _M,
      "an enum value's meaning changed: same token, different semantics")
_kind("enum.added", "GOV-043", C, C, _M, "an enum was added")
_kind("enum.removed", "GOV-044", C, C, _M,
      "an enum was removed (slots that used it report their own range change)")
_kind("type.added", "GOV-045", C, C, _M, "a type was added")
_kind("type.removed", "GOV-046", C, C, _M,
      "a type was removed (slots that used it report their own range change)")
_kind("transitions.loosened", "GOV-047", B, C, _M, "a state transition was allowed")
_kind("transitions.tightened", "GOV-048", C, B, _M, "a state transition was forbidden")
_kind("pattern.tightened", "GOV-070", C, B, _M, "a pattern accepts fewer strings (or was added)")
_kind("pattern.loosened", "GOV-071", B, C, _M, "a pattern accepts more strings (or was removed)")
_kind("pattern.changed", "GOV-072", R, R, _M,
      "a pattern changed in a way the diff cannot order; review it")
_kind("bounds.tightened", "GOV-073", C, B, _M,
      "minimum/maximum value (or non_negative) tightened or added")
_kind("bounds.loosened", "GOV-074", B, C, _M,
      "minimum/maximum value (or non_negative) loosened or removed")
_kind("length.tightened", "GOV-075", C, B, _M,
      "a cardinality (list length) bound tightened or added")
_kind("length.loosened", "GOV-076", B, C, _M,
      "a cardinality (list length) bound loosened or removed")
_kind("unit.changed", "GOV-080", B, B, _M,
      "the unit or dimension of a quantity slot changed: same numbers, different amounts")
_kind("identifier.changed", "GOV-081", B, B, _M, "a class's identifier, key or unique keys changed")
_kind("default.changed", "GOV-082", B, B, _M,
      "a default (ifabsent) changed: an absent value now means something else")
_kind("deprecation.added", "GOV-083", C, C, _M, "an element was deprecated")
_kind("deprecated.removed", "GOV-084", C, B, _M,
      "a deprecated element was removed at or after its declared sunset (verdicts as for the "
      "underlying removal)")
_kind("deprecated.removed_early", "GOV-085", C, B, _M,
      "a deprecated element was removed before its declared sunset (verdicts as for the "
      "underlying removal)")
_kind("description.changed", "GOV-086", C, C, _P,
      "documentation only (description, comments, examples, mappings...)")
_kind("needs_review", "GOV-087", R, R, _M,
      "a change the diff does not model; a person must review (and waive) it")

# --------------------------------------------------------------------------- i19: diff at scale
IMPORT_RESOLVED = rule(
    "GOV-100", "where an import of a diffed schema was read from (mapped, local, installed "
    "linkml-runtime or URL)", _S, Severity.INFO,
)
_kind("slot.added.unused", "GOV-101", C, C, _M,
      "a top-level slot no class uses was added (a new property of the vocabulary)")
_kind("slot.removed.unused", "GOV-102", C, B, _M,
      "a top-level slot no class uses was removed (data or queries naming the property fail)")
_kind("prefix.added", "GOV-103", C, C, _M, "a prefix was declared")
_kind("prefix.removed", "GOV-104", C, B, _M,
      "a prefix was removed: CURIEs of old data using it no longer expand")
_kind("prefix.changed", "GOV-105", B, B, _M,
      "a prefix expands to another IRI: the same CURIE now names something else")
_kind("prefix.renamed", "GOV-106", B, B, _M,
      "a prefix was renamed (same expansion): CURIEs written with one name fail with the other")
_kind("ancestor.added", "GOV-107", B, C, _M,
      "a class or slot gained an ancestor (is_a/mixins): it is now accepted where the ancestor is")
_kind("ancestor.removed", "GOV-108", C, B, _M,
      "a class or slot lost an ancestor (is_a/mixins) while its fields may stay: it is no longer "
      "accepted where the ancestor is")
_kind("type_designator.changed", "GOV-109", B, B, _M,
      "the value a designates_type slot carries for a class changed (class renamed, class_uri "
      "changed): every payload's type value changes")
_kind("expression.tightened", "GOV-110", C, B, _M,
      "an any_of/all_of/none_of member changed so that fewer values are accepted")
_kind("expression.loosened", "GOV-111", B, C, _M,
      "an any_of/all_of/none_of member changed so that more values are accepted")
_kind("expression.changed", "GOV-112", R, R, _M,
      "a boolean expression (any_of/all_of/exactly_one_of/none_of) changed in a way the diff "
      "cannot order; review it")
_kind("metadata.changed", "GOV-113", C, C, _P,
      "a property that does not change which values are valid (policy table in the versioning "
      "guide: readonly, conforms_to, open id_prefixes, a type's uri, imports, an annotation "
      "key's case...)")
_kind("shape.changed", "GOV-114", B, B, _M,
      "how a value is serialised changed (inlined, inlined_as_list): same data, other JSON shape")
