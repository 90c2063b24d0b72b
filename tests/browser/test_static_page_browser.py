"""A static copy of a report page (luoshi publish-static) in a real browser, served by nginx
with the documented site: 点击率 comes from the counter behind it, and the page stands
without it."""

import pytest

from luoshi.disclosure import static_site
from tests.staticsite import free_port, nginx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def copy(seed_report, tmp_path):
    from luoshi.imports.importer import store_report

    publication = store_report(seed_report).publication
    folder = tmp_path / "site"
    static_site.publish(folder)
    return publication, folder


def test_the_static_page_fills_its_click_count_from_the_counter(live_server, page, copy):
    publication, folder = copy
    with nginx(folder, live_server.url) as site:
        page.goto(f"{site}/reports/{publication.pk}/")
        page.wait_for_function("document.getElementById('clicks').textContent === '1'")
        page.reload()
        page.wait_for_function("document.getElementById('clicks').textContent === '2'")
    publication.refresh_from_db()
    from luoshi.pagecache.clicks import clicks_now

    assert clicks_now(publication.pk) == 2  # one per page shown, none for the file itself


def test_the_static_page_stands_without_the_counter(page, copy):
    publication, folder = copy
    down = f"http://127.0.0.1:{free_port()}"  # nothing listens: luoshi is not running
    with nginx(folder, down) as site:
        clicks = []
        page.on("response", lambda r: r.url.endswith("/click") and clicks.append(r.status))
        page.goto(f"{site}/reports/{publication.pk}/", wait_until="networkidle")
        assert clicks == [502]
        assert page.locator("#clicks").text_content() == ""
        assert page.locator(".dateline").inner_text().strip().endswith("点击率:")
        assert page.locator("#report-table tr.task").count() == 106


def test_the_static_page_takes_the_readers_elder_version_from_the_cookie(page, copy):
    publication, folder = copy
    with nginx(folder, f"http://127.0.0.1:{free_port()}") as site:
        page.context.add_cookies([{"name": "luoshi_elder", "value": "1", "url": site}])
        page.goto(f"{site}/reports/{publication.pk}/")
        page.wait_for_function("document.documentElement.classList.contains('elder')")
        assert page.locator("#elder-toggle").get_attribute("aria-pressed") == "true"
