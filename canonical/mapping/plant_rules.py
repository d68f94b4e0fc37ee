"""Rule ids of plant governance (``MAP-300``..``MAP-405``): one id per change kind of the plant
diff, spec approval, invisible characters, and the plant release check.

Each change kind carries its default verdicts (``consumer``: readers of what the plant maps,
``producer``: the systems whose messages it maps) and the bump it demands when compatible; a
breaking or needs-review verdict always demands ``major`` (as in the schema diff). A kind's
verdicts can be sharper per change (a draft row removed breaks nobody); the diff says so.
"""

from __future__ import annotations

from canonical.changes.model import Bump, ChangeKind, Verdict
from canonical.report import Severity
from canonical.rules import Scope, rule

_M = Scope.MAPPING
_W = Severity.WARNING
_I = Severity.INFO
C, B, R = Verdict.COMPATIBLE, Verdict.BREAKING, Verdict.REVIEW


KINDS: dict[str, ChangeKind] = {}


def _kind(kind: str, rule_id: str, consumer: Verdict, producer: Verdict, bump: Bump,
          summary: str) -> ChangeKind:
    severity = _I if consumer is C and producer is C else _W
    spec = ChangeKind(kind, rule(rule_id, f"{kind}: {summary}", _M, severity), consumer,
                      producer, bump)
    KINDS[kind] = spec
    return spec


_MI, _P = Bump.MINOR, Bump.PATCH
# --------------------------------------------------------------------------- table rows
ROW_ADDED = _kind("row_added", "MAP-300", C, C, _MI, "a mapping row was added (patch if draft)")
ROW_REMOVED = _kind("row_removed", "MAP-301", C, B, _P,
                    "a live mapping row was removed: its code stops mapping (drafts: patch)")
ROW_CHANGED = _kind("row_changed", "MAP-302", R, R, _MI,
                    "a row's code, validity, direction, status or semantic column changed "
                    "(documentation columns: patch)")
# --------------------------------------------------------------------------- plant.yaml
PLANT_CHANGED = _kind("plant_changed", "MAP-310", C, C, _P,
                      "a descriptive plant.yaml field (name, owner, contact...) changed; "
                      "the plant id: needs review")
TIME_ZONE_CHANGED = _kind("time_zone_changed", "MAP-311", R, R, _MI,
                          "the plant time zone changed: every naive timestamp shifts")
ROUNDING_CHANGED = _kind("rounding_changed", "MAP-312", R, R, _MI,
                         "the plant rounding policy changed: quantities round anew")
SYSTEM_ADDED = _kind("system_added", "MAP-313", C, C, _MI, "a source system was declared")
SYSTEM_REMOVED = _kind("system_removed", "MAP-314", C, B, _MI,
                       "a source system was removed: its rows and specs stop mapping")
SYSTEM_CHANGED = _kind("system_changed", "MAP-315", R, R, _MI,
                       "a source system's kind, outbound flag or status separator changed")
NORMALISATION_CHANGED = _kind("normalisation_changed", "MAP-316", R, R, _MI,
                              "a source system's normalisation of a code kind changed")
# --------------------------------------------------------------------------- specs
SPEC_ADDED = _kind("spec_added", "MAP-320", C, C, _MI, "a mapping spec was added")
SPEC_REMOVED = _kind("spec_removed", "MAP-321", B, B, _MI,
                     "a mapping spec was removed: its messages stop mapping")
SPEC_RENAMED = _kind("spec_renamed", "MAP-322", C, C, _P,
                     "a spec file was renamed (same system, entity and direction)")
SPEC_HEADER_CHANGED = _kind("spec_header_changed", "MAP-323", B, B, _MI,
                            "a spec's system or entity changed")
SPEC_DIRECTION_CHANGED = _kind("spec_direction_changed", "MAP-324", B, B, _MI,
                               "a spec's direction (inbound/outbound) changed")
