"""Rule ids of the mapping engine (``ENG-xxx``).

Ranges: ``ENG-001``..``ENG-099`` mapping specs (a spec file that is malformed or does not fit
the plant or the canonical model); ``ENG-100``..``ENG-199`` payloads (what is wrong with one
native payload or canonical object being mapped); ``ENG-200``..``ENG-299`` the engine itself
and the dialect features of specs (branch i14). Ids are stable; a retired id is never reused.
"""

from __future__ import annotations

from canonical.report import Severity
from canonical.rules import Scope, rule

_E = Scope.ENGINE
_W = Severity.WARNING

# --------------------------------------------------------------------------- specs
SPEC_UNREADABLE = rule("ENG-001", "spec file cannot be read or is not a YAML mapping", _E)
SPEC_HEADER = rule("ENG-002", "spec header (system, entity, direction) missing or invalid", _E)
SPEC_SYSTEM = rule("ENG-003", "spec names a source system the plant does not declare", _E)
SPEC_ENTITY = rule("ENG-004", "spec names an unknown canonical entity", _E)
SPEC_FIELD = rule("ENG-005", "spec maps an unknown canonical field", _E)
SPEC_TABLE = rule("ENG-006", "spec names an unknown mapping table", _E)
SPEC_PATH = rule("ENG-007", "malformed native path in a spec", _E)
SPEC_RULE = rule("ENG-008", "invalid field rule (unknown key, conflicting or missing keys)", _E)
SPEC_REQUIRED = rule("ENG-009", "required canonical field has no rule (no path, value or default)", _E)
SPEC_DUPLICATE = rule("ENG-010", "two specs for the same system, entity and direction", _E)
SPEC_VALUES = rule("ENG-011", "values map is not reversible or names a non-canonical value", _E)
SPEC_FORMAT = rule("ENG-012", "invalid date/time format or time zone in a spec", _E)
SPEC_KIND = rule("ENG-013", "rule kind does not fit the canonical field's type", _E)
SPEC_CONSTANT = rule("ENG-014", "constant or default is not a valid value of the canonical field", _E)
SPEC_UNKNOWN_KEY = rule("ENG-015", "unknown key in a spec", _E)
SPEC_CLASH = rule("ENG-016", "two rules write the same native path", _E)
SPEC_REFERENCE = rule("ENG-017", "to_base_unit names a field that is not a mapped material", _E)
SPEC_OUTBOUND = rule("ENG-018", "outbound spec for a system declared outbound: false", _E, _W)

# --------------------------------------------------------------------------- payloads
NOT_OBJECT = rule("ENG-100", "payload is not a JSON object", _E)
MISSING = rule("ENG-101", "required source field is missing or empty", _E)
WRONG_TYPE = rule("ENG-102", "source value has the wrong JSON type", _E)
UNKNOWN_FIELD = rule("ENG-103", "source field not declared by the spec (nothing passes silently)", _E)
UNMAPPED = rule("ENG-104", "code has no approved mapping in the plant table on the date", _E)
STATUS_FLAGS = rule("ENG-105", "status flags do not resolve to one canonical status", _E)
BAD_DECIMAL = rule("ENG-106", "not an exact decimal (comma decimal, exponent, float, NaN)", _E)
BAD_INTEGER = rule("ENG-107", "not a whole number", _E)
BAD_TIME = rule("ENG-108", "date or time not in the declared format", _E)
NAIVE_TIME = rule("ENG-109", "time without offset where one is required, or not a real local time", _E)
UNIT_CONVERSION = rule("ENG-110", "quantity cannot be converted to the material's base unit", _E)
DUPLICATE_ITEM = rule("ENG-111", "duplicated list item (same key twice)", _E)
CONSTANT_MISMATCH = rule("ENG-112", "value differs from the constant the spec declares", _E)
NOT_IN_VALUES = rule("ENG-113", "value not in the spec's values map", _E)
INVALID_RESULT = rule("ENG-120", "mapped canonical object fails canonical validation", _E)
RESULT_WARNING = rule("ENG-121", "mapped canonical object has a validation warning", _E, _W)
NO_PLACE = rule("ENG-130", "canonical field has no place in the target payload (not mapped, not dropped)", _E)
NO_REVERSE = rule("ENG-131", "canonical code has no approved outbound mapping for the target", _E)
UNMATCHED_ITEM = rule("ENG-132", "list item matches no item rule of the spec", _E)
NO_SPEC = rule("ENG-140", "no mapping spec for this system, entity and direction", _E)
DEPRECATED_ROW = rule("ENG-141", "a deprecated mapping row was used", _E, _W)

# --------------------------------------------------------------------------- engine (i14)
# ENG-200 (Plant.to_canonical before the engine was installed) is retired with
# Plant.to_canonical itself; the id is never reused.
REGISTRY_BROKEN = rule("ENG-201", "a registry entry (CLI command, rule module, demo section) does not import", _E)
AMBIGUOUS_TIME = rule("ENG-202", "local time happens twice (autumn DST change) and the spec's dst policy is refuse", _E)
AMBIGUOUS_TIME_READ = rule("ENG-203", "ambiguous local time read as its later occurrence (dst: later); dst: earlier is LEX-006", _E, _W)
SPEC_DST = rule("ENG-204", "dst policy of a spec or rule is not earlier, later or refuse", _E)
SPEC_ANCHOR = rule("ENG-205", "a '^.' path goes above the document root, or '$.'/'^.' is used where only a plain path fits", _E)
SPEC_DIALECT = rule("ENG-206", "a dialect key of a spec (number, part, censored, convert, shared, generate, match) is malformed or does not fit its rule", _E)

# --------------------------------------------------------------------------- patches (i17)
PATCH_REMOVAL = rule("PAT-005", "a patch removes a field (null), which the native payload cannot express", _E)
