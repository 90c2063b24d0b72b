"""The public disclosure page of a report: metadata, table, filters, badges, escaping."""

import re

import pytest
from django.urls import reverse

from luoshi.plans.models import Task
from luoshi.progress.models import Progress

pytestmark = pytest.mark.django_db


def _page(client, publication, **params):
    response = client.get(reverse("disclosure:report_detail", args=[publication.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _row_seqs(html):
    return [int(s) for s in re.findall(r'<tr class="task" data-seq="(\d+)"', html)]


def test_report_page_shows_all_106_rows_in_order(client, seed_publication):
    assert _row_seqs(_page(client, seed_publication)) == list(range(1, 107))


def test_report_page_shows_the_metadata_block(client, seed_publication):
    html = _page(client, seed_publication)
    for text in [
        "信息索引号",
        "K1493206-6/2022-22822",
        "主动公开",
        "区府办",
        "面向全社会",
        "长期公开",
        "2022-01-19",
        "2022-01-19 11:50:16",
        "2021年四季度《政府工作报告》主要目标任务完成情况",
    ]:
        assert text in html


def test_report_page_spans_each_section_over_its_rows(client, seed_publication):
    html = _page(client, seed_publication)
    spans = re.findall(r'<td class="section" rowspan="(\d+)">([^<]+)</td>', html)
    assert len(spans) == 21
    assert sum(int(n) for n, _ in spans) == 106
    assert spans[0][1] == "(一)经济社会发展主要预期目标"


def test_filter_by_lead_unit_shows_only_its_tasks(client, seed_publication):
    html = _page(client, seed_publication, unit="区住建局")
    seqs = _row_seqs(html)
    expected = sorted(
        Task.objects.filter(task_units__role="lead", task_units__unit__name="区住建局").values_list(
            "seq", flat=True
        )
    )
    assert len(seqs) == 11
    assert seqs == expected


def test_filter_by_section_shows_only_its_tasks(client, seed_publication):
    section = seed_publication.plan.sections.get(number="(三)")
    seqs = _row_seqs(_page(client, seed_publication, section=section.pk))
    assert seqs == sorted(section.tasks.values_list("seq", flat=True))
    assert 10 in seqs and 17 in seqs


def test_filter_by_class_shows_only_that_class(client, seed_publication):
    behind = Progress.objects.filter(period=seed_publication.period, status="behind")
    seqs = _row_seqs(_page(client, seed_publication, status="behind"))
    assert seqs == sorted(behind.values_list("task__seq", flat=True))


def test_report_page_opens_with_the_count_of_tasks_per_class(client, seed_publication):
    html = _page(client, seed_publication)
    counts = dict(
        re.findall(
            r'class="badge badge-(\w+)" href="\?status=\w+">[^<]+<strong>(\d+)</strong>', html
        )
    )
    assert sum(int(n) for n in counts.values()) == 106
    stored = Progress.objects.filter(period=seed_publication.period)
    for status, n in counts.items():
        assert stored.filter(status=status).count() == int(n)


def test_each_row_carries_its_class_badge(client, seed_publication):
    html = _page(client, seed_publication)
    assert len(re.findall(r'<td class="assessment">\s*<span class="badge badge-', html)) == 106


def test_text_from_documents_is_escaped(client, seed_publication):
    task = Task.objects.get(seq=1)
    task.content = '<script>alert("x")</script>'
    task.save()
    html = _page(client, seed_publication)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_each_view_counts_one_click(client, seed_publication):
    for expected in (1, 2, 3):
        html = _page(client, seed_publication)
        assert f'<span id="clicks">{expected}</span>' in html


def test_report_list_links_each_report(client, seed_publication):
    response = client.get("/")
    assert response.status_code == 200
    assert (
        reverse("disclosure:report_detail", args=[seed_publication.pk]) in response.content.decode()
    )


def test_unknown_report_is_404(client, db):
    assert client.get("/reports/999/").status_code == 404


def test_report_page_writes_numbers_as_the_report_does_without_padding_zeros(
    client, seed_publication
):
    # Task 1's target is 地区生产总值增长7.5%: "7.5%", not "7.50%".
    html = _page(client, seed_publication)
    row = re.search(r'<tr class="task" data-seq="1".*?</tr>', html, re.S).group(0)
    assert "目标 7.5%" in row
    assert "7.50" not in html
