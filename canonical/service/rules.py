"""Rule ids of the integration service (``SVC-xxx``): what an HTTP request can get wrong.

Every error response of the service is an RFC 9457 problem whose ``type`` is the page of one
of these rules (or of the IO-xxx reading rule that refused the body, or of each finding's own
rule for a 422). Ids are stable; a retired id is never reused.
"""

from __future__ import annotations

from canonical.rules import Scope, rule

_S = Scope.SERVICE

REJECTED = rule("SVC-001", "the message was read but cannot be mapped or is not valid (422: every finding listed)", _S)
MEDIA_TYPE = rule("SVC-002", "the request body is not application/json (415)", _S)
UNAUTHENTICATED = rule("SVC-003", "no bearer token, or a token the service does not know (401)", _S)
FORBIDDEN_PLANT = rule("SVC-004", "the token is not scoped to this plant (403)", _S)
NOT_FOUND = rule("SVC-005", "no such plant, entity, table, code, dead letter or route (404)", _S)
IDEMPOTENCY_CONFLICT = rule("SVC-006", "an Idempotency-Key reused with a different request (409)", _S)
BAD_PARAMETER = rule("SVC-007", "a query parameter or header is missing or malformed (400)", _S)
BODY_SHAPE = rule("SVC-008", "the body is JSON but not one JSON object of the expected shape (400)", _S)
ALREADY_REPLAYED = rule("SVC-009", "the dead letter was already replayed successfully (409)", _S)
METHOD = rule("SVC-010", "the route does not accept this HTTP method (405)", _S)
NOT_READY = rule("SVC-011", "the service cannot serve yet: plants not loaded or storage unreachable (503)", _S)
INTERNAL = rule("SVC-012", "the service failed unexpectedly; the correlation id finds the log line (500)", _S)
