"""The portal in a real browser: search, task page, 长辈版, keyboard, charts, zoom."""

import json
import re

import pytest

from luoshi.plans.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def publication(seed_report):
    from luoshi.imports.importer import store_report

    return store_report(seed_report).publication


def _root_font_px(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_search_for_elevator_finds_tasks_90_and_89_and_highlights_it(
    live_server, page, publication
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("searchbox", name="检索任务").fill("电梯")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    hits = page.locator("li.hit")
    seqs = sorted(int(hits.nth(i).get_attribute("data-seq")) for i in range(hits.count()))
    assert seqs == [89, 90]
    hit90 = page.locator('li.hit[data-seq="90"]')
    assert "既有住宅加装电梯" in hit90.inner_text()
    marks = hit90.locator("mark")
    assert marks.count() >= 2 and marks.first.inner_text() == "电梯"
    assert marks.first.is_visible()


def test_task_76_page_shows_270_vs_379_beds_and_140_percent(live_server, page, publication):
    task = Task.objects.get(seq=76)
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    row = page.locator("table.figures tbody tr").first
    assert "270 张" in row.locator(".target-value").inner_text()
    assert "379 张" in row.locator(".actual-value").inner_text()
    assert row.locator(".percent").inner_text() == "140%"


def test_elderly_mode_enlarges_the_text_and_survives_a_reload(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    before = _root_font_px(page)
    toggle = page.get_by_role("button", name="长辈版")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert _root_font_px(page) >= before * 1.25
    page.reload()
    assert "elder" in page.evaluate("document.documentElement.className")
    assert _root_font_px(page) >= before * 1.25
    assert page.get_by_role("button", name="长辈版").get_attribute("aria-pressed") == "true"
    assert page.evaluate("localStorage.getItem('luoshi_elder')") == "1"


def test_font_size_control_large_and_small(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    medium = _root_font_px(page)
    page.get_by_role("button", name="大", exact=True).click()
    assert _root_font_px(page) > medium
    page.get_by_role("button", name="小", exact=True).click()
    assert _root_font_px(page) < medium
    page.reload()
    assert _root_font_px(page) < medium


def test_report_page_filter_works_by_keyboard_alone(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-status":
            break
    else:
        pytest.fail("the class filter is not reachable by Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.value")
    assert chosen
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "筛选"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**status={chosen}*")
    statuses = page.locator("tr.task").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses and set(statuses) == {chosen}


def test_skip_link_is_the_first_stop_and_jumps_to_main(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_charts_render_and_their_tables_hold_the_same_numbers(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/charts/")
    page.wait_for_selector(".charts[data-rendered=true]")
    for chart in ("classes", "sections", "units", "targets"):
        assert page.locator(f"#chart-{chart} canvas").count() >= 1
    data = json.loads(
        page.evaluate(f"fetch('/reports/{publication.pk}/charts.json').then(r => r.text())")
    )
    rows = page.locator("#table-classes tbody tr")
    table = {
        rows.nth(i).locator("th").inner_text(): int(rows.nth(i).locator("td").inner_text())
        for i in range(rows.count())
    }
    assert table == {c["label"]: c["count"] for c in data["classes"]}
    units = page.locator("#table-units tbody tr")
    assert units.count() == len(data["units"]["rows"])
    first = [int(x) for x in units.first.locator("td").all_inner_texts()]
    assert first == [*data["units"]["rows"][0]["counts"], data["units"]["rows"][0]["total"]]
    targets = page.locator("#table-targets").inner_text()
    assert re.search(r"76\s+新增养老机构床位270张\s+270张\s+379张\s+140%", targets)


@pytest.mark.parametrize("elder", [False, True])
def test_no_horizontal_scroll_at_200_percent_zoom(live_server, browser, publication, elder):
    # 200% zoom of a 1280px window: the layout sees 640 CSS pixels.
    context = browser.new_context(locale="zh-CN", viewport={"width": 640, "height": 900})
    if elder:
        context.add_cookies([{"name": "luoshi_elder", "value": "1", "url": live_server.url}])
    page = context.new_page()
    task = Task.objects.get(seq=76)
    for path in (f"/reports/{publication.pk}/", f"/tasks/{task.pk}/", "/search/?q=电梯"):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    context.close()


def test_landmarks_and_labels(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("search").count() >= 2
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input:not([type=hidden]), select')]
           .filter(e => !e.labels.length && !e.getAttribute('aria-label')).length"""
    )
    assert unlabelled == 0


def test_print_stylesheet_keeps_the_table_and_drops_the_controls(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    page.emulate_media(media="print")
    assert page.locator("table.report").is_visible()
    assert page.locator("table.meta-block").is_visible()
    for selector in ("header.site", "form.filters", ".downloads", ".report-tools"):
        assert page.locator(selector).first.is_hidden(), selector
