"""Rule ids of record validation (types and business rules) and of collections of records."""

from __future__ import annotations

from canonical.report import Severity
from canonical.rules import Scope, rule

R = Scope.RECORD
W = Severity.WARNING

# --- structure (from the generated models) -------------------------------------------
SCH_REQUIRED = rule("SCH-001", "A required field is missing.", R)
SCH_TYPE = rule("SCH-002", "A field has the wrong JSON type (e.g. a number where a string is expected).", R)
SCH_UNKNOWN_FIELD = rule("SCH-003", "A field the canonical model does not define (closed content model).", R)
SCH_PATTERN = rule("SCH-004", "A string does not match its type's pattern (identifier, unit code, decimal).", R)
SCH_TIMESTAMP = rule("SCH-005", "A timestamp is not ISO 8601 or has no time zone offset.", R)
SCH_ENUM = rule("SCH-006", "A value is not one of the enumeration's permissible values.", R)
SCH_DECIMAL = rule("SCH-007", "A decimal is not an exact decimal string (JSON number, NaN, Infinity, '1.234,5').", R)
SCH_RANGE = rule("SCH-008", "A number is outside its allowed minimum / maximum.", R)
SCH_OTHER = rule("SCH-009", "Any other structural problem reported by the model.", R)
SCH_ENTITY = rule("SCH-010", "The entity name is not part of the canonical model.", R)
SCH_NOT_OBJECT = rule("SCH-011", "A record is not a JSON object.", R)
SCH_MISMATCH = rule("SCH-012", "An object is validated as an entity other than its own class.", R)

# --- quantities -------------------------------------------------------------------------
QTY_NEGATIVE = rule("QTY-001", "Quantities are non-negative; the sign is carried by the transaction type.", R)
QTY_DIMENSION = rule("QTY-002", "A quantity's unit has the dimension its field requires (e.g. a duration in a time unit).", R)
QTY_UNIT = rule("QTY-003", "A quantity's unit is an active canonical (UN/ECE Rec 20) unit code.", R)

# --- production orders ----------------------------------------------------------------
ORD_DATES = rule("ORD-001", "Scheduled (and actual) end is not before start.", R)
ORD_SEQUENCE = rule("ORD-002", "Operation sequence numbers are unique and ascending.", R)
ORD_OVERDELIVERY = rule("ORD-003", "Produced plus scrapped quantity is not above the ordered quantity beyond the order's overdelivery tolerance.", R)
ORD_TRANSITION = rule("ORD-004", "An order status change follows the allowed transitions of OrderStatus.", R)
ORD_COMPONENT_OP = rule("ORD-005", "A component's operation_sequence names an operation of the order.", R)
ORD_CONFIRMATION_IDS = rule("ORD-006", "Confirmation ids are unique within an order.", R)
ORD_OPERATION_ORDER = rule("ORD-007", "An operation nested in an order names no other order.", R)
OPR_ORDER = rule("OPR-001", "An operation travelling on its own (extract, event payload) names its order.", R)

# --- materials --------------------------------------------------------------------------
MAT_FACTOR = rule("MAT-001", "An alternative unit's numerator and denominator are greater than zero.", R)
MAT_DUPLICATE_UNIT = rule("MAT-002", "An alternative unit is declared once and differs from the base unit.", R)

# --- lots -------------------------------------------------------------------------------
LOT_SELF = rule("LOT-001", "A lot's genealogy does not name the lot itself as a parent.", R)
LOT_CYCLE = rule("LOT-002", "Lot genealogy has no cycles across lots.", R)
LOT_DATES = rule("LOT-003", "Expiry date is not before the manufacture date.", R)
LOT_SERIALS = rule("LOT-004", "Serial numbers are unique within a lot.", R)
LOT_PARENT_EXISTS = rule("LOT-005", "A genealogy parent lot exists in the same extract.", R, W)

