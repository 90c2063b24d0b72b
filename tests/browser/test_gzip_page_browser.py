"""The cached report page as Chromium receives it: gzip compressed once per render, the
reader's count spliced in per view (luoshi.pagecache.compress.GzippedPage: a stored deflate
block and a combined CRC-32). A browser must decode the splice as any gzip body."""

import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.core.cache import caches

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def portal():
    """The deployed WSGI application (with the page cache), which the live server lacks."""
    from luoshi.wsgi import application

    caches["pages"].clear()
    server = make_server("127.0.0.1", 0, application, WSGIServer, _Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    caches["pages"].clear()


def test_chromium_decodes_the_spliced_gzip_page_and_shows_each_views_number(
    portal, browser, seed_report
):
    from luoshi.imports.importer import store_report

    publication = store_report(seed_report).publication
    url = f"{portal}/reports/{publication.pk}/"
    shown = []
    for _ in range(3):  # the first renders; the next two are cache hits, spliced
        context = browser.new_context(locale="zh-CN")  # a new reader: no cached copy
        page = context.new_page()
        response = page.goto(url)
        assert response.headers["content-encoding"] == "gzip"
        assert page.locator("tr.task").count() == 106  # the whole page, after the figure
        shown.append(page.locator("#clicks").inner_text())
        context.close()
    assert shown == ["1", "2", "3"]
