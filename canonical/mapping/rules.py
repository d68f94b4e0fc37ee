"""Rule ids of the mapping-table subsystem (``MAP-xxx``).

Ranges: ``MAP-001``..``MAP-099`` loading and governance of plant folders (this package),
``MAP-100``..``MAP-199`` lookups and coverage, ``MAP-200`` and above are reserved for the
mapping engine (:mod:`canonical.engine`). Ids are stable; a retired id is never reused.
"""

from __future__ import annotations

from canonical.report import Severity
from canonical.rules import Scope, rule

_M = Scope.MAPPING
_W = Severity.WARNING
_I = Severity.INFO

# --------------------------------------------------------------------------- folder and files
PLANT_NOT_FOUND = rule("MAP-001", "no plant folder at the given path or shipped plant id", _M)
UNKNOWN_TABLE = rule("MAP-002", "unknown mapping table name", _M)
UNKNOWN_SYSTEM = rule("MAP-003", "source system not declared in plant.yaml", _M)
UNREADABLE = rule("MAP-010", "file cannot be read (missing, a directory, no permission)", _M)
NOT_UTF8 = rule("MAP-011", "file is not UTF-8 text", _M)
BOM = rule("MAP-012", "file starts with a byte order mark (BOM)", _M, _W)
CRLF = rule("MAP-013", "file uses Windows (CRLF) line endings", _M, _W)
TOO_LARGE = rule("MAP-014", "file exceeds the size guard and was not read", _M)
MISSING_HEADER = rule("MAP-015", "CSV has no header line", _M)
MISSING_COLUMN = rule("MAP-016", "required column missing from the header", _M)
UNKNOWN_COLUMN = rule("MAP-017", "unknown column (plant-specific columns must start with x_)", _M)
DUPLICATE_COLUMN = rule("MAP-018", "column named twice in the header", _M)
RAGGED_ROW = rule("MAP-019", "row has a different number of fields than the header", _M)
BAD_CSV = rule("MAP-020", "malformed CSV (unclosed or stray quote)", _M)
TABLE_ABSENT = rule("MAP-021", "table file absent; every lookup in it is unmapped", _M, _I)

# --------------------------------------------------------------------------- plant.yaml
PLANT_YAML_INVALID = rule("MAP-030", "plant.yaml is not valid YAML or not a mapping", _M)
PLANT_YAML_FIELD = rule("MAP-031", "plant.yaml field missing or of the wrong type", _M)
BAD_TIME_ZONE = rule("MAP-032", "plant time zone is not a valid IANA time zone", _M)
PLANT_YAML_UNKNOWN_KEY = rule("MAP-033", "unknown key in plant.yaml", _M, _W)
BAD_NORMALISATION = rule("MAP-034", "invalid normalisation rule in plant.yaml", _M)
PLANT_ID_MISMATCH = rule("MAP-035", "plant id differs from the folder name", _M, _W)
ROUNDING_UNIT = rule(
    "MAP-036", "rounding names an unknown or retired unit code or an unknown dimension", _M
)
ROUNDING_PLACES = rule(
    "MAP-037", "rounding places must be a whole number from 0 to 12 (0 for whole counts)", _M
)
ROUNDING_MODE = rule("MAP-038", "unknown rounding mode in plant.yaml", _M)

# --------------------------------------------------------------------------- rows
EMPTY_VALUE = rule("MAP-040", "required value is empty", _M)
WHITESPACE = rule("MAP-041", "code has leading/trailing whitespace or control characters", _M)
BAD_DATE = rule("MAP-042", "malformed date (expected YYYY-MM-DD)", _M)
DATES_REVERSED = rule("MAP-043", "valid_to is before valid_from", _M)
BAD_STATUS = rule("MAP-044", "status must be draft, approved or deprecated", _M)
NOT_APPROVED_BY = rule("MAP-045", "approved row without approved_by", _M)
SELF_APPROVED = rule("MAP-046", "row approved by its own owner (no four-eyes review)", _M, _W)
BAD_EXTRA_VALUE = rule("MAP-047", "invalid value in a table-specific column", _M)

# --------------------------------------------------------------------------- across rows
DUPLICATE_ROW = rule("MAP-050", "duplicate row", _M)
OVERLAP = rule("MAP-051", "two rows for the same source code with overlapping validity", _M)
NOT_CANONICAL = rule("MAP-052", "canonical_code is not a valid canonical value", _M)
REVERSE_AMBIGUOUS = rule(
    "MAP-053", "two source codes map to the same canonical code in the same period (outbound)", _M
)
DRAFT_REFERENCED = rule("MAP-054", "approved row references a code defined only by drafts", _M)
UNKNOWN_REFERENCE = rule("MAP-055", "reference to a code the referenced table does not define", _M)
INCONSISTENT = rule("MAP-056", "same canonical code declared with different attributes", _M)
PRECEDENCE_TIE = rule(
    "MAP-058", "two status flags with equal precedence resolve to different canonical values", _M
)

# --------------------------------------------------------------------------- lookups, coverage
UNMAPPED = rule("MAP-101", "no approved mapping for a source code on the given date", _M)
DEPRECATED_USED = rule("MAP-102", "a deprecated mapping row was used", _M, _W)
UNMAPPED_IN_DATA = rule("MAP-110", "code found in extracted data has no approved mapping", _M)
BAD_EXTRACT = rule("MAP-111", "extract file cannot be read or lacks the declared column", _M)
