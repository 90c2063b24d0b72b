"""granian's access log, written in batches: `luoshi serve` configures it (--log-config).

granian writes each access-log line through Python's logging to a StreamHandler that
flushes stdout after every line: a write(2) and a handler lock per request, in the worker
thread, under the GIL. Measured with a trivial WSGI app returning the 203 KiB report page
(2 workers x 2 threads, 32 clients): ~8,900 requests/s without the log, ~5,000 with it
(docs/performance.md). Here the same lines, the same format, go to stdout in one write per
FLUSH_SECONDS (or every MAX_LINES lines) from a thread of the worker: the line is formatted
in the request, the write is not. A clean stop writes what is left; a crashed worker loses
at most its last FLUSH_SECONDS of lines (the requests themselves are unaffected)."""

from __future__ import annotations

import atexit
import json
import logging
import multiprocessing.util
import os
import threading

FLUSH_SECONDS = 0.5
MAX_LINES = 4096
_STARTING = threading.Lock()


class BatchedStdout(logging.Handler):
    def __init__(self, fd: int = 1, logger: str = "granian.access"):
        super().__init__()
        self.fd = fd
        self.lines: list[str] = []
        self.owner = None  # the process whose writer runs (granian forks its workers)
        self.wake = threading.Event()
        self.swap = threading.Lock()  # between a request's append and the writer's swap
        # granian calls logger.info(fmt, fields) per request; a LogRecord costs most of the
        # line (its caller's frame found, the process, thread and time read): the line is
        # made from the format and the fields alone, as the record's message would be.
        access = logging.getLogger(logger)
        access.info = self.info

    def info(self, msg, *args, **kwargs) -> None:
        if len(args) == 1 and isinstance(args[0], dict):  # as LogRecord takes one mapping
            args = args[0]
        self.add(msg % args if args else msg)

    def add(self, line: str) -> None:
        with self.swap:
            self.lines.append(line)
        if self.owner != os.getpid():
            self._start_writer()
        if len(self.lines) >= MAX_LINES:
            self.wake.set()

    def handle(self, record) -> bool:
        # No handler lock or filters; the line is formatted here, written by the writer.
        self.add(record.getMessage())
        return True

    def emit(self, record) -> None:  # logging's API; handle() does the work
        self.handle(record)

    def flush(self) -> None:
        with self.swap:
            lines, self.lines = self.lines, []
        if lines:
            data = ("\n".join(lines) + "\n").encode()
            try:
                while data:
                    data = data[os.write(self.fd, data) :]
            except OSError:
                pass  # stdout closed: the lines are lost, the requests are not

    def _start_writer(self) -> None:
        with _STARTING:
            if self.owner == os.getpid():
                return
            self.owner = os.getpid()
            self.wake = threading.Event()
        threading.Thread(target=self._write_forever, daemon=True,
                         name="luoshi-access-log").start()  # fmt: skip
        atexit.register(self.flush)
        # granian's workers leave by os._exit, past atexit: finalizers run there.
        multiprocessing.util.Finalize(None, self.flush, exitpriority=5)

    def _write_forever(self) -> None:
        pid = os.getpid()
        while self.owner == pid:
            self.wake.wait(FLUSH_SECONDS)
            self.wake.clear()
            self.flush()


def log_config() -> str:
    """granian's logging configuration (its own, with the access handler replaced), as the
    JSON its --log-config reads."""
    from granian.log import LOGGING_CONFIG

    config = json.loads(json.dumps(LOGGING_CONFIG))
    config["handlers"]["access"] = {"()": f"{__name__}.BatchedStdout"}
    return json.dumps(config)
