"""Rule ids of change reports and waivers (schema and mapping governance share them)."""

from __future__ import annotations

from canonical.report import Severity
from canonical.rules import Scope, rule

WAIVER_FILE = rule(
    "GOV-060", "waiver file is not YAML or an entry lacks id, reason, approver, date or expires",
    Scope.SCHEMA,
)
WAIVER_EXPIRED = rule(
    "GOV-062", "a waiver has expired (date passed or version reached); its change is not waived",
    Scope.SCHEMA, Severity.WARNING,
)
WAIVER_UNUSED = rule(
    "GOV-063", "a waiver matches no change in the diff (stale: remove it)",
    Scope.SCHEMA, Severity.WARNING,
)
