"""The integration service: the contract over HTTP (``pip install "mfg-canonical[service]"``).

Integration platforms that cannot import Python (iPaaS, brokers, Java or .NET middleware)
use the plant mappings and validation through it; Python services get the same checks in
one dependency. The layers, bottom up:

- :mod:`~canonical.service.rules` (``SVC-xxx``), :mod:`~canonical.service.problems`: RFC 9457
  problem details whose ``type`` is the rule's docs page;
- :mod:`~canonical.service.body`, :mod:`~canonical.service.dependency`: reading bodies and the
  one-line FastAPI dependency :func:`canonical_body` (with :func:`install_problem_details`);
- :mod:`~canonical.service.messages`: one message through map, validate, Event, targets;
- :mod:`~canonical.service.store`: idempotent responses, outbox and dead letters on SQLite
  or PostgreSQL;
- :mod:`~canonical.service.tokens`, :mod:`~canonical.service.access`: plant-scoped tokens;
- :mod:`~canonical.service.middleware`, :mod:`~canonical.service.logs`,
  :mod:`~canonical.service.metrics`: correlation ids, JSON logs, Prometheus metrics;
- :mod:`~canonical.service.routes`, :mod:`~canonical.service.app`: the FastAPI app.

Importing this package imports no web framework; its names load on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["canonical_body", "create_app", "install_problem_details"]

_LAZY = {
    "canonical_body": "canonical.service.dependency",
    "install_problem_details": "canonical.service.handlers",
    "create_app": "canonical.service.app",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
