"""Rule ids that only batch suites need.

Batch suites reuse the record-validation ids (``SCH-001`` required, ``QTY-003`` unit code,
``INV-004`` duplicate transaction id, ...) wherever a finding means the same thing, so a
problem reads the same in single-record and batch validation. The ids here are for
meanings that exist only across extracts or for whole files.
"""

from __future__ import annotations

from canonical.report import Severity
from canonical.rules import Scope, rule

B = Scope.BATCH

OPERATION_ORDER = rule(
    "BAT-001",
    "An operation in an Operation extract references an order of the ProductionOrder extract.",
    B,
)
CHILD_PARENT = rule(
    "BAT-002",
    "A child-extract row (e.g. LotGenealogy) references an existing record of its parent "
    "extract (Lot).",
    B,
)
RECEIPTS_OVER_ORDERED = rule(
    "BAT-003",
    "Goods receipts posted against an order do not exceed its ordered quantity beyond the "
    "order's overdelivery tolerance.",
    B,
)
CHECK_SKIPPED = rule(
    "BAT-004", "A cross-extract check was skipped because the related extract was not given.",
    B, Severity.INFO,
)
EMPTY_EXTRACT = rule("BAT-005", "The extract has no rows.", B, Severity.WARNING)
TOO_LARGE = rule(
    "BAT-006", "The extract file is larger than the size limit of the pandas engine.", B
)
UNREADABLE = rule("BAT-007", "The extract file cannot be read as CSV, JSON Lines or Parquet.", B)
UNSUPPORTED_TYPE = rule(
    "BAT-008", "A column's storage type cannot hold its canonical values (e.g. a list column).", B
)
NOT_EVALUATED = rule(
    "BAT-009", "An expectation could not be evaluated on the extract (engine error).", B
)
