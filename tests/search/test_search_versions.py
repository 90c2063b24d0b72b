"""Search after corrections: the current version of each report only."""

import pytest

from luoshi.search.index import reindex_all
from luoshi.search.query import search
from tests.portal import correct_twice

pytestmark = pytest.mark.django_db


def test_after_two_corrections_a_search_finds_the_current_version_only(seed_publication):
    v1, v2, v3 = correct_twice(seed_publication)
    hits = [h for h in search("加装电梯") if h.task.seq == 90]
    assert [h.publication.pk for h in hits] == [v3.pk]
    assert "172台" in hits[0].row.text


def test_reindexing_keeps_corrected_versions_out(seed_publication):
    v1, v2, v3 = correct_twice(seed_publication)
    reindex_all()
    assert {h.publication.pk for h in search("电梯")} == {v3.pk}


def test_the_search_page_offers_current_reports_and_marks_an_earlier_one(client, seed_publication):
    v1, v2, v3 = correct_twice(seed_publication)
    body = client.get("/search/", {"q": "电梯", "report": v1.pk}).content.decode()
    assert "已更正" in body and f"/reports/{v3.pk}/" in body
    assert f'<option value="{v1.pk}"' not in body
