"""A log handler that writes the lines of one event-loop iteration with one write.

Every request ends with an access log line. Written one by one, each line is a ``write`` to
stderr, and each write lets the interpreter lock go: the commit thread (waiting for it after
its SQLite call) takes it, and the event loop waits to get it back, once per message. When a
group commit answers its requests, they all end in the same loop iteration; their lines are
collected and written together by a callback the loop runs next (one write per group).

Nothing is reordered and nothing is held longer than that: a line logged outside the event
loop (another thread, start-up, shutdown) writes what is pending first, then itself, and
:meth:`LoopBatchHandler.flush` (called by :func:`logging.shutdown` at exit) writes what is
pending. A line is lost only if the process is killed between a request's end and the loop's
next iteration, which is also where an unbatched line was when its response had been sent.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TextIO


class LoopBatchHandler(logging.StreamHandler[TextIO]):
    """A :class:`logging.StreamHandler` whose lines, written from a running event loop, go out
    at the start of the loop's next iteration, together (see the module docs)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._pending: list[str] = []
        self._last: logging.LogRecord | None = None  # the record a failed write is reported with
        self._scheduled: asyncio.AbstractEventLoop | None = None  # the loop that writes them

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
        except Exception:  # the logging contract: a handler reports its failure, never raises
            self.handleError(record)
            return
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:  # no event loop in this thread
            loop = None
        self.acquire()
        try:
            self._pending.append(line)
            self._last = record
            if loop is None or (self._scheduled is not None and self._scheduled is not loop):
                self._write()  # outside the loop that batches: in order, now
            elif self._scheduled is None:
                self._scheduled = loop
                loop.call_soon(self._write_scheduled)
        finally:
            self.release()

    def _write_scheduled(self) -> None:
        self.acquire()
        try:
            self._scheduled = None
            self._write()
        finally:
            self.release()

    def _write(self) -> None:
        """Write the pending lines (the lock held)."""
        if not self._pending:
            return
        text = "".join(self._pending)
        self._pending.clear()
        last, self._last = self._last, None  # no record (nor its traceback) kept past its line
        try:
            self.stream.write(text)
            self.stream.flush()
        except Exception:  # as StreamHandler.emit: reported by the logging machinery
            if last is not None:
                self.handleError(last)

    def flush(self) -> None:
        self.acquire()
        try:
            self._write()
            if self.stream and hasattr(self.stream, "flush"):
                self.stream.flush()
        finally:
            self.release()