SPEC_FIELD_ADDED = _kind("spec_field_added", "MAP-325", C, C, _MI,
                         "a canonical field rule was added to a spec")
SPEC_FIELD_REMOVED = _kind("spec_field_removed", "MAP-326", B, B, _MI,
                           "a canonical field rule was removed from a spec")
SPEC_PATH_CHANGED = _kind("spec_path_changed", "MAP-327", B, B, _MI,
                          "a native path (path, each, at, when, quantity value) changed")
SPEC_VALUE_ADDED = _kind("spec_value_added", "MAP-328", C, C, _MI,
                         "a values-map entry was added (a new native code maps)")
SPEC_VALUE_REMOVED = _kind("spec_value_removed", "MAP-329", C, B, _MI,
                           "a values-map entry was removed (a native code stops mapping)")
SPEC_VALUE_CHANGED = _kind("spec_value_changed", "MAP-330", B, B, _MI,
                           "a values-map entry maps to another target (or targets were swapped)")
SPEC_TABLE_CHANGED = _kind("spec_table_changed", "MAP-331", R, R, _MI,
                           "the mapping table of a field changed")
SPEC_NORMALISE_CHANGED = _kind("spec_normalise_changed", "MAP-332", R, R, _MI,
                               "the normalisation of a field changed")
SPEC_AFFIX_CHANGED = _kind("spec_affix_changed", "MAP-333", B, B, _MI,
                           "a field's prefix or suffix changed")
SPEC_UNIT_CHANGED = _kind("spec_unit_changed", "MAP-334", B, B, _MI,
                          "a quantity's unit path, constant unit or base-unit conversion changed")
SPEC_FORMAT_CHANGED = _kind("spec_format_changed", "MAP-335", R, R, _MI,
                            "a format, time path, time format, offset or native type changed")
SPEC_ZONE_CHANGED = _kind("spec_zone_changed", "MAP-336", R, R, _MI,
                          "the time zone of a field's naive times changed")
SPEC_DECIMAL_COMMA_CHANGED = _kind("spec_decimal_comma_changed", "MAP-337", B, B, _MI,
                                   "decimal_comma changed: '21,250' reads as another amount")
SPEC_AS_OF_CHANGED = _kind("spec_as_of_changed", "MAP-338", R, R, _MI,
                           "the field whose date selects table rows (as_of) changed")
SPEC_IGNORE_ADDED = _kind("spec_ignore_added", "MAP-339", C, C, _MI,
                          "a native path is now ignored (known, not mapped)")
SPEC_IGNORE_REMOVED = _kind("spec_ignore_removed", "MAP-340", C, B, _MI,
                            "a native path is no longer ignored (an unknown field again)")
SPEC_UNKNOWN_FIELDS_CHANGED = _kind(
    "spec_unknown_fields_changed", "MAP-341", R, R, _MI,
    "the unknown-field policy changed (error: refused; ignore: dropped unseen)")
SPEC_CONSTANT_CHANGED = _kind("spec_constant_changed", "MAP-342", B, B, _MI,
                              "a canonical constant (value) or native constant changed")
SPEC_DEFAULT_CHANGED = _kind("spec_default_changed", "MAP-343", R, R, _MI,
                             "a default (the value when the native field is absent) changed")
SPEC_DROP_CHANGED = _kind("spec_drop_changed", "MAP-344", R, R, _MI,
                          "the canonical fields an outbound spec does not send (drop) changed")
SPEC_RULE_CHANGED = _kind("spec_rule_changed", "MAP-345", R, R, _MI,
                          "another part of a rule changed (kind of rule, flags, list items...)")
SPEC_DESCRIPTION_CHANGED = _kind("spec_description_changed", "MAP-346", C, C, _P,
                                 "a spec's description changed (documentation only)")
SPEC_APPROVAL_CHANGED = _kind("spec_approval_changed", "MAP-347", C, C, Bump.NONE,
                              "a spec's owner, approver, status or approval changed (governance "
                              "record only: no bump)")

