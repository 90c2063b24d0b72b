"""`luoshi serve` (granian) as deployed: several worker processes and threads, the page
cache, and still one click per view, each view shown its own count."""

import concurrent.futures
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection

from luoshi.disclosure.files import database_url
from luoshi.disclosure.models import Publication


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def luoshi_serve(workers=2, threads=4, stdout=subprocess.DEVNULL, access_log=False, **env):
    """`luoshi serve` on a free port against the test database; yields its base URL. Its
    access log (off unless asked) goes to `stdout`; it is stopped as a service manager
    stops it (SIGTERM)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict), **env}
    server = subprocess.Popen(
        [sys.executable, "-m", "luoshi", "serve", "--port", str(port)]
        + ["--workers", str(workers), "--threads", str(threads)]
        + ["--access-log" if access_log else "--no-access-log"],
        env=env, stdout=stdout, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "did not start"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.django_db(transaction=True)
def test_luoshi_serve_counts_every_view_once_across_workers(seed_report):
    from luoshi.imports.importer import store_report

    publication = store_report(seed_report).publication
    with luoshi_serve(workers=2, threads=4) as base:
        url = f"{base}/reports/{publication.pk}/"

        def view(_):
            with urllib.request.urlopen(url, timeout=60) as response:
                body = response.read()
            return response.status, int(re.search(rb'<span id="clicks">(\d+)<', body)[1])

        with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
            views = list(pool.map(view, range(400)))
        # The server writes the views into the database by itself (on SQLite from its
        # click journal, about once a second).
        deadline = time.monotonic() + 15
        while stored_clicks(publication) != 400 and time.monotonic() < deadline:
            time.sleep(0.1)
    assert {status for status, _ in views} == {200}
    # Every view counted once, and each reader saw the count including their own view.
    assert sorted(figure for _, figure in views) == list(range(1, 401))
    assert stored_clicks(publication) == 400


def stored_clicks(publication) -> int:
    return Publication.objects.get(pk=publication.pk).clicks


@pytest.mark.django_db(transaction=True)
def test_four_concurrent_pdf_downloads_leave_the_report_page_fast(seed_report, downloads_dir):
    """As deployed (2 workers x 2 threads): four readers ask for the full report's PDF at
    once; the PDF is rendered once, by another process, while the report page goes on
    answering; the next download is the stored file."""
    import statistics

    from luoshi.imports.importer import store_report

    publication = store_report(seed_report).publication
    with luoshi_serve(workers=2, threads=2, LUOSHI_DOWNLOADS_DIR=str(downloads_dir)) as base:
        page, pdf = (
            f"{base}/reports/{publication.pk}/",
            f"{base}/reports/{publication.pk}/download.pdf",
        )

        def fetch(url):
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=120) as response:
                    body = response.read()
                    status = response.status
            except urllib.error.HTTPError as e:
                body, status = e.read(), e.code
            return status, body, time.perf_counter() - started

        fetch(page)  # the page rendered once, as a reader who came before
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            first = list(pool.map(fetch, [pdf] * 4))
        assert all(status == 503 for status, _, _ in first)
        timings = []
        while not list(downloads_dir.rglob("*.pdf")):
            status, _, took = fetch(page)
            assert status == 200
            timings.append(took)
            time.sleep(0.2)
        status, body, _ = fetch(pdf)
        [stored] = list(downloads_dir.rglob("*.pdf"))
        made = stored.stat().st_mtime_ns
        again = fetch(pdf)
    print(f"report page while the PDF rendered: {len(timings)} views, "
          f"median {statistics.median(timings) * 1000:.1f} ms, "
          f"p90 {statistics.quantiles(timings, n=10)[-1] * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms; "
          f"stored PDF served in {again[2] * 1000:.1f} ms")  # fmt: skip
    assert len(timings) >= 5  # the PDF took a while: the page was asked while it rendered
    assert statistics.median(timings) < 0.1
    assert status == 200 and body.startswith(b"%PDF-") and body == stored.read_bytes()
    assert again[1] == body and stored.stat().st_mtime_ns == made
