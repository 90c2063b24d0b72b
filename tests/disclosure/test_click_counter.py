"""POST /reports/<id>/click: the counter a static report page fills 点击率 from."""

import pytest

from luoshi.disclosure.models import Publication

pytestmark = pytest.mark.django_db

ORIGIN = "https://zwgk.example.gov.cn"


def click(client, pk, **headers):
    return client.post(f"/reports/{pk}/click", headers=headers)


def test_each_call_counts_once_and_answers_the_count_including_it(client, seed_publication):
    before = seed_publication.clicks
    answers = [click(client, seed_publication.pk).json()["clicks"] for _ in range(5)]
    assert answers == [before + n for n in range(1, 6)]
    page = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    assert f'<span id="clicks">{before + 6}</span>' in page  # the page's own view: the sixth


def test_the_count_is_never_stored_by_a_cache(client, seed_publication):
    response = click(client, seed_publication.pk)
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


def test_an_unknown_report_is_404_and_counts_nothing(client, seed_publication):
    response = click(client, seed_publication.pk + 1000)
    assert response.status_code == 404 and response["Cache-Control"] == "no-store"
    assert click(client, seed_publication.pk).json()["clicks"] == seed_publication.clicks + 1


def test_a_corrected_version_is_404_and_counts_nothing(client, seed_publication):
    newer = Publication.objects.get(pk=seed_publication.pk)
    newer.pk, newer.previous, newer.index_no = None, seed_publication, ""
    newer.save()
    response = click(client, seed_publication.pk)
    assert response.status_code == 404
    seed_publication.refresh_from_db()
    from luoshi.pagecache.clicks import clicks_now

    assert clicks_now(seed_publication.pk) == seed_publication.clicks == 0


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_other_methods_are_refused_with_405(client, seed_publication, method):
    response = getattr(client, method)(f"/reports/{seed_publication.pk}/click")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert click(client, seed_publication.pk).json()["clicks"] == 1  # none of them counted


def test_a_cross_site_call_needs_no_csrf_token(seed_publication):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert click(strict, seed_publication.pk).status_code == 200


def test_cors_allows_only_the_listed_origins(client, seed_publication, settings):
    settings.LUOSHI_COUNTER_ORIGINS = [ORIGIN]
    listed = click(client, seed_publication.pk, Origin=ORIGIN)
    assert listed["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in listed["Vary"]
    other = click(client, seed_publication.pk, Origin="https://elsewhere.example.com")
    assert not other.has_header("Access-Control-Allow-Origin")


def test_no_origin_is_allowed_by_default(client, seed_publication):
    response = click(client, seed_publication.pk, Origin=ORIGIN)
    assert not response.has_header("Access-Control-Allow-Origin")
