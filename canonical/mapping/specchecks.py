"""Governance checks of a plant's spec files: approval and invisible characters in codes.

The approval check is the one concept of approval: :func:`approval_findings` also judges a
B2MML file through its record in ``b2mml-approvals.yaml``
(:class:`~canonical.mapping.b2mmlapprovals.B2mmlApproval`, same rules).

Run by :func:`~canonical.mapping.checks.check_plant` (``canon mappings check``) beside the
engine's own spec checks (does the spec fit the plant and the model). A spec is governed as
a table row is: it has an ``owner``, a ``status`` and, once approved, ``approved_by`` (not
the owner) and the ``approved_fingerprint`` of the content that was approved:

* no approval metadata (MAP-362) or a draft (MAP-366): a warning, so ``--strict`` fails;
* content changed since the approval (MAP-363): a warning located at the fingerprint's line,
  so ``--strict`` fails until a steward reviews the diff and approves again;
* approved by its owner (MAP-365): a warning, as for rows (MAP-046);
* an invalid status, a missing approver or fingerprint, a bad date (MAP-364): an error;
* a native code of a values map with an invisible character (MAP-360): an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from canonical.mapping import plant_rules as rules
from canonical.mapping.invisible import invisible_problem
from canonical.mapping.specdocs import (
    FINGERPRINT_PREFIX,
    SPEC_STATUSES,
    Approvable,
    SpecDocument,
)
from canonical.report import Finding, Severity
from canonical.rules import Rule

_FINGERPRINT = re.compile(rf"^{FINGERPRINT_PREFIX}[0-9a-f]{{64}}$")
APPROVE_HINT = "canon mappings approve {plant} {option} {name} --by NAME"


def _at(doc: Approvable, rule: Rule, message: str, key: str | None = None,
        severity: Severity | None = None) -> Finding:
    keys = (key,) if key else ()
    return rule.finding(message, path="$" + (f".{key}" if key else ""),
                        severity=severity).located(file=doc.file, line=doc.line(*keys))


def approval_findings(doc: Approvable, *, plant: str = "PLANT",
                      release: bool = False) -> Iterator[Finding]:
    """What is wrong with the approval of one spec or B2MML file (``release``: every gap is
    an error); ``doc.noun`` names it in messages."""
    severity = Severity.ERROR if release else None
    hint = APPROVE_HINT.format(plant=plant, option=doc.option, name=doc.name)
    noun = doc.noun
    owner, status = doc.approval("owner"), doc.approval("status")
    approver, recorded = doc.approval("approved_by"), doc.approval("approved_fingerprint")
    if not owner and not status:
        yield _at(doc, rules.SPEC_UNAPPROVED, f"{noun} has no owner and no status; add 'owner:'"
                  f"{doc.owner_at} and have a steward approve it ({hint})", severity=severity)
        return
    if not owner:
        yield _at(doc, rules.SPEC_APPROVAL_FIELD, f"{noun} has a status but no owner", "status")
    if not status:
        yield _at(doc, rules.SPEC_UNAPPROVED, f"{noun} owned by {owner!r} is not approved yet; "
                  f"a steward approves it with {hint}", "owner", severity)
        return
    if status not in SPEC_STATUSES:
        yield _at(doc, rules.SPEC_APPROVAL_FIELD, f"{noun}: status {status!r} must be one of "
                  f"{', '.join(SPEC_STATUSES)}", "status")
        return
    if status == "draft":
        yield _at(doc, rules.SPEC_DRAFT, f"{noun} is a draft; a steward approves it with {hint}",
                  "status", severity)
        return
    if not approver:
        yield _at(doc, rules.SPEC_APPROVAL_FIELD, f"{status} {noun} has no approved_by",
                  "status")
    elif approver == owner:
        yield _at(doc, rules.SPEC_SELF_APPROVED, f"{noun}: approved_by {approver!r} is also its "
                  "owner (four eyes: another steward approves)", "approved_by", severity)
    when = doc.data.get("approved_on")
    if when is not None and not isinstance(when, date) and not _iso_date(when):
        yield _at(doc, rules.SPEC_APPROVAL_FIELD, f"{noun}: approved_on {when!r} is not a date "
                  "YYYY-MM-DD", "approved_on")
    if not _FINGERPRINT.match(recorded):
        yield _at(doc, rules.SPEC_APPROVAL_FIELD, f"{status} {noun} has no valid "
                  f"approved_fingerprint ({FINGERPRINT_PREFIX}<64 hex digits>); approve it with "
                  f"{hint}", "approved_fingerprint" if recorded else "status")
    elif recorded != doc.fingerprint:
        yield _at(doc, rules.SPEC_CHANGED_SINCE_APPROVAL, f"{noun} content changed since "
                  f"{approver or 'its approver'} approved it (fingerprint {recorded[7:19]}..., "
                  f"now {doc.fingerprint[7:19]}...); review the change (canon mappings diff) "
                  f"and approve it again ({hint})", "approved_fingerprint", severity)


def _iso_date(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def code_findings(doc: SpecDocument) -> Iterator[Finding]:
    """MAP-360 for every native code of a values map holding an invisible character."""
    yield from _walk(doc, doc.content, ())


def _walk(doc: SpecDocument, node: object, keys: tuple[str, ...]) -> Iterator[Finding]:
    if not isinstance(node, dict):
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _walk(doc, item, (*keys, str(i)))
        return
    for key, value in node.items():
        here = (*keys, str(key))
        if key == "values" and isinstance(value, dict):
            for code in value:
                problem = invisible_problem(str(code))
                if problem:
                    yield rules.INVISIBLE_CHARACTER.finding(
                        f"native code {problem}", path="$." + ".".join((*here, str(code))),
                        value=code).located(file=doc.file, line=doc.line(*here))
        else:
            yield from _walk(doc, value, here)


def spec_findings(docs: list[SpecDocument], plant: str = "PLANT") -> list[Finding]:
    """Approval and code findings of every spec of a plant (``plant``: how hints name it)."""
    found: list[Finding] = []
    for doc in docs:
        found.extend(approval_findings(doc, plant=plant))
        found.extend(code_findings(doc))
    return found
