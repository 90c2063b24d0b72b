"""The portal in a real browser after corrections, with its explanations, its error
pages, on a phone, and under axe-core."""

import json

import pytest
from django.contrib.auth import get_user_model

from luoshi.plans.models import Task
from tests.browser.axe import violations
from tests.portal import correct_twice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def publication(seed_report):
    from luoshi.imports.importer import store_report

    return store_report(seed_report).publication


def _overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_main_pages_have_no_axe_violation(live_server, page, publication):
    task = Task.objects.get(seq=76)
    pages = [
        "/",
        f"/reports/{publication.pk}/",
        f"/reports/{publication.pk}/?unit=区住建局",
        f"/reports/{publication.pk}/charts/",
        f"/tasks/{task.pk}/",
        "/search/?q=电梯",
        "/governments/",
        "/compare/?q=养老",
        "/api/",
        "/reports/999999/",
    ]
    found = {}
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        if "charts" in path:
            page.wait_for_selector(".charts[data-rendered]")
        if problems := violations(page):
            found[path] = problems
    assert found == {}


def test_after_two_corrections_search_and_api_give_the_current_version_only(
    live_server, page, publication
):
    v1, v2, v3 = correct_twice(publication)
    page.goto(f"{live_server.url}/search/?q=加装电梯")
    hits = page.locator('li.hit[data-seq="90"]')
    assert hits.count() == 1
    assert "172台" in hits.inner_text()
    assert f"/reports/{v3.pk}/" in hits.locator(".hit-source a").get_attribute("href")

    page.goto(f"{live_server.url}/api/v1/reports")
    reports = json.loads(page.locator("body").inner_text())["results"]
    assert [(r["id"], r["version"], r["is_current"]) for r in reports] == [(v3.pk, 3, True)]

    page.goto(f"{live_server.url}/reports/{v1.pk}/")
    note = page.locator(".superseded")
    assert note.is_visible() and "已更正" in note.inner_text()
    note.get_by_role("link").click()
    page.wait_for_url(f"**/reports/{v3.pk}/")
    assert page.locator(".superseded").count() == 0
    marks = page.locator(".versions .corrected-mark")
    assert marks.count() == 2 and marks.first.is_visible()


def test_the_legend_and_a_badges_evidence_are_visible(live_server, page, publication):
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    legend = page.locator("section.legend")
    assert legend.is_visible()
    assert "序时进度 100%" in legend.inner_text()
    row = page.locator("#task-76")
    body = row.locator(".evidence-body")
    assert not body.is_visible()
    row.locator("details.evidence summary").click()
    assert body.is_visible()
    assert "共新增养老机构床位379张" in body.inner_text()
    assert "超过目标" in body.inner_text()


def test_a_404_page_has_the_site_header_and_a_way_home(live_server, page, db):
    response = page.goto(f"{live_server.url}/reports/999999/")
    assert response.status == 404
    assert page.get_by_role("banner").is_visible()
    assert page.get_by_role("heading", level=1).inner_text().startswith("页面不存在")
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_403_page_has_the_site_header(live_server, page, db):
    from tests.quarter import PASSWORD

    get_user_model().objects.create_user("no-role", password=PASSWORD)
    page.goto(f"{live_server.url}/accounts/login/?next=/work/tasks/")
    page.get_by_label("用户名").fill("no-role")
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_response(lambda r: r.url.endswith("/work/tasks/")) as refused:
        page.get_by_role("button", name="登录").click()
    assert refused.value.status == 403
    assert page.get_by_role("banner").is_visible()
    assert "无权访问" in page.get_by_role("heading", level=1).inner_text()


def test_on_a_phone_sections_fold_and_nothing_scrolls_sideways(live_server, browser, publication):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    toggles = page.locator(".section-toggle")
    assert toggles.count() == 21 and toggles.first.is_visible()
    assert page.locator("tr.task:visible").count() == 0  # every section folded
    toggles.first.click()
    assert toggles.first.get_attribute("aria-expanded") == "true"
    shown = page.locator("tr.task:visible")
    assert shown.count() == 5
    assert "(一)经济社会发展主要预期目标" in shown.first.locator(".card-section").inner_text()
    assert _overflow(page) <= 0
    task = Task.objects.get(seq=76)
    for path in (f"/tasks/{task.pk}/", f"/reports/{publication.pk}/charts/", "/api/", "/"):
        page.goto(f"{live_server.url}{path}")
        assert _overflow(page) <= 0, path
    context.close()


def test_on_a_phone_touch_targets_are_at_least_44px(live_server, browser, publication):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/reports/{publication.pk}/")
    page.locator(".section-toggle").first.click()
    small = page.evaluate(
        """[...document.querySelectorAll(
              'header a, header button, header input, main a, main button, main select, main input, main summary, footer a')]
           .filter(e => e.offsetParent !== null && !e.closest('.visually-hidden, td.progress, td.content'))
           .map(e => [e.tagName + ' ' + (e.innerText || e.name || '').slice(0, 20), e.getBoundingClientRect()])
           .filter(([, r]) => r.height < 44 || r.width < 44)
           .map(([name, r]) => name + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))"""
    )
    assert small == []
    context.close()
