"""Structural validation: parse a record with its generated model, turn errors into findings.

pydantic reports every structural problem at once; each becomes a :class:`Finding` with a
stable rule id (SCH-xxx) and a JSON path such as ``$.operations[2].sequence``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from canonical.models import ENTITIES, CanonicalModel
from canonical.report import Finding
from canonical.rules import Rule
from canonical.validation import rules as r

_RULE_BY_TYPE: dict[str, Rule] = {
    "missing": r.SCH_REQUIRED,
    "extra_forbidden": r.SCH_UNKNOWN_FIELD,
    "string_pattern_mismatch": r.SCH_PATTERN,
    "timezone_aware": r.SCH_TIMESTAMP,
    "datetime_parsing": r.SCH_TIMESTAMP,
    "datetime_from_date_parsing": r.SCH_TIMESTAMP,
    "datetime_type": r.SCH_TIMESTAMP,
    "date_parsing": r.SCH_TIMESTAMP,
    "date_from_datetime_parsing": r.SCH_TIMESTAMP,
    "date_from_datetime_inexact": r.SCH_TIMESTAMP,
    "date_type": r.SCH_TIMESTAMP,
    "enum": r.SCH_ENUM,
    "greater_than_equal": r.SCH_RANGE,
    "less_than_equal": r.SCH_RANGE,
    "greater_than": r.SCH_RANGE,
    "less_than": r.SCH_RANGE,
    "too_short": r.SCH_RANGE,
    "too_long": r.SCH_RANGE,
}
_TYPE_ERRORS = frozenset(
    {"string_type", "int_type", "bool_type", "model_type", "model_attributes_type",
     "list_type", "dict_type", "int_from_float", "int_parsing", "bool_parsing", "float_type",
     "string_unicode", "is_instance_of", "union_tag_invalid"}
)


#: Rules a generated model's class rule names at the start of its message ("EVT-001: ...").
_NAMED: dict[str, Rule] = {r.EVT_PAYLOAD.id: r.EVT_PAYLOAD}


def json_path(loc: Sequence[int | str]) -> str:
    """``('operations', 2, 'sequence')`` -> ``$.operations[2].sequence``."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _rule_for(error: ErrorDetails) -> Rule:
    kind = error["type"]
    if kind == "class_rule":
        return _NAMED.get(str(error.get("ctx", {}).get("rule_id")), r.SCH_OTHER)
    if kind in _RULE_BY_TYPE:
        return _RULE_BY_TYPE[kind]
    if kind in _TYPE_ERRORS:
        return r.SCH_TYPE
    if kind == "value_error":
        message = error.get("msg", "")
        # a lexical fault (LEX-xxx, canonical.lexical) keeps the structural rule of its type
        if "decimal" in message or "NaN" in message:
            return r.SCH_DECIMAL
        if "ISO 8601" in message or "date" in message or "timestamp" in message:
            return r.SCH_TIMESTAMP
    return r.SCH_OTHER


def _short(value: object) -> str | None:
    if isinstance(value, dict | list):
        return None
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _message(error: ErrorDetails) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "field is not defined by the canonical model (unknown fields are rejected)"
    if error["type"] == "string_pattern_mismatch":
        value = error.get("input")
        shown = _short(value) or ""
        return f"{shown} does not match pattern {error.get('ctx', {}).get('pattern', '')}"
    return message


def _union_filter(errors: Iterable[ErrorDetails], data: object) -> list[ErrorDetails]:
    """For ``Event.payload`` keep only errors of the member named by ``payload_type``."""
    wanted = data.get("payload_type") if isinstance(data, dict) else None
    kept: list[ErrorDetails] = []
    for error in errors:
        loc = error["loc"]
        if len(loc) >= 2 and loc[0] == "payload" and loc[1] in ENTITIES:
            if loc[1] != wanted:
                continue
            error = {**error, "loc": (loc[0], *loc[2:])}
        kept.append(error)
    return kept


def findings_from(exc: ValidationError, data: object = None) -> list[Finding]:
    """Every error of a pydantic ``ValidationError`` as a located finding."""
    errors = exc.errors(include_url=False)
    if any(len(e["loc"]) >= 2 and e["loc"][0] == "payload" for e in errors):
        errors = _union_filter(errors, data)
    return [
        _rule_for(error).finding(
            _message(error), path=json_path(_loc(error)), value=_short(error.get("input"))
        )
        for error in errors
    ]


def _loc(error: ErrorDetails) -> Sequence[int | str]:
    """Where an error is; a class rule is located at the field its condition reads."""
    field = error.get("ctx", {}).get("field") if error["type"] == "class_rule" else None
    return (*error["loc"], str(field)) if field else error["loc"]


def parse(model: type[CanonicalModel], data: Any) -> tuple[CanonicalModel | None, list[Finding]]:
    """Parse ``data`` with ``model``: the instance, or ``None`` and the structural findings."""
    if not isinstance(data, dict):
        return None, [r.SCH_NOT_OBJECT.finding(
            f"expected a JSON object for {model.__name__}, got {type(data).__name__}",
            value=_short(data),
        )]
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        return None, findings_from(exc, data)
    return parsed, []
