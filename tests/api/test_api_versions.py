"""The API after corrections: one current version of each report, each version saying
which it is; and the API's edges (HEAD, UTF-8, pages past the end)."""

import pytest

from tests.api.test_api import REPORT, REPORTS, TASKS, _get
from tests.portal import correct_twice

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(seed_publication):
    return correct_twice(seed_publication)


def test_report_list_gives_only_the_current_version(client, versions):
    v1, v2, v3 = versions
    data = _get(client, "/reports", REPORTS)
    assert [r["id"] for r in data["results"]] == [v3.pk]
    report = data["results"][0]
    assert (report["version"], report["is_current"]) == (3, True)
    assert (report["supersedes"], report["superseded_by"]) == (v2.pk, None)


def test_an_earlier_version_says_it_is_superseded_and_by_which(client, versions):
    v1, v2, v3 = versions
    data = _get(client, f"/reports/{v2.pk}", REPORT)
    assert (data["version"], data["is_current"]) == (2, False)
    assert (data["supersedes"], data["superseded_by"]) == (v1.pk, v3.pk)
    assert [v["id"] for v in data["versions"]] == [v1.pk, v2.pk, v3.pk]


def test_task_rows_come_from_the_current_version_only(client, versions):
    v1, v2, v3 = versions
    data = _get(client, "/tasks", TASKS, q="加装电梯")
    rows = [t for t in data["results"] if t["seq"] == 90]
    assert len(rows) == 1
    assert rows[0]["report_id"] == v3.pk and rows[0]["report_is_current"] is True
    assert "172台" in rows[0]["status_text"]


def test_rows_of_an_earlier_version_asked_for_say_it_is_not_current(client, versions):
    v1, v2, v3 = versions
    data = _get(client, "/tasks", TASKS, report=v1.pk, page_size=200)
    assert data["count"] == 106
    assert all(t["report_is_current"] is False for t in data["results"])


def test_head_is_answered_like_get_without_a_body(client, seed_publication):
    response = client.head("/api/v1/reports")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == b""


def test_json_is_utf8_without_unicode_escapes(client, seed_publication):
    response = client.get("/api/v1/tasks", {"unit": "区住建局"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "区住建局".encode() in response.content
    assert b"\\u" not in response.content


def test_a_page_past_the_end_is_a_404(client, seed_publication):
    data = _get(client, "/tasks", TASKS, expect=404, report=seed_publication.pk, page=4)
    assert "第 4 页" in data["error"]
    _get(client, "/reports", REPORTS, expect=404, page=2)


def test_the_last_page_and_an_empty_first_page_are_still_200(client, seed_publication):
    _get(client, "/tasks", TASKS, report=seed_publication.pk, page=3)
    assert _get(client, "/tasks", TASKS, q="没有这种词语")["count"] == 0
