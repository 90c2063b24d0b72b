"""序时进度 reads the same wherever it is shown: the report page, the charts, the task's
history on the portal and in the API (83.3 for 1-10月, never 83 in one place)."""

import pytest

from luoshi.disclosure import charts

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten_months(seed_publication):
    period = seed_publication.period
    period.end_month, period.label = 10, "2021年1-10月"
    period.save()
    return seed_publication


def test_page_charts_and_api_show_83_3_for_1_10_months(client, ten_months):
    task_id = ten_months.rows().first().task_id
    page = client.get(f"/reports/{ten_months.pk}/").content.decode()
    api = client.get(f"/api/v1/tasks/{task_id}").json()
    task_page = client.get(f"/tasks/{task_id}/").content.decode()

    assert "序时进度 83.3%" in page
    assert charts.chart_data(ten_months)["schedule_percent"] == 83.3
    assert [q["schedule_percent"] for q in api["history"]] == [83.3]
    assert "83.3%" in task_page
