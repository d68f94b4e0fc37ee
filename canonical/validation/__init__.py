"""Validation: business rules of single records and of collections, and batch suites.

``validate`` and ``validate_many`` are light (pydantic only). Batch suites for whole
extracts (Great Expectations, pandas, Spark) live in :mod:`canonical.validation.batch` and
are imported only when used.
"""

from canonical.validation.validate import entity_model, validate, validate_many

__all__ = ["check_extract", "entity_model", "run_suite", "validate", "validate_many"]


def __getattr__(name: str) -> object:
    # batch suites load pandas and great_expectations: only when asked for
    if name in ("run_suite", "check_extract"):
        from canonical.validation.batch import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
