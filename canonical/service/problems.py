"""RFC 9457 problem details: every error response of the service, as ``application/problem+json``.

A problem's ``type`` is the docs page of the rule that refused the request; a 422 lists every
finding with its own rule id, severity, native and canonical path, message and ``type``. No
problem ever carries a stack trace: an unexpected failure is a 500 with SVC-012 and the
correlation id that finds the log line.
"""

from __future__ import annotations

from http import HTTPStatus

from pydantic import BaseModel, Field

from canonical import docsite
from canonical.errors import ServiceProblem
from canonical.report import Finding

MEDIA_TYPE = "application/problem+json"

class ProblemFinding(BaseModel):
    """One finding of a rejected message."""

    rule_id: str = Field(description="Stable rule id, e.g. ENG-101 or ORD-002.")
    severity: str = Field(description="error, warning or info.")
    message: str
    native_path: str | None = Field(None, description="JSON path into the native payload, when known.")
    canonical_path: str | None = Field(None, description="JSON path into the canonical object, when known.")
    value: str | None = Field(None, description="The offending value, as text.")
    type: str = Field(description="URL of the rule's documentation page.")
    cause_rule_id: str | None = Field(
        None, description="For a mapped object that breaks a model rule (ENG-120): that rule, e.g. ORD-001.")


class Problem(BaseModel):
    """RFC 9457 problem details, extended with the correlation id and the findings."""

    type: str = Field(description="URL of the documentation page of the rule that refused the request.")
    title: str
    status: int
    detail: str
    instance: str | None = Field(None, description="The request path.")
    rule_id: str
    correlation_id: str | None = None
    dead_letter: str | None = Field(None, description="Id of the dead letter keeping a rejected message.")
    findings: list[ProblemFinding] = Field(default_factory=list)


def rule_url(rule_id: str, *, base_url: str, docs_url: str) -> str:
    """The docs page of a rule: the published site's rule catalogue, or the service's own page."""
    if docs_url:
        return docsite.rule_url(rule_id, base=docs_url)
    return f"{base_url.rstrip('/')}/v1/rules/{rule_id}"


def problem_finding(finding: Finding, *, native: bool, base_url: str, docs_url: str) -> ProblemFinding:
    """A finding located in a native payload (``native=True``) or in a canonical record."""
    return ProblemFinding(
        rule_id=finding.rule_id, severity=finding.severity.value, message=finding.message,
        native_path=finding.path if native else None,
        canonical_path=finding.canonical_path if native else finding.path,
        value=finding.value, type=rule_url(finding.rule_id, base_url=base_url, docs_url=docs_url),
        cause_rule_id=finding.cause_rule_id,
    )


def problem_of(error: ServiceProblem, *, instance: str, correlation_id: str | None,
               base_url: str, docs_url: str) -> Problem:
    """The problem document of a refused request."""
    return Problem(
        type=rule_url(error.rule_id, base_url=base_url, docs_url=docs_url),
        title=HTTPStatus(error.status).phrase, status=error.status, detail=error.message,
        instance=instance, rule_id=error.rule_id, correlation_id=correlation_id,
        findings=[problem_finding(f, native=not error.canonical_paths, base_url=base_url, docs_url=docs_url)
                  for f in error.findings],
    )
