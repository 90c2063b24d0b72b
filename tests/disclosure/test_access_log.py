"""`luoshi serve`'s access log: a line per request made by luoshi's outermost WSGI layer
(luoshi.pagecache.accesslog), the page cache's hits and Django's pages alike, written to
stdout in batches, every line once, none left behind by a clean stop."""

import os
import re
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest

from luoshi.pagecache import accesslog
from tests.disclosure.test_serve import luoshi_serve

LINE = re.compile(
    r'^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4})\] (\S+) - "(\S+) (\S+) (\S+)" (\d{3}) (\d+) (\d+\.\d{3})$'
)


def get(url, method="GET"):
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, len(error.read())


@pytest.mark.django_db(transaction=True)
def test_serve_logs_each_request_once_with_its_fields_and_a_clean_stop_writes_them(
    seed_report, tmp_path
):
    from luoshi.imports.importer import store_report

    report = store_report(seed_report).publication.pk
    out = tmp_path / "stdout"
    asked = [f"/reports/{report}/"] * 3 + ["/", "/no-such-page/", f"/reports/{report}/?q=1"]
    with out.open("wb") as stdout, luoshi_serve(1, 2, stdout=stdout, access_log=True) as base:
        started = time.time()
        answers = [get(base + path) for path in asked]
        answers.append(get(f"{base}/reports/{report}/click", "POST"))
        asked.append(f"/reports/{report}/click")
    # The server stopped (SIGTERM) within the writer's half second: the lines are there.
    lines = [m.groups() for m in map(LINE.match, out.read_text().splitlines()) if m]
    # A line is written once its response has been sent, so the client's next request,
    # served by the other thread, may be written first: every request once, in any order.
    seen = Counter((m, p.split("?")[0], int(s), int(n)) for _, _, m, p, _, s, n, _ in lines)
    wanted = Counter(
        ("POST" if p.endswith("/click") else "GET", p.split("?")[0], *answer)
        for p, answer in zip(asked, answers, strict=True)
    )
    assert not wanted - seen
    # luoshi_serve's own GET / that found the server ready is the one line more.
    [(ready, times)] = (seen - wanted).items()
    assert ready[:3] == ("GET", "/", 200) and times == 1
    assert {line[1] for line in lines} == {"127.0.0.1"}
    assert {line[4] for line in lines} == {"HTTP/1.1"}
    for stamp, *_, took in lines:
        when = time.mktime(time.strptime(stamp[:19], "%Y-%m-%d %H:%M:%S"))
        assert started - 2 <= when <= time.time() + 1
        assert 0 < float(took) < 60_000


@pytest.mark.django_db(transaction=True)
def test_serve_without_the_access_log_writes_no_lines(seed_report, tmp_path):
    out = tmp_path / "stdout"
    with out.open("wb") as stdout, luoshi_serve(1, 2, stdout=stdout) as base:
        get(base + "/")
    assert not [line for line in out.read_text().splitlines() if LINE.match(line)]


def logged(application, environ):
    """The lines an AccessLog around `application` writes for one request, its body read."""
    read, write = os.pipe()
    sink = accesslog.Batched(fd=write)
    log = accesslog.AccessLog(application, sink)
    try:
        result = log(environ, lambda status, headers, exc_info=None: None)
        body = b"".join(result)
        result.close() if hasattr(result, "close") else None
        return body
    finally:
        sink.flush()
        os.close(write)
        with os.fdopen(read) as stream:
            environ["lines"] = stream.read().splitlines()


ENVIRON = {"REMOTE_ADDR": "10.0.0.7", "REQUEST_METHOD": "GET", "SERVER_PROTOCOL": "HTTP/1.1"}


def test_a_streamed_response_is_logged_when_closed_with_the_bytes_it_sent():
    closed = []

    class Response:
        def __iter__(self):
            yield from (b"abc", b"defgh")

        def close(self):
            closed.append(True)

    def application(environ, start_response):
        start_response("404 Not Found", [])
        return Response()

    environ = {**ENVIRON, "PATH_INFO": "/plans/"}
    assert logged(application, environ) == b"abcdefgh"
    assert closed == [True]
    [line] = environ["lines"]
    assert LINE.match(line).groups()[1:7] == ("10.0.0.7", "GET", "/plans/", "HTTP/1.1", "404", "8")


def test_an_application_error_is_logged_as_500_and_raised():
    def application(environ, start_response):
        raise RuntimeError("broken")

    environ = {**ENVIRON, "PATH_INFO": "/plans/"}
    with pytest.raises(RuntimeError):
        logged(application, environ)
    [line] = environ["lines"]
    assert LINE.match(line).groups()[5:7] == ("500", "0")


def test_a_path_with_quotes_or_newlines_cannot_forge_a_line_or_field():
    def application(environ, start_response):
        start_response("200 OK", [])
        return [b"x"]

    environ = {**ENVIRON, "PATH_INFO": '/a" 200 0 0\n[2026] forged'}
    logged(application, environ)
    [line] = environ["lines"]
    assert LINE.match(line).groups()[3] == r"/a\x22\x20200\x200\x200\n[2026]\x20forged"


def test_lines_from_many_threads_are_each_written_once():
    read, write = os.pipe()
    sink = accesslog.Batched(fd=write)
    per_thread, threads = 500, 8

    def requests(t):
        for n in range(per_thread):
            sink.add(f"t{t} {n}")

    workers = [threading.Thread(target=requests, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    time.sleep(accesslog.FLUSH_SECONDS * 2)  # the writer's round
    sink.flush()
    os.close(write)
    with os.fdopen(read) as stream:
        written = stream.read().splitlines()
    assert sorted(written) == sorted(f"t{t} {n}" for t in range(threads) for n in range(per_thread))
    for t in range(threads):  # each thread's lines in the order it logged them
        mine = [int(line.split()[1]) for line in written if line.startswith(f"t{t} ")]
        assert mine == list(range(per_thread))
