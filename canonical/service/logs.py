"""Structured JSON logs: one JSON object per line, each with the request's correlation id."""

from __future__ import annotations

import json
import logging
import sys
import time

from canonical.service.context import correlation

LOGGER = "canonical.service"
#: attributes a caller may pass with ``extra=`` that become JSON fields
FIELDS = ("method", "path", "status", "duration_ms", "plant", "entity", "source", "outcome",
          "client", "event_id", "dead_letter", "findings")


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", "correlation_id", ...}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": _timestamp(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "correlation_id": getattr(record, "correlation_id", None) or correlation.get(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value not in (None, ""):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)  # logs only, never responses
        return _dumps(entry)


_dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode  # built once, not per line


def _timestamp(created: float) -> str:
    """``2026-12-06T04:30:00.123+00:00`` (ISO 8601, UTC, milliseconds)."""
    seconds = int(created)
    return (f"{time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(seconds))}"
            f".{int((created - seconds) * 1000):03d}+00:00")


def configure(level: str = "info") -> logging.Logger:
    """Send the service's log (and uvicorn's) to stderr as JSON lines.

    Records skip what no line shows (the logging docs' "Optimization" section): the caller's
    file and line (a walk up the stack per record), thread, process and multiprocessing names.
    """
    logging._srcfile = None  # the documented switch
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in (LOGGER, "uvicorn", "uvicorn.error"):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.setLevel(level.upper())
        log.propagate = False
    logging.getLogger("uvicorn.access").disabled = True  # the service writes its own access line
    return logging.getLogger(LOGGER)
