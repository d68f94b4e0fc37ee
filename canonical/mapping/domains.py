"""What counts as a valid canonical value: unit codes, schema enum values, identifiers.

Units come from the canonical unit table (:mod:`canonical.units.table`: active UN/ECE
Rec 20 codes only). Enum values come from the generated models (``canonical.models.v1``)
when they are importable, otherwise straight from ``schemas/canonical.yaml``; both are
generated from the same source, and a test keeps them equal. Everything is imported
lazily, so importing :mod:`canonical.mapping` stays light.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache

#: The canonical ``Identifier`` pattern of schemas/canonical.yaml (a test keeps them equal).
IDENTIFIER_PATTERN = (
    r"^[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]"
    r"(?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]{0,62}"
    r"[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff])?$"
)
_IDENTIFIER = re.compile(IDENTIFIER_PATTERN)


def unit_problem(code: str) -> str:
    """Why ``code`` is not an active canonical unit code ("" when it is)."""
    from canonical.errors import UnitError
    from canonical.units.table import lookup

    try:
        lookup(code)
    except UnitError as exc:
        return exc.message
    return ""


@cache
def enum_values(name: str) -> frozenset[str]:
    """Permissible values of a schema enum (empty when the schema has no such enum)."""
    from canonical.models import v1

    enum = getattr(v1, name, None)
    if isinstance(enum, type) and issubclass(enum, Enum):
        return frozenset(str(member.value) for member in enum)
    return _enum_values_from_schema(name)


def _enum_values_from_schema(name: str) -> frozenset[str]:
    from canonical.files.yamlsafe import read_yaml
    from canonical.resources import data_file

    schema = read_yaml(data_file("schemas", "canonical.yaml")).data
    if not isinstance(schema, dict):
        return frozenset()
    values = schema.get("enums", {}).get(name, {}).get("permissible_values", {}) or {}
    return frozenset(str(v) for v in values)


def enum_problem(enum: str, value: str) -> str:
    allowed = enum_values(enum)
    if value in allowed:
        return ""
    return f"{value!r} is not a {enum} value (allowed: {', '.join(sorted(allowed))})"


def identifier_problem(value: str) -> str:
    # a printable value holds no tab or line break and no whitespace but the space: with
    # no outer whitespace it matches the pattern, which is only consulted for the others
    if len(value) <= 64 and value.isprintable() and value == value.strip() and value:
        return ""
    if _IDENTIFIER.fullmatch(value):
        return ""
    return f"{value!r} is not a canonical identifier (1-64 characters, no outer whitespace)"
