"""The report page in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def publication(seed_report):
    from luoshi.imports.importer import store_report

    return store_report(seed_report).publication


def test_report_page_lists_106_tasks(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    assert page.locator("tr.task").count() == 106
    assert page.get_by_text("K1493206-6/2022-22822").first.is_visible()


def test_filter_by_lead_unit_shows_its_11_tasks(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    page.get_by_label("牵头单位").select_option("区住建局")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**unit=*")
    rows = page.locator("tr.task")
    assert rows.count() == 11
    for i in range(11):
        assert "区住建局" in rows.nth(i).locator("td.units").inner_text()
