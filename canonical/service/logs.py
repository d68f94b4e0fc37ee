"""Structured JSON logs: one JSON object per line, each with the request's correlation id."""

from __future__ import annotations

import json
import logging
import math
import sys
import time

from canonical.service.context import correlation
from canonical.service.loopbatch import LoopBatchHandler

LOGGER = "canonical.service"
#: attributes a caller may pass with ``extra=`` that become JSON fields
FIELDS = ("method", "path", "status", "duration_ms", "plant", "entity", "source", "outcome",
          "client", "event_id", "dead_letter", "findings")


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", "correlation_id", ...}`` on one line.

    The line is written field by field (one per access log line of every request), exactly as
    ``json.dumps(entry, ensure_ascii=False, default=str)`` writes the entry: strings through
    the json module's own string encoder, numbers and booleans as JSON writes them, anything
    else through the encoder itself.
    """

    def format(self, record: logging.LogRecord) -> str:
        attributes = record.__dict__
        given = attributes.get("correlation_id") or correlation.get()
        parts = [f'{{"ts": "{_timestamp(record.created)}", "level": "{record.levelname.lower()}", '
                 f'"logger": {_string(record.name)}, "message": {_string(record.getMessage())}, '
                 f'"correlation_id": {"null" if given is None else _value(given)}']
        for name in FIELDS:
            value = attributes.get(name)
            if value is not None and value != "":
                parts.append(f', "{name}": {_value(value)}')
        if record.exc_info:  # logs only, never responses
            parts.append(f', "exception": {_string(self.formatException(record.exc_info))}')
        parts.append("}")
        return "".join(parts)


_dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode  # built once, not per line
_string = json.encoder.encode_basestring  # the encoder's own (C) string writer, ensure_ascii=False


def _value(value: object) -> str:
    if type(value) is str:
        return _string(value)
    if type(value) is int:  # not bool, which is an int
        return int.__repr__(value)
    if type(value) is float and math.isfinite(value):  # NaN and infinities as the encoder writes them
        return float.__repr__(value)
    return _dumps(value)


_second: list[tuple[int, str]] = [(-1, "")]  # the last second written, and its text


def _timestamp(created: float) -> str:
    """``2026-12-06T04:30:00.123+00:00`` (ISO 8601, UTC, milliseconds)."""
    seconds = int(created)
    last, text = _second[0]
    if seconds != last:
        text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        _second[0] = (seconds, text)
    return f"{text}.{int((created - seconds) * 1000):03d}+00:00"


def configure(level: str = "info") -> logging.Logger:
    """Send the service's log (and uvicorn's) to stderr as JSON lines.

    Records skip what no line shows (the logging docs' "Optimization" section): the caller's
    file and line (a walk up the stack per record), thread, process and multiprocessing names.
    """
    logging._srcfile = None  # the documented switch
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    handler = LoopBatchHandler(sys.stderr)  # a group of requests' lines in one write
    handler.setFormatter(JsonFormatter())
    for name in (LOGGER, "uvicorn", "uvicorn.error"):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.setLevel(level.upper())
        log.propagate = False
    logging.getLogger("uvicorn.access").disabled = True  # the service writes its own access line
    return logging.getLogger(LOGGER)
