"""Rule ids of the B2MML interchange (B2M-xxx).

B2M-00x: the input is not a (safe, supported) B2MML document at all; the CLI exits 2.
B2M-1xx: the document is B2MML but something in it cannot be mapped; findings, exit 1.
B2M-2xx: the writer cannot express a canonical record in B2MML.
"""

from __future__ import annotations

from canonical.report import Severity
from canonical.rules import Scope, rule

NOT_XML = rule("B2M-001", "The input is not well-formed XML.", Scope.B2MML)
DTD_REFUSED = rule(
    "B2M-002", "The document has a DOCTYPE (DTD, entity declarations); B2MML never needs one, "
    "so it is refused (no entity expansion, no external fetch).", Scope.B2MML)
TOO_LARGE = rule("B2M-003", "The document is larger or nested deeper than the reader allows.",
                 Scope.B2MML)
NOT_B2MML = rule("B2M-004", "The root element is not in a B2MML namespace (V0401, V0600, v7).",
                 Scope.B2MML)
UNSUPPORTED_DOCUMENT = rule(
    "B2M-005", "The B2MML document type is not one the reader maps (or not in this version).",
    Scope.B2MML)

UNKNOWN_ELEMENT = rule("B2M-101", "An element that the B2MML version does not define here.",
                       Scope.B2MML)
MISSING_ID = rule("B2M-102", "A required identifier (ID, material, lot, equipment) is missing or empty.",
                  Scope.B2MML)
BAD_VALUE = rule("B2M-103", "A value cannot be read: not a decimal, date-time, date or integer.",
                 Scope.B2MML)
MISSING_UNIT = rule("B2M-104", "A quantity has an empty or missing UnitOfMeasure.", Scope.B2MML)
UNMAPPED_UNIT = rule(
    "B2M-105", "A UnitOfMeasure is not a canonical UN/ECE Rec 20 code and no plant mapping "
    "translates it.", Scope.B2MML)
UNMAPPED_STATUS = rule(
    "B2M-106", "A state or status word has no canonical meaning in this B2MML version and no "
    "plant mapping translates it.", Scope.B2MML)
MISSING_FIELD = rule("B2M-107", "The document lacks an element the canonical record requires.",
                     Scope.B2MML)
AMBIGUOUS = rule("B2M-108", "The document gives two different values for one canonical field.",
                 Scope.B2MML)
UNMAPPED_LEVEL = rule(
    "B2M-109", "An equipment level (or the OtherValue of Other) that neither the plant's "
    "equipment_levels table nor the shipped default maps to a resource kind.", Scope.B2MML)
# B2M-110 (the mapped record does not satisfy the canonical model) is retired: it was never
# emitted (model failures are reported under their SCH-xxx ids); the id is never reused.
ASSUMED_STATE = rule(
    "B2M-111", "B2MML equipment carries no availability state; the resource is imported as "
    "available.", Scope.B2MML, Severity.WARNING)
TRIMMED_ID = rule("B2M-112", "An identifier had leading or trailing spaces; they were removed.",
                  Scope.B2MML, Severity.INFO)

NOT_WRITABLE = rule("B2M-201", "The canonical record cannot be expressed in the B2MML document.",
                    Scope.B2MML)
UNSUPPORTED_EXPORT = rule(
    "B2M-202", "The writer has no B2MML document for this entity or version.", Scope.B2MML)
PRECISION_DROPPED = rule(
    "B2M-113", "A time stamp had digits below the microsecond; they were dropped.", Scope.B2MML,
    Severity.INFO)
IGNORED_USE = rule(
    "B2M-114", "A material actual whose use (sample, carrier, ...) is no inventory movement; "
    "not imported.", Scope.B2MML, Severity.INFO)
NOT_PRODUCTION = rule(
    "B2M-115", "An operations request or response whose OperationsType is not Production.",
    Scope.B2MML)
DROPPED_FIELD = rule(
    "B2M-203", "A canonical field that the B2MML document cannot carry; it is not written.",
    Scope.B2MML, Severity.WARNING)

# B2M-3xx: documents from the field (issue 15): plant defaults, partial documents, accounting.
PLANT_DEFAULT = rule(
    "B2M-301", "The document omits a value the plant supplies (the site of --plant, a default "
    "declared in the plant's files); the finding names the default used.", Scope.B2MML,
    Severity.INFO)
SKIPPED = rule(
    "B2M-302", "An element that cannot become part of a canonical record was skipped (for the "
    "reason reported at or below it); its parent and siblings were still imported.",
    Scope.B2MML, Severity.WARNING)
QUANTITY_KEY = rule(
    "B2M-303", "An element has several Quantity elements and no Key (or declared rule) says "
    "which one is the canonical quantity; quantities are never chosen by position.",
    Scope.B2MML)
NOT_CARRIED = rule(
    "B2M-304", "An element the canonical model does not carry (declared in the B2MML mapping "
    "and documented); reported with its path so nothing is dropped unseen.", Scope.B2MML,
    Severity.INFO)
BAD_DEFAULTS = rule(
    "B2M-305", "A plant's b2mml.yaml (defaults for B2MML documents) is not valid: unknown key "
    "or a value that is no canonical code.", Scope.B2MML)
UNACCOUNTED = rule(
    "B2M-306", "An element with a value that no mapping uses and that is not declared as not "
    "carried: its value would be dropped unseen.", Scope.B2MML)

# B2M-40x: B2MML specs (issue 15 item 5, branch b2-engine): the declarative mapping of each
# version and family (canonical/b2mml/specs/) and a plant's overrides (mappings/<PLANT>/b2mml/).
SPEC_UNREADABLE = rule(
    "B2M-400", "A B2MML spec file cannot be read: not UTF-8 YAML, or not a mapping at the top.",
    Scope.B2MML)
SPEC_KEY = rule(
    "B2M-401", "A B2MML spec uses a key the spec format does not define, or a value of the wrong "
    "type (a list where a name is expected).", Scope.B2MML)
SPEC_FIELD = rule(
    "B2M-402", "A B2MML spec maps a field that the canonical entity does not have, or names an "
    "entity the model does not define.", Scope.B2MML)
SPEC_KIND = rule(
    "B2M-403", "A B2MML spec field has no value step (kind) the format defines, or lacks what "
    "its kind needs (a path, a property or an inherited field).", Scope.B2MML)
SPEC_ELEMENT = rule(
    "B2M-404", "A B2MML spec names an element that its B2MML version does not define.",
    Scope.B2MML)
SPEC_OVERRIDE = rule(
    "B2M-405", "A plant's B2MML spec override names a version, family or record kind that the "
    "standard mapping does not have, or a spec file sits outside <version>/<family>.yaml.",
    Scope.B2MML)

# B2M-45x: imports the project's own validation accepts, and the plant of a document
# (issue 15, branch b2-pipe).
SITE_MISMATCH = rule(
    "B2M-450", "The document's Site (HierarchyScope or Location) is not the plant given with "
    "--plant: that plant's tables would translate another plant's codes, so the record is not "
    "imported.", Scope.B2MML)
