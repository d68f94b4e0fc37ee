"""Validation: business rules of single records and of collections, and batch suites.

``validate`` and ``validate_many`` are light (pydantic only). Batch suites for whole
extracts (Great Expectations, pandas, Spark) live in :mod:`canonical.validation.batch` and
are imported only when used.
"""

from canonical.validation.validate import entity_model, validate, validate_many

__all__ = ["entity_model", "validate", "validate_many"]
