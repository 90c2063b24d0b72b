"""A corrected report's pages: the index lists the current version, earlier ones are
marked 已更正 with a link to it, and the click count goes on from the old version's."""

import pytest

from luoshi.disclosure.models import Publication
from luoshi.pagecache.clicks import clicks_now
from tests.portal import correct_twice

pytestmark = pytest.mark.django_db


def test_the_index_lists_only_the_current_version(client, seed_publication):
    v1, v2, v3 = correct_twice(seed_publication)
    body = client.get("/").content.decode()
    assert f"/reports/{v3.pk}/" in body
    assert f"/reports/{v1.pk}/" not in body and f"/reports/{v2.pk}/" not in body


def test_an_earlier_version_is_marked_corrected_with_a_link_to_the_current(
    client, seed_publication
):
    v1, v2, v3 = correct_twice(seed_publication)
    body = client.get(f"/reports/{v1.pk}/").content.decode()
    assert "已更正" in body and f'href="/reports/{v3.pk}/"' in body
    current = client.get(f"/reports/{v3.pk}/").content.decode()
    assert "本信息已更正" not in current


def test_the_click_count_carries_over_to_the_new_version(client, seed_publication):
    for _ in range(3):
        client.get(f"/reports/{seed_publication.pk}/")
    v1, v2, v3 = correct_twice(seed_publication)
    assert clicks_now(v3.pk) == 3
    client.get(f"/reports/{v3.pk}/")
    assert clicks_now(v3.pk) == 4
    assert Publication.objects.get(pk=v1.pk).clicks == 3