# --------------------------------------------------------------------------- B2MML files
# (canonical.mapping.b2mmldiff: overrides b2mml/<version>/<family>.yaml, defaults b2mml.yaml)
B2MML_MAPPING_ADDED = _kind("override_mapping_added", "MAP-400", C, C, _MI,
                            "a B2MML mapping (field, word, key...) was added by a plant override "
                            "(a required field: breaks producers)")
B2MML_MAPPING_REMOVED = _kind("override_mapping_removed", "MAP-401", B, B, _MI,
                              "a B2MML mapping (field, word, amount key...) was removed: what it "
                              "read stops mapping")
B2MML_MAPPING_CHANGED = _kind("override_mapping_changed", "MAP-402", B, B, _MI,
                              "a B2MML mapping maps to another target (path, word, table, kind...)"
                              "; `what` only: patch")
B2MML_DEFAULT_ADDED = _kind("declared_default_added", "MAP-403", C, C, _MI,
                            "a B2MML default (b2mml.yaml: status, unit, amount key...) was declared")
B2MML_DEFAULT_REMOVED = _kind("declared_default_removed", "MAP-404", B, B, _MI,
                              "a B2MML default was removed: documents relying on it stop importing")
B2MML_DEFAULT_CHANGED = _kind("declared_default_changed", "MAP-405", B, B, _MI,
                              "a B2MML default supplies another value")

# --------------------------------------------------------------------------- checks
INVISIBLE_CHARACTER = rule(
    "MAP-360", "code contains an invisible character (zero-width, bidi control, no-break "
    "space)", _M)
CASE_CLASH = rule("MAP-361", "two table files whose names differ only in case", _M)
SPEC_UNAPPROVED = rule(
    "MAP-362", "spec or B2MML file has no approval (owner, approved_by, status)", _M, _W)
SPEC_CHANGED_SINCE_APPROVAL = rule(
    "MAP-363", "spec or B2MML file changed since its approval (fingerprint differs)", _M, _W)
SPEC_APPROVAL_FIELD = rule(
    "MAP-364", "spec or B2MML approval field invalid (status, approver, fingerprint, date)", _M)
SPEC_SELF_APPROVED = rule("MAP-365", "spec or B2MML file approved by its own owner "
                          "(no four-eyes review)", _M, _W)
SPEC_DRAFT = rule("MAP-366", "spec or B2MML file is a draft (not approved yet)", _M, _W)
APPROVAL_REFUSED = rule(
    "MAP-367", "approval refused (self-approval, no owner, unknown or broken spec, file or row)", _M)

# --------------------------------------------------------------------------- releases
RELEASE_BUMP = rule(
    "MAP-380", "plant changed but its version is not bumped as the diff requires", _M)
RELEASE_CHANGELOG = rule("MAP-381", "the plant CHANGELOG.md has no entry for its version", _M)
RELEASE_MODIFIED = rule(
    "MAP-382", "a released plant snapshot was modified, or a release would overwrite one", _M)
RELEASE_NONE = rule(
    "MAP-383", "no released snapshot of the plant yet: only the changelog is checked", _M, _I)
RELEASE_BACKWARDS = rule("MAP-384", "plant version is lower than the release it is checked "
                         "against", _M)
RELEASE_UNCHANGED = rule(
    "MAP-385", "plant version bumped although nothing changed", _M, _W)
RELEASE_VERSION = rule(
    "MAP-386", "plant version is missing or not MAJOR.MINOR.PATCH", _M)
RELEASE_NOT_FOUND = rule("MAP-387", "no release of the plant with that version", _M)
RELEASE_UNAPPROVED = rule(
    "MAP-388", "a spec or B2MML file to be released is a draft, unapproved or changed since "
    "approval", _M)
RELEASE_INVALID = rule("MAP-389", "a plant with error findings cannot be released", _M)
