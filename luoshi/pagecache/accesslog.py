"""The access log of `luoshi serve`: a WSGI layer (outermost, luoshi/wsgi.py) that makes one
line per request, Django's and the page cache's alike, errors included, and a writer that
puts the lines on stdout in batches.

granian's own access log costs a LogRecord-free but still Python-level call per request
(its time formatted with strftime, a dict built, `logger.info` with %-formatting), on top of
the write; measured with a trivial WSGI app serving the 203 KiB report page: ~0.55 of nginx
with granian's log on, ~0.9 with it off (docs/performance.md). So `luoshi serve` runs
granian with `--no-access-log` and this layer writes the line: the time string is made once
per second, the line with one %-format, the write once per FLUSH_SECONDS (or every
MAX_LINES lines) from a thread of the worker, not in the request.

The line (granian's format, with the bytes of the body added before the duration):

    [2026-12-01 20:41:07 +0000] 127.0.0.1 - "GET /reports/1/ HTTP/1.1" 200 207871 0.412

A clean stop writes what is left; a crashed worker loses at most its last FLUSH_SECONDS of
lines (the requests themselves are unaffected)."""

from __future__ import annotations

import atexit
import multiprocessing.util
import os
import threading
import time

FLUSH_SECONDS = 0.5
MAX_LINES = 4096
_STARTING = threading.Lock()
_LINE = '[%s] %s - "%s %s %s" %s %d %.3f'


class Batched:
    """Lines kept in memory and written to `fd` by a thread of the process that adds them
    (granian forks its workers: each starts its own writer on its first line)."""

    def __init__(self, fd: int = 1):
        self.fd = fd
        self.lines: list[str] = []
        self.owner = None  # the process whose writer runs
        self.wake = threading.Event()
        self.swap = threading.Lock()  # between a request's append and the writer's swap

    def add(self, line: str) -> None:
        with self.swap:
            self.lines.append(line)
        if self.owner != os.getpid():
            self._start_writer()
        if len(self.lines) >= MAX_LINES:
            self.wake.set()

    def flush(self) -> None:
        with self.swap:
            lines, self.lines = self.lines, []
        if lines:
            data = ("\n".join(lines) + "\n").encode(errors="backslashreplace")
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


class AccessLog:
    """WSGI layer: one line per request into `sink` (a Batched), made when the response is
    known (a list body: when the application returns; a streamed one: when the server closes
    it, its bytes counted as they went). An exception is logged as a 500 and raised on."""

    def __init__(self, application, sink: Batched | None = None):
        self.application = application
        self.sink = sink or Batched()
        self.second = -1
        self.stamp = ""

    def __call__(self, environ, start_response):
        started = time.time()
        t0 = time.perf_counter()
        status = ["500"]

        def respond(line, headers, exc_info=None):
            status[0] = line[:3]
            return start_response(line, headers, exc_info)

        try:
            result = self.application(environ, respond)
        except BaseException:
            self.log(environ, started, t0, "500", 0)
            raise
        if type(result) is list:
            self.log(environ, started, t0, status[0], sum(map(len, result)))
            return result
        return Streamed(result, self, environ, started, t0, status)

    def log(self, environ, started: float, t0: float, status: str, sent: int) -> None:
        dt_ms = (time.perf_counter() - t0) * 1000
        second = int(started)
        if second != self.second:  # threads may both remake it: the same string
            self.stamp = time.strftime("%Y-%m-%d %H:%M:%S %z", time.localtime(second))
            self.second = second
        path = environ.get("PATH_INFO", "")
        if not path.isprintable() or '"' in path or " " in path:  # no forged lines or fields
            path = path.encode("unicode_escape").decode("ascii")
            path = path.replace('"', "\\x22").replace(" ", "\\x20")
        self.sink.add(
            _LINE % (self.stamp, environ.get("REMOTE_ADDR", "-"), environ.get("REQUEST_METHOD"),
                     path, environ.get("SERVER_PROTOCOL"), status, sent, dt_ms)
        )  # fmt: skip


class Streamed:
    """A streamed response (Django's HttpResponse, a FileResponse): its chunks passed on and
    counted, the line made when the server closes it (PEP 3333: close() is always called)."""

    __slots__ = ("inner", "log", "environ", "started", "t0", "status", "sent", "done")

    def __init__(self, inner, log, environ, started, t0, status):
        self.inner, self.log, self.environ = inner, log, environ
        self.started, self.t0, self.status = started, t0, status
        self.sent, self.done = 0, False

    def __iter__(self):
        for chunk in self.inner:
            self.sent += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.inner, "close"):
                self.inner.close()
        finally:
            if not self.done:
                self.done = True
                self.log.log(self.environ, self.started, self.t0, self.status[0], self.sent)
