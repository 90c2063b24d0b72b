"""The task page: a task's content, units and every published quarter side by side."""

import re

import pytest

from luoshi.plans.models import Task
from tests.portal import Q3_TITLE, store_third_quarter

pytestmark = pytest.mark.django_db


def _html(client, seq):
    task = Task.objects.get(seq=seq)
    response = client.get(f"/tasks/{task.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_task_page_shows_content_units_and_the_quarter(client, seed_publication):
    html = _html(client, 90)
    assert "完成既有住宅加装电梯165台以上。" in html
    assert "区住建局" in html
    assert "2021年四季度" in html
    assert "已完成加装电梯165台。" in html


def test_task_76_shows_270_vs_379_beds_and_140_percent(client, seed_publication):
    text = _text(_html(client, 76))
    assert "新增养老机构床位270张 270 张 379 张 140% 100%" in text


def test_each_quarter_links_to_its_disclosure_page(client, seed_publication, seed_report):
    q3 = store_third_quarter(seed_report)
    html = _html(client, 76)
    assert f'href="/reports/{q3.pk}/#task-76"' in html
    assert f'href="/reports/{seed_publication.pk}/#task-76"' in html
    assert html.index(Q3_TITLE) < html.index(seed_publication.title)


def test_changed_text_is_shown_as_a_diff_against_the_previous_quarter(
    client, seed_publication, seed_report
):
    store_third_quarter(seed_report)
    html = _html(client, 76)
    assert re.search(r"<ins>[^<]*379[^<]*</ins>", html)
    assert re.search(r"<del>[^<]*200[^<]*</del>", html)


def test_figures_up_since_the_previous_quarter_get_an_up_arrow(
    client, seed_publication, seed_report
):
    store_third_quarter(seed_report)
    text = _text(_html(client, 76))
    assert "▲ 上升 (上期 200张)" in text
    # The third quarter: 200 of 270 at 序时 75%.
    assert "270 张 200 张 74% 75%" in text


def test_unchanged_text_says_so_instead_of_a_diff(client, seed_publication, seed_report):
    store_third_quarter(seed_report)
    html = _html(client, 90)
    assert "与上期相同" in html
    assert "<ins>" not in html


def test_the_diff_escapes_document_text(client, seed_publication, seed_report):
    store_third_quarter(seed_report, texts={90: "<script>alert(1)</script>"})
    html = _html(client, 90)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_rows_link_to_their_task_pages(client, seed_publication):
    html = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    task = Task.objects.get(seq=76)
    assert f'<a href="/tasks/{task.pk}/"' in html
    assert 'id="task-76"' in html


def test_unknown_task_is_404(client, db):
    assert client.get("/tasks/999999/").status_code == 404


def test_each_quarters_text_is_whole_with_the_diff_on_request(
    client, seed_publication, seed_report
):
    store_third_quarter(seed_report)
    html = _html(client, 76)
    fourth = html[html.rindex('<section class="quarter"') :]
    text = fourth[fourth.index('<div class="progress-text">') :]
    text = text[: text.index("</div>")]
    assert "共新增养老机构床位379张" in text and "<ins>" not in text
    details = fourth[fourth.index('<details class="diff">') :]
    assert details.index("<summary>与上期相比的改动</summary>") < details.index("<ins>")


def test_quarters_of_different_years_are_not_compared(client, seed_publication, seed_report):
    """Figures restart each January: 2021 Q4 is no baseline for 2022 Q1's text or arrows."""
    import copy

    from luoshi.disclosure.history import quarters
    from luoshi.imports.importer import store_report
    from luoshi.ingest.report import PeriodSpec

    report = copy.deepcopy(seed_report)
    report.period = PeriodSpec(
        year=2022, quarter=1, start_month=1, end_month=3, label="2022年一季度"
    )
    report.meta.title = "2022年一季度《政府工作报告》主要目标任务完成情况"
    report.meta.index_no = "K1493206-6/2022-30001"
    for task in report.tasks:
        task.progress = "一季度加装电梯30台。"
    store_report(report, source_name="q1-2022")
    rows = quarters(Task.objects.filter(seq=90).order_by("plan__year").first())
    assert [q.period.label for q in rows] == ["2021年四季度", "2022年一季度"]
    assert rows[1].diff is None and not rows[1].changed
    assert all(c["trend"] == "" for c in rows[1].comparisons)


def test_range_and_reduction_targets_are_shown(client, seed_publication):
    from luoshi.disclosure.models import PublishedProgress
    from luoshi.textparse import assess

    result = assess({"id": "76", "content": "地区生产总值增长6%-6.5%,单位GDP能耗下降3%。",
                     "status_text": "全年地区生产总值增长6.1%,单位GDP能耗下降3.5%。",
                     "as_of": "2021-12"})  # fmt: skip
    row = PublishedProgress.objects.get(publication=seed_publication, task__seq=76)
    row.targets, row.actuals = result["targets"], result["actuals"]
    row.save()
    text = _text(_html(client, 76))
    assert "地区生产总值增长6%-6.5% 6-6.5 % 6.1 % —" in text
    assert "单位GDP能耗下降3% 3 % 3.5 % —" in text
