"""`luoshi serve` (granian) as deployed: several worker processes and threads, the page
cache, and still one click per view, each view shown its own count."""

import concurrent.futures
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


@pytest.mark.django_db(transaction=True)
def test_luoshi_serve_counts_every_view_once_across_workers(seed_report):
    from luoshi.plans.importer import store_report

    publication = store_report(seed_report).publication
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict)}
    server = subprocess.Popen(
        [sys.executable, "-m", "luoshi", "serve", "--port", str(port)]
        + ["--workers", "2", "--threads", "4", "--no-access-log"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/reports/{publication.pk}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "did not start"
                time.sleep(0.2)

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
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert {status for status, _ in views} == {200}
    # Every view counted once, and each reader saw the count including their own view.
    assert sorted(figure for _, figure in views) == list(range(1, 401))
    assert stored_clicks(publication) == 400


def stored_clicks(publication) -> int:
    return Publication.objects.get(pk=publication.pk).clicks
