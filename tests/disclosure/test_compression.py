"""Compressed responses: the cached report page as gzip, spliced around its click figure;
Django's HTML, JSON and CSV as brotli or gzip; each saying Vary: Accept-Encoding."""

import gzip
import re

import brotli
import pytest
from django.core.cache import caches

from luoshi.pagecache.compress import accepted, choose
from tests.disclosure.test_caching import get, page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_page_cache():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def _clicks(html: str) -> int:
    return int(re.search(r'<span id="clicks">(\d+)</span>', html)[1])


def test_the_cached_report_page_goes_out_gzipped_and_each_view_shows_its_count(
    seed_publication,
):
    plain = get(page(seed_publication))
    for n in (2, 3):
        response = get(page(seed_publication), accept_encoding="gzip, deflate, br")
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Vary"] == "Accept-Encoding"
        html = gzip.decompress(response.raw).decode()
        assert int(response.headers["Content-Length"]) == len(response.raw)
        assert _clicks(html) == n
        assert html.replace(f">{n}<", ">1<", 1) == plain.body
        assert len(response.raw) < len(plain.body.encode()) / 3


def test_a_reader_refusing_gzip_gets_the_page_as_it_is(seed_publication):
    get(page(seed_publication))
    response = get(page(seed_publication), accept_encoding="gzip;q=0, identity")
    assert "Content-Encoding" not in response.headers
    assert response.headers["Vary"] == "Accept-Encoding"
    assert "<table" in response.body


def test_django_pages_and_json_go_out_as_brotli_when_asked(client, seed_publication):
    html = client.get("/search/", {"q": "电梯"}, HTTP_ACCEPT_ENCODING="br, gzip")
    assert html["Content-Encoding"] == "br" and "Accept-Encoding" in html["Vary"]
    assert "<mark>电梯</mark>" in brotli.decompress(html.content).decode()
    api = client.get("/api/v1/tasks", HTTP_ACCEPT_ENCODING="gzip")
    assert api["Content-Encoding"] == "gzip"
    assert gzip.decompress(api.content).startswith(b"{")


def test_a_stored_csv_download_is_served_precompressed(client, seed_publication):
    url = f"/reports/{seed_publication.pk}/download.csv"
    plain = client.get(url).content
    response = client.get(url, HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br" and "Accept-Encoding" in response["Vary"]
    assert brotli.decompress(response.content) == plain


def test_accept_encoding_is_read_with_its_weights():
    assert accepted("gzip;q=0, br") == {"br"}
    assert choose("gzip, deflate, br") == "br"
    assert choose("gzip;q=0") is None and choose("") is None
