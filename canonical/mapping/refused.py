"""Inputs the guarded reader refused, as mapping findings (the mapping checks never raise)."""

from __future__ import annotations

from canonical.errors import InputError
from canonical.files import rules as io
from canonical.mapping import rules
from canonical.report import Finding
from canonical.rules import Rule

#: the reader's generic rule -> the mapping rule it has always been reported as
_AS_MAPPING: dict[str, Rule] = {
    io.UNREADABLE.id: rules.UNREADABLE, io.TOO_LARGE.id: rules.TOO_LARGE,
    io.ENCODING.id: rules.NOT_UTF8, io.YAML_SYNTAX.id: rules.PLANT_YAML_INVALID,
}


def input_finding(exc: InputError, file: str) -> Finding:
    """A located finding for a refused input (mapping rule ids where one has always applied)."""
    rule = _AS_MAPPING.get(exc.rule_id)
    if rule is not None:
        found = rule.finding(exc.reason)
    else:
        found = Finding(rule_id=exc.rule_id, message=exc.reason, severity=rules.UNREADABLE.severity)
    return found.located(file=file, line=exc.line)
