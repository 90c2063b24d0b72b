"""The report page explains each class: the legend, each badge's evidence, per-target
states (an upper limit judged as a limit); the charts colour each target by its own state."""

import pytest

from luoshi.disclosure import charts

pytestmark = pytest.mark.django_db


def _html(client, publication, **params):
    return client.get(f"/reports/{publication.pk}/", params).content.decode()


def _row(html, seq):
    start = html.index(f'id="task-{seq}"')
    return html[start : html.index("</tr>", start)]


def test_the_legend_gives_each_class_its_rule_and_the_schedule(client, seed_publication):
    html = _html(client, seed_publication)
    legend = html[
        html.index('id="legend-h"') : html.index("</section>", html.index('id="legend-h"'))
    ]
    for label in ("超额完成", "已完成", "序时推进", "推进中", "滞后", "数据待出"):
        assert label in legend
    assert "序时进度 100%" in legend  # the fourth quarter: the whole year elapsed
    assert "数据待出 &gt; 滞后 &gt; 超额完成" in legend


def test_a_badge_has_its_evidence_on_request(client, seed_publication):
    row = _row(_html(client, seed_publication), 76)
    evidence = row[row.index('<details class="evidence">') :]
    assert "<summary>依据" in evidence
    assert '<q class="evidence-text">共新增养老机构床位379张</q>' in evidence
    assert "目标: 新增养老机构床位270张" in evidence and "完成 140%" in evidence
    assert "序时进度 100%" in evidence and "超过目标" in evidence


def test_a_target_is_shown_in_its_own_state_beside_the_tasks_class(client, seed_publication):
    # Task 40 is 滞后 by its text (收储14宗 of 19), while its land areas are exceeded.
    row = _row(_html(client, seed_publication), 40)
    assert 'class="badge badge-behind"' in row
    assert "目标 683亩 · 实际 1108亩 · <strong>162%</strong>" in row
    assert '<span class="state state-exceeded">超过目标</span>' in row


def test_an_upper_limit_is_met_by_staying_under_it(client, seed_publication):
    row = _row(_html(client, seed_publication), 16)
    assert "上限 80天 · 实际 80天" in row
    assert "不超过 (上限)" in row and "达到目标" in row


def test_chart_bars_take_their_targets_state_and_limits_are_marked(seed_publication):
    targets = charts.chart_data(seed_publication)["targets"]
    land = next(t for t in targets if t["seq"] == 40 and t["target_text"] == "683亩")
    assert (land["percent"], land["colour"], land["status"]) == (162, "exceeded", "behind")
    limit = next(t for t in targets if t["seq"] == 16)
    assert limit["limit"] is True and limit["colour"] == "completed"


def test_an_unknown_class_filter_is_said_on_the_page(client, seed_publication):
    html = _html(client, seed_publication, status="nonsense")
    assert "没有“nonsense”这一评估类别" in html
    assert html.count('class="task"') == 106


def test_topic_grouping_and_the_downloads_in_the_attachments_row(client, seed_publication):
    html = _html(client, seed_publication)
    assert "主题分类" in html and "组配分类" in html
    row = html[
        html.index('class="attachments"') : html.index("</tr>", html.index('class="attachments"'))
    ]
    for fmt in ("csv", "xlsx", "json", "docx", "pdf"):
        assert f"/reports/{seed_publication.pk}/download.{fmt}" in row


def test_every_card_names_its_section(client, seed_publication):
    html = _html(client, seed_publication)
    assert html.count('<span class="card-section">') == 106
    assert html.count('class="section-group"') == 21
