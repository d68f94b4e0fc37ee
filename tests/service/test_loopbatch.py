"""The access log's handler: one write per event-loop iteration, in order, nothing held back."""

from __future__ import annotations

import asyncio
import io
import logging
import threading

import pytest

from canonical.service.logs import JsonFormatter, configure
from canonical.service.loopbatch import LoopBatchHandler


class Writes(io.StringIO):
    """A stream that remembers each write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


def _logger(stream: Writes, name: str) -> logging.Logger:
    log = logging.getLogger(f"tests.loopbatch.{name}")
    log.handlers[:] = [LoopBatchHandler(stream)]
    log.setLevel(logging.INFO)
    log.propagate = False
    return log


def test_lines_of_one_iteration_go_out_together_at_the_next() -> None:
    stream = Writes()
    log = _logger(stream, "iteration")
    seen_inside: list[str] = []

    async def requests() -> None:
        for plant in ("DE01", "PL03", "US02"):
            log.info("request %s", plant)
        seen_inside.append(stream.getvalue())
        await asyncio.sleep(0)  # the loop's next iteration
        log.info("after Łódź")
        await asyncio.sleep(0)

    asyncio.run(requests())
    assert seen_inside == [""]
    assert stream.writes == ["request DE01\nrequest PL03\nrequest US02\n", "after Łódź\n"]


def test_a_line_from_another_thread_writes_what_is_pending_first() -> None:
    stream = Writes()
    log = _logger(stream, "threads")

    async def mixed() -> None:
        log.info("on the loop")
        worker = threading.Thread(target=log.warning, args=("from a thread",))
        worker.start()
        worker.join()
        assert stream.writes == ["on the loop\nfrom a thread\n"]  # in order, one write
        log.info("on the loop again")

    asyncio.run(mixed())
    assert stream.getvalue() == "on the loop\nfrom a thread\non the loop again\n"


def test_flush_writes_what_is_pending_and_outside_a_loop_a_line_is_written_at_once() -> None:
    stream = Writes()
    log = _logger(stream, "flush")
    log.info("start-up")
    assert stream.writes == ["start-up\n"]

    loop = asyncio.new_event_loop()

    def last_callback() -> None:
        log.info("last line before the loop stops")
        loop.stop()  # this is the loop's last iteration: the scheduled write never runs

    loop.call_soon(last_callback)
    loop.run_forever()
    loop.close()
    assert stream.writes == ["start-up\n"]
    logging.getLogger("tests.loopbatch.flush").handlers[0].flush()  # as logging.shutdown does
    assert stream.writes[-1] == "last line before the loop stops\n"


def test_the_service_log_uses_it_with_the_json_formatter() -> None:
    switches = (logging._srcfile, logging.logThreads, logging.logProcesses, logging.logMultiprocessing)
    log = configure("warning")
    try:
        handler = log.handlers[0]
        assert isinstance(handler, LoopBatchHandler)
        assert isinstance(handler.formatter, JsonFormatter)
        assert logging.getLogger("uvicorn.error").handlers == [handler]
    finally:
        for name in ("canonical.service", "uvicorn", "uvicorn.error"):
            logging.getLogger(name).handlers.clear()
            logging.getLogger(name).propagate = True
            logging.getLogger(name).setLevel(logging.NOTSET)
        logging.getLogger("uvicorn.access").disabled = False
        (logging._srcfile, logging.logThreads, logging.logProcesses, logging.logMultiprocessing) = switches


class Broken(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError("disk full")


def test_a_failed_write_is_reported_as_logging_reports_it(capsys: pytest.CaptureFixture[str]) -> None:
    log = logging.getLogger("tests.loopbatch.broken")
    log.handlers[:] = [LoopBatchHandler(Broken())]
    log.setLevel(logging.INFO)
    log.propagate = False
    log.info("lost line")  # no exception reaches the caller
    captured = capsys.readouterr()
    assert "OSError: disk full" in captured.err and "lost line" in captured.err
