"""The base class of every generated canonical model.

Models are plain data: they validate when parsed (``model_validate``), never inside attribute
setters, so a half-edited object can exist while a service builds it; business rules are
checked on demand by :func:`canonical.validate`, which returns a report.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class CanonicalModel(BaseModel):
    """Base of the generated models: closed content model, no coercion surprises."""

    model_config = ConfigDict(
        extra="forbid",  # closed content model: unknown fields are errors, never dropped
        validate_assignment=False,  # validate on demand, not in setters
        populate_by_name=True,
        use_enum_values=False,
        ser_json_timedelta="iso8601",
        regex_engine="rust-regex",
        defer_build=True,  # build validators on first use: keeps `import canonical` light
    )

    def to_json_dict(self) -> dict[str, Any]:
        """The wire form: JSON-compatible dict, decimals as strings, absent fields omitted."""
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)

    def to_json(self, *, indent: int | None = None) -> str:
        """The wire form as JSON text."""
        return self.model_dump_json(indent=indent, exclude_none=True, exclude_defaults=True)