# --- resources --------------------------------------------------------------------------
RES_PARENT = rule("RES-001", "A resource is not its own parent and a site has no parent.", R)
RES_PARENT_EXISTS = rule("RES-002", "A resource's parent exists in the same extract.", R, W)
# issue 15 (b2-field): checked only when the extract carries the parent
RES_LEVEL = rule("RES-010", "A resource's parent (in the same extract) is a level above it and not a tool or labour pool.", R)
RES_PLANT = rule("RES-011", "A resource and its parent (in the same extract) belong to the same plant.", R)

# --- quality ----------------------------------------------------------------------------
QUA_VERDICT = rule("QUA-001", "The verdict is consistent with the specification limits and the measured value.", R)
QUA_LIMITS = rule("QUA-002", "The specification's lower limit is not above its upper limit.", R)
QUA_NC_CODE = rule("QUA-003", "A failed or conditional result names a nonconformance code.", R, W)
QUA_SUBJECT = rule("QUA-004", "A result references an order, a lot or both; an operation only with its order.", R)

# --- inventory --------------------------------------------------------------------------
INV_REVERSAL_MATERIAL = rule("INV-001", "A reversal references an existing transaction of the same material.", R)
INV_REVERSAL_REF = rule("INV-002", "A reversal names reversal_of; other types do not.", R)
INV_LOCATIONS = rule("INV-003", "From/to locations match the transaction type.", R)
INV_DUPLICATE_ID = rule("INV-004", "Transaction ids are unique (the id is the idempotency key).", R)
INV_SCRAP_REASON = rule("INV-005", "A scrap transaction names a reason code.", R)

# --- events and collections -------------------------------------------------------------
EVT_PAYLOAD = rule("EVT-001", "The payload is the entity named by payload_type.", R)
EVT_TIMES = rule("EVT-002", "recorded_at is not before occurred_at.", R)
EVT_VERSION = rule("EVT-003", "The payload's schema major version is the one this library speaks.", R)
ID_DUPLICATE = rule("ID-001", "Record ids are unique within one extract.", R)

# --- 1.1.0 (issue 17): labour, equipment states, nonconformance, patches -----------------
LAB_WHO = rule("LAB-001", "A labour report names exactly one of a person or a crew (identifiers, never names); crew_size only with a crew.", R)
LAB_TIME = rule("LAB-002", "A labour report gives its time: start and end, or a duration.", R)
LAB_TIMES = rule("LAB-003", "A labour report's end is not before its start, and a duration given with both equals end minus start.", R)
LAB_SUBJECT = rule("LAB-004", "Setup, run and teardown name an order; indirect labour names a reason code; an operation only with its order.", R)
EQS_TIMES = rule("EQS-001", "An equipment state interval's end is not before its start.", R)
EQS_REASON = rule("EQS-002", "A resource going down or into maintenance names a reason code.", R, W)
EQS_OVERLAP = rule("EQS-003", "State intervals of one resource do not overlap (an open interval lasts until the next change).", R)
NCR_TRANSITION = rule("NCR-001", "A nonconformance status change follows the allowed transitions of NonconformanceStatus.", R)
NCR_DISPOSITION = rule("NCR-002", "A dispositioned or closed nonconformance names its disposition.", R)
NCR_SUBJECT = rule("NCR-003", "A nonconformance's operation comes with its order.", R)
NCR_LINKS = rule("NCR-004", "Lots and quality results are each listed once on a nonconformance.", R)
PAT_EMPTY = rule("PAT-001", "A patch changes at least one field besides its key.", R)
PAT_REMOVE_REQUIRED = rule("PAT-002", "A patch does not remove (null) a field its entity requires.", R)
PAT_PREVIOUS = rule("PAT-003", "A patch's previous_status comes with the status it changes to.", R)
PAT_TARGET = rule("PAT-004", "A patch applies to the record it names (same key, same previous status) and leaves it valid.", R)
