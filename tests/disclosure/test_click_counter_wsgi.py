"""POST /reports/<id>/click through the WSGI application the server runs: answered by the
page cache's layer (no URL resolving, middleware or session) with the answer Django's view
gives, counted once per call. The Redis twins are in test_shared_clicks.py."""

import json

import pytest
from django.core.signals import request_started

from luoshi.disclosure.models import Publication
from luoshi.pagecache.clicks import clicks_now
from luoshi.wsgi import application
from tests.disclosure.test_caching import get, page

pytestmark = pytest.mark.django_db

ORIGIN = "https://zwgk.example.gov.cn"


def click(publication, **headers):
    return get(f"/reports/{publication.pk}/click", method="POST", **headers)


@pytest.fixture(autouse=True)
def fresh_click_headers():
    application.click_headers.clear()
    yield
    application.click_headers.clear()


@pytest.fixture
def django_requests():
    seen = []

    def started(**kwargs):
        seen.append(kwargs)

    request_started.connect(started)
    yield seen
    request_started.disconnect(started)


def test_each_call_counts_once_and_answers_the_count_including_it(seed_publication):
    answers = [json.loads(click(seed_publication).body)["clicks"] for _ in range(5)]
    assert answers == [1, 2, 3, 4, 5]
    assert '<span id="clicks">6</span>' in get(page(seed_publication)).body
    assert clicks_now(seed_publication.pk) == 6


def test_a_repeat_call_is_answered_without_django(seed_publication, django_requests):
    click(seed_publication)  # the first is Django's: its headers are kept
    assert len(django_requests) == 1
    click(seed_publication)
    click(seed_publication)
    assert len(django_requests) == 1


def test_the_answer_is_the_one_django_gives(seed_publication, client):
    first, second = click(seed_publication), click(seed_publication)
    django = client.post(f"/reports/{seed_publication.pk}/click")
    assert first.status == second.status == 200
    assert second.headers == first.headers  # the same length: 1 and 2 digits alike
    assert set(second.headers) == set(django.headers)
    for name in ("Cache-Control", "Content-Type", "X-Content-Type-Options", "Vary"):
        assert second.headers.get(name) == django.headers.get(name), name
    assert second.headers["Cache-Control"] == "no-store"
    assert json.loads(second.body) == {"clicks": 2}
    assert second.body == b'{"clicks": 2}'.decode()


def test_an_unknown_report_is_404_and_counts_nothing(seed_publication):
    click(seed_publication)
    missing = get(f"/reports/{seed_publication.pk + 1000}/click", method="POST")
    assert missing.status == 404 and missing.headers["Cache-Control"] == "no-store"
    assert json.loads(click(seed_publication).body)["clicks"] == 2


def test_a_version_corrected_after_its_first_calls_is_404_and_counts_nothing(seed_publication):
    assert [json.loads(click(seed_publication).body)["clicks"] for _ in range(2)] == [1, 2]
    newer = Publication.objects.get(pk=seed_publication.pk)
    newer.pk, newer.previous, newer.index_no = None, seed_publication, ""
    newer.save()
    assert click(seed_publication).status == 404
    assert clicks_now(seed_publication.pk) == 2


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_other_methods_are_refused_with_405(seed_publication, method):
    click(seed_publication)
    refused = get(f"/reports/{seed_publication.pk}/click", method=method)
    assert refused.status == 405 and refused.headers["Allow"] == "POST"
    assert json.loads(click(seed_publication).body)["clicks"] == 2


def test_cors_allows_only_the_listed_origins(seed_publication, settings):
    settings.LUOSHI_COUNTER_ORIGINS = [ORIGIN]
    for _ in range(2):  # Django's answer, then the layer's
        listed = click(seed_publication, Origin=ORIGIN)
        assert listed.headers["Access-Control-Allow-Origin"] == ORIGIN
        assert "Origin" in listed.headers["Vary"]
        other = click(seed_publication, Origin="https://elsewhere.example.com")
        assert "Access-Control-Allow-Origin" not in other.headers
    settings.LUOSHI_COUNTER_ORIGINS = []
    unlisted = click(seed_publication, Origin=ORIGIN)
    assert "Access-Control-Allow-Origin" not in unlisted.headers
    assert "Origin" not in unlisted.headers.get("Vary", "")


def test_a_host_not_allowed_is_refused_as_django_refuses_it(seed_publication):
    click(seed_publication)
    assert click(seed_publication, Host="evil.example.com").status == 400
    assert json.loads(click(seed_publication).body)["clicks"] == 2


def test_a_signed_in_users_call_goes_through_django_and_prolongs_the_session(
    seed_publication, client, django_user_model, django_requests
):
    user = django_user_model.objects.create_user("duban", password="x" * 12)
    client.force_login(user)
    session = client.cookies["sessionid"].value
    click(seed_publication)  # the layer now knows the answer's headers
    before = len(django_requests)
    for _ in range(2):
        signed_in = click(seed_publication, Cookie=f"sessionid={session}")
        assert "Set-Cookie" in signed_in.headers  # the session's end pushed on
    assert len(django_requests) == before + 2
    assert json.loads(click(seed_publication).body)["clicks"] == 4
    assert "Set-Cookie" not in click(seed_publication).headers
