"""The report page served from the page cache (luoshi.pagecache), through the same WSGI
application the server runs: fast on a repeat view, never stale, every view counted."""

from __future__ import annotations

from types import SimpleNamespace
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from luoshi.disclosure.models import Publication
from luoshi.pagecache.clicks import write_journal
from luoshi.wsgi import application


@pytest.fixture(autouse=True)
def empty_page_cache():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def get(path, query="", method="GET", **headers):
    environ = {}
    setup_testing_defaults(environ)
    environ.update(REQUEST_METHOD=method, PATH_INFO=path, QUERY_STRING=query)
    environ.update({"HTTP_" + k.upper(): v for k, v in headers.items()})
    response = SimpleNamespace()

    def start_response(status, headers, exc_info=None):
        response.status = int(status.split()[0])
        response.headers = dict(headers)

    # As Django's test client does: the test's connection must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, start_response)
        try:
            response.raw = b"".join(chunks)
            if "Content-Encoding" not in response.headers:
                response.body = response.raw.decode()
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return response


def page(publication):
    return f"/reports/{publication.pk}/"


def clicks(publication):
    """The count in the database, once the views waiting in the click journal are in."""
    write_journal()
    return Publication.objects.get(pk=publication.pk).clicks


@pytest.mark.django_db
def test_repeat_view_is_answered_from_the_cache_with_one_query(seed_publication):
    first = get(page(seed_publication))
    with CaptureQueriesContext(connection) as queries:
        second = get(page(seed_publication))
    assert first.status == second.status == 200
    # One statement: the click UPDATE, or on SQLite the read of the count and the page
    # stamp before the view is counted in the click journal.
    assert len(queries) == 1
    assert second.body == first.body.replace(
        '<span id="clicks">1</span>', '<span id="clicks">2</span>'
    )


@pytest.mark.django_db
def test_every_view_counts_one_click_whether_cached_or_not(seed_publication):
    for _ in range(5):
        response = get(page(seed_publication))
    assert clicks(seed_publication) == 5
    assert '<span id="clicks">5</span>' in response.body


@pytest.mark.django_db
def test_cached_page_keeps_the_security_headers_of_the_rendered_one(seed_publication):
    first = get(page(seed_publication))
    second = get(page(seed_publication))
    for name in ("Content-Type", "X-Frame-Options", "X-Content-Type-Options"):
        assert second.headers[name] == first.headers[name]
    assert "Set-Cookie" not in second.headers


@pytest.mark.django_db
def test_page_carries_validators_and_asks_caches_to_revalidate(seed_publication):
    response = get(page(seed_publication))
    assert response.headers["ETag"].startswith('W/"')
    assert response.headers["Last-Modified"].endswith("GMT")
    assert response.headers["Cache-Control"] == "public, no-cache"


@pytest.mark.django_db
def test_conditional_get_answers_304_and_still_counts_the_view(seed_publication):
    first = get(page(seed_publication))
    again = get(page(seed_publication), if_none_match=first.headers["ETag"])
    assert again.status == 304 and again.body == ""
    since = get(page(seed_publication), if_modified_since=first.headers["Last-Modified"])
    assert since.status == 304
    assert clicks(seed_publication) == 3


@pytest.mark.django_db(transaction=True)
def test_correcting_a_report_refreshes_its_cached_page(seed_publication):
    from luoshi.disclosure import publishing
    from tests.quarter import make_user

    admin = make_user("dcs", seed_publication.government, "admin")
    before = get(page(seed_publication)).body
    assert "本信息已更正" not in before
    task = seed_publication.period.plan.tasks.get(seq=76)
    new = publishing.correct(
        admin, seed_publication, {task.pk: {"text": "新增养老机构床位300张。"}}, "床位数据更正"
    )
    after = get(page(seed_publication)).body
    assert "本信息已更正" in after and f"/reports/{new.pk}/" in after
    assert "新增养老机构床位300张" in get(page(new)).body


@pytest.mark.django_db(transaction=True)
def test_editing_a_published_report_refreshes_its_cached_page(seed_publication):
    get(page(seed_publication))
    publication = Publication.objects.get(pk=seed_publication.pk)
    publication.publisher = "杭州市拱墅区人民政府办公室(更名)"
    publication.save()
    assert "杭州市拱墅区人民政府办公室(更名)" in get(page(seed_publication)).body


@pytest.mark.django_db(transaction=True)
def test_a_change_in_another_government_keeps_this_page_cached(seed_publication):
    from luoshi.plans.models import Government

    get(page(seed_publication))
    other = Government.objects.create(name="某县人民政府")
    other.org_code = "X1"
    other.save()
    with CaptureQueriesContext(connection) as queries:
        assert get(page(seed_publication)).status == 200
    assert len(queries) == 1


@pytest.mark.django_db
def test_display_preferences_get_their_own_cached_page(seed_publication):
    get(page(seed_publication))
    elder = get(page(seed_publication), cookie="luoshi_elder=1")
    assert '<html lang="zh-CN" class="elder ' in elder.body
    plain = get(page(seed_publication))
    assert 'class="elder ' not in plain.body


@pytest.mark.django_db
def test_filtered_view_is_cached_apart_from_the_whole_report(seed_publication):
    whole = get(page(seed_publication))
    get(page(seed_publication), "status=completed")
    filtered = get(page(seed_publication), "status=completed")
    assert filtered.body.count('class="task"') < whole.body.count('class="task"')


@pytest.mark.django_db
def test_signed_in_reader_is_not_served_the_shared_page(seed_publication, settings):
    get(page(seed_publication))
    with CaptureQueriesContext(connection) as queries:
        response = get(page(seed_publication), cookie=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert response.status == 200
    assert len(queries) > 1  # rendered by Django, not answered from the cache
    assert clicks(seed_publication) == 2


@pytest.mark.django_db
def test_missing_report_is_still_a_404(seed_publication):
    assert get("/reports/999999/").status == 404
