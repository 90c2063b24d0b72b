"""Table readers on the punctuation, heads and unit lists other governments write. Every
test runs twice: with the full-width text as offices type it and with the same text in
ASCII (`fold`); what is stored is the text as written."""

from __future__ import annotations

import pytest

from luoshi.ingest.html import read_html
from luoshi.ingest.report import ReadError
from luoshi.ingest.tabular import (
    head_field,
    parse_seq,
    read_rows,
    split_roles,
    split_section,
    split_units,
    unmapped_progress_head,
)
from luoshi.textparse.fold import fold
from tests.ingest.helpers import LOCATED
from tests.ingest.layouts.build import Grid, Layout, to_docx, to_xlsx

WIDTH = pytest.mark.parametrize("w", [lambda s: s, fold], ids=["full-width", "half-width"])


@WIDTH
@pytest.mark.parametrize(
    "cell,units",
    [
        ("区发改局，区统计局", ["区发改局", "区统计局"]),
        ("区发改局；区统计局；区财政局", ["区发改局", "区统计局", "区财政局"]),
        ("区发改局、区统计局", ["区发改局", "区统计局"]),
        ("区发改局 区统计局", ["区发改局", "区统计局"]),
    ],
)
def test_units_split_on_every_separator(w, cell, units):
    assert split_units(w(cell)) == ([w(u) for u in units], {})


@WIDTH
def test_bracketed_second_name_is_an_alias(w):
    assert split_units(w("区发改经信局（区支援合作局）、区财政局")) == (
        [w("区发改经信局"), "区财政局"],
        {"区支援合作局": w("区发改经信局")},
    )


@WIDTH
def test_bracketed_name_on_its_own_line_is_an_alias(w):
    assert split_units(w("区发改经信局\n（区支援合作局）")) == (
        ["区发改经信局"],
        {"区支援合作局": "区发改经信局"},
    )


@WIDTH
@pytest.mark.parametrize(
    "collective", ["各区、县（市）政府", "各镇（街道）", "各乡镇（街道）", "各县（市、区）"]
)
def test_collective_names_stay_one_unit(w, collective):
    assert split_units(w(f"市发改委、{collective}，市统计局")) == (
        ["市发改委", w(collective), "市统计局"],
        {},
    )


def test_collective_name_does_not_swallow_the_next_unit():
    assert split_units("各镇、区财政局") == (["各镇", "区财政局"], {})


@WIDTH
@pytest.mark.parametrize(
    "text,number,title",
    [
        ("（一）稳定经济增长", "（一）", "稳定经济增长"),
        ("(一)稳定经济增长", "(一)", "稳定经济增长"),
        ("一、稳定经济增长", "一、", "稳定经济增长"),
        ("十二．民生保障", "十二．", "民生保障"),
        ("第二部分 改革开放", "第二部分", "改革开放"),
    ],
)
def test_section_numbers_kept_as_written(w, text, number, title):
    assert split_section(w(text)) == (w(number), title)


@WIDTH
def test_arabic_section_number_only_where_the_document_uses_it(w):
    assert split_section(w("（1）产业发展"), arabic=True) == (w("（1）"), "产业发展")
    assert split_section(w("（1）产业发展")) == ("", w("（1）产业发展"))


@WIDTH
@pytest.mark.parametrize("text", ["１２", "12、", "（12）", "12．", "12.0", "第12项"])
def test_seq_in_any_width(w, text):
    assert parse_seq(w(text)) == 12


@WIDTH
@pytest.mark.parametrize(
    "head",
    [
        "1-11月进展情况",
        "1—9月完成情况",
        "1－6月份完成情况",
        "上半年进展情况",
        "三季度完成情况",
        "第三季度完成情况",
        "前三季度完成情况",
        "截至9月底完成情况",
        "截至2023年9月底进展情况",
        "截至目前进展情况",
        "今年以来推进情况",
        "1月至6月完成情况",
        "2023年完成情况",
        "落实推进情况",
        "落实情况",
        "推进情况",
        "当前进度",
        "实际完成情况",
        "累计完成情况",
        "1-8月实际完成情况",
        "完成情况（截至12月底）",
        "实际完成",
    ],
)
def test_progress_heads_with_a_period_or_another_verb(w, head):
    assert head_field(w(head)) == "progress"


@WIDTH
@pytest.mark.parametrize("head", ["完成率（%）", "1-8月实际完成率%", "实际完成率%"])
def test_completion_rate_heads(w, head):
    assert head_field(w(head)) == "completion_rate"


def test_quarter_heads_stay_milestones():
    assert head_field("三季度") == "milestone:三季度"
    assert head_field("一季度形象进度") == "milestone:一季度"


@WIDTH
@pytest.mark.parametrize(
    "head,field",
    [
        ("主要责任单位", "lead_units"),
        ("其他责任单位", "cooperating_units"),
        ("协办单位", "cooperating_units"),
        ("责任（配合）单位", "cooperating_units"),
        ("协同责任单位", "cooperating_units"),
        ("县政府分线领导", "lead_officials"),
        ("牵头县领导", "lead_officials"),
        ("责任领导", "lead_officials"),
        ("牵头领导", "lead_officials"),
        ("具体责任人", "lead_officials"),
        ("项目责任人", "lead_officials"),
        ("区政府分管领导", "lead_officials"),
        ("牵头单位（部门）", "lead_units"),
    ],
)
def test_role_heads(w, head, field):
    assert head_field(w(head)) == field


def test_unmapped_head_ending_in_progress_words_is_flagged():
    assert unmapped_progress_head("是否达到序时进度")
    assert unmapped_progress_head("督查认定情况")
    assert not unmapped_progress_head("进展情况")
    assert not unmapped_progress_head("存在问题")


def test_unmapped_progress_column_is_a_warning_naming_it():
    r = read_rows(
        [
            ["序号", "工作任务", "牵头单位", "是否达到序时进度"],
            ["1", "任务一。", "区发改局", "是"],
        ]
    )
    assert r.columns["是否达到序时进度"] == ""
    assert r.warnings == [
        "row 1: 未认出的进展列「是否达到序时进度」, 该列未读取 (可在导入预览中指定为完成情况)"
    ]


@WIDTH
def test_period_progress_column_makes_a_report_not_a_plan(w):
    r = read_rows(
        [
            [w("序号"), w("工作任务"), w("牵头单位"), w("1—9月完成情况")],
            ["1", w("新增就业3000人。"), w("区人社局"), w("新增2600人，完成86.7%。")],
        ]
    )
    assert r.has_progress
    assert r.columns == {
        "序号": "seq",
        "工作任务": "content",
        "牵头单位": "lead_units",
        w("1—9月完成情况"): "progress",
    }
    assert r.tasks[0].progress == w("新增2600人，完成86.7%。")


@WIDTH
def test_first_unit_of_a_responsibility_cell_leads(w):
    r = read_rows(
        [["序号", "重点工作任务", "责任单位"], ["1", "任务一。", w("区发改局，区统计局；区财政局")]]
    )
    (t,) = r.tasks
    assert (t.lead_units, t.cooperating_units) == (["区发改局"], ["区统计局", "区财政局"])


@WIDTH
def test_role_labels_inside_a_unit_cell(w):
    r = read_rows(
        [
            ["序号", "工作任务", "责任单位"],
            ["1", "任务一。", w("牵头单位：区发改局；配合单位：区统计局、区财政局")],
        ]
    )
    (t,) = r.tasks
    assert (t.lead_units, t.cooperating_units) == (["区发改局"], ["区统计局", "区财政局"])


@WIDTH
def test_trailing_lead_unit_line_in_content_is_read_and_cut_off(w):
    r = read_rows(
        [
            ["序号", "工作任务", "责任单位"],
            ["1", w("新建公园3个。\n（牵头单位：区住建局；责任单位：各街道）"), ""],
        ]
    )
    (t,) = r.tasks
    assert t.content == "新建公园3个。"
    assert (t.lead_units, t.cooperating_units) == (["区住建局"], ["各街道"])


def test_split_roles_keeps_names_as_written():
    assert split_roles("牵头单位：区发改局；配合单位：区统计局（区普查中心）") == [
        ("lead_units", "区发改局"),
        ("cooperating_units", "区统计局（区普查中心）"),
    ]


@WIDTH
def test_full_width_section_rows_and_column(w):
    r = read_rows(
        [
            ["序号", "项目", "主要工作内容", "牵头单位"],
            ["1", w("（一）稳定增长"), "任务一。", "区发改局"],
            ["2", w("（一）稳定增长"), "任务二。", "区发改局"],
            ["3", w("（1）产业升级"), "任务三。", "区经信局"],
        ]
    )
    assert [(s.number, s.title, len(s.tasks)) for s in r.sections] == [
        (w("（一）"), "稳定增长", 2),
        (w("（1）"), "产业升级", 1),
    ]


@WIDTH
def test_minsheng_name_opens_the_content_and_target_follows(w):
    r = read_rows(
        [
            ["序号", "项目名称", "目标任务", "责任单位", "实际完成", "完成率", "备注"],
            ["1", w("老旧小区改造（二期）"), w("改造小区20个。"), "区住建局", "15个", "75%", ""],
            ["2", "新增学位", w("新增学位3000个。"), "区教育局", "3000个", "100%", "已完成"],
        ]
    )
    t1, t2 = r.tasks
    assert t1.content == w("老旧小区改造（二期）\n改造小区20个。")
    assert (t1.progress, t1.completion_rate) == ("15个", "75%")
    assert t2.content == w("新增学位\n新增学位3000个。") and t2.remarks == "已完成"
    assert [s.heading for s in r.sections] == [""]


def test_project_column_shared_by_tasks_stays_a_section():
    r = read_rows(
        [
            ["序号", "项目名称", "目标任务", "责任单位"],
            ["1", "民生保障", "任务一。", "区民政局"],
            ["2", "民生保障", "任务二。", "区民政局"],
        ]
    )
    assert [s.heading for s in r.sections] == ["民生保障"]
    assert r.tasks[0].content == "任务一。"


@WIDTH
def test_two_row_head_with_period_parent_is_one_head(w):
    r = read_rows(
        [
            ["序号", "项目名称", "目标任务", "责任单位", w("1-8月"), w("1-8月"), "备注"],
            ["序号", "项目名称", "目标任务", "责任单位", "实际完成情况", w("实际完成率%"), "备注"],
            ["1", "新增就业", "8950人", "人社局", "7356", "82%", ""],
        ]
    )
    (t,) = r.tasks
    assert t.seq == 1 and t.progress == "7356" and t.completion_rate == "82%"
    assert r.columns[w("1-8月") + "/实际完成情况"] == "progress"


def test_skipped_html_table_is_named_in_a_warning():
    page = """<html><body><h1>2023年重点工作任务进展情况</h1>
    <table><tr><td>序号</td><td>指标</td><td>进展情况</td></tr><tr><td>1</td><td>GDP</td><td>6%</td></tr></table>
    <table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>进展情况</td></tr>
    <tr><td>1</td><td>任务一。</td><td>区发改局</td><td>已完成。</td></tr></table></body></html>"""
    r = read_html(page.encode(), "p.html")
    assert r.warnings == ["跳过未认出表头的表格: table 1"]
    assert [t.content for t in r.tasks] == ["任务一。"]


@WIDTH
def test_refusal_still_names_the_cell(w):
    with pytest.raises(ReadError) as e:
        read_rows([["序号", "工作任务", "牵头单位"], [w("（1）"), "任务一。", ""]], source="t.csv")
    assert e.value.where == "row 2" and LOCATED.search(str(e.value))
    assert "没有牵头单位" in e.value.message


def _docx(*tables):
    return to_docx(Layout("t", "docx", [Grid(caption, rows) for caption, rows in tables]))


@WIDTH
def test_docx_attachments_are_sections_numbered_on(w):
    from luoshi.ingest.docx import read_docx

    head = ["序号", "工作任务", "牵头单位", "进展情况"]
    data = _docx(
        (w("附件1：主要指标"), [head, ["1", "指标一。", "区统计局", "完成。"]]),
        (w("附件2：重点任务"), [head, ["1", "任务一。", "区发改局", "推进中。"]]),
    )
    r = read_docx(data, "a.docx")
    assert [s.title for s in r.sections] == [w("附件1：主要指标"), w("附件2：重点任务")]
    assert [(t.seq, t.number) for t in r.tasks] == [(1, "1"), (2, "1")]
    assert r.warnings == ["table 2 重新从 1 编号, 序号顺延为 2 起"]


def test_docx_table_continued_without_a_caption_stays_in_its_section():
    from luoshi.ingest.docx import read_docx

    head = ["序号", "工作任务", "牵头单位"]
    data = _docx(
        ("", [head, ["1", "任务一。", "区发改局"]]),
        ("", [head, ["2", "任务二。", "区财政局"]]),
    )
    r = read_docx(data, "a.docx")
    assert [s.heading for s in r.sections] == [""]
    assert [t.seq for t in r.tasks] == [1, 2]


def test_hand_mapped_name_column_keeps_its_mapping():
    rows = [
        ["序号", "项目名称", "目标任务", "责任单位"],
        ["1", "老旧小区改造", "改造小区20个。", "区住建局"],
    ]
    r = read_rows(rows, column_overrides={1: "section"})
    assert [s.heading for s in r.sections] == ["老旧小区改造"]
    assert r.tasks[0].content == "改造小区20个。"


@WIDTH
def test_period_sub_heads_under_a_progress_head_are_head_not_data(w):
    r = read_rows(
        [
            ["序号", "目标任务", "责任单位", "完成情况", "完成情况"],
            ["", "", "", w("1—8月"), "完成率"],
            ["1", "新增就业8950人。", "人社局", "7356人", "82%"],
        ]
    )
    (t,) = r.tasks
    assert (t.progress, t.completion_rate) == ("7356人", "82%")
    assert r.columns["完成情况/" + w("1—8月")] == "progress"


def test_unrecognised_sub_head_is_named_and_not_read():
    r = read_rows(
        [
            ["序号", "目标任务", "责任单位", "完成情况", "完成情况"],
            ["序号", "目标任务", "责任单位", "实际完成", "督查认定"],
            ["1", "新增就业8950人。", "人社局", "7356人", "达序时"],
        ]
    )
    (t,) = r.tasks
    assert t.progress == "7356人"
    assert r.columns["完成情况/督查认定"] == ""


def test_short_first_task_under_an_empty_seq_is_a_task_not_a_head():
    r = read_rows(
        [
            ["序号", "主要工作内容", "牵头单位"],
            ["", "地区生产总值增长6%", "区发改局"],
            ["", "财政收入增长5%", "区财政局"],
        ]
    )
    assert [t.content for t in r.tasks] == ["地区生产总值增长6%", "财政收入增长5%"]


def _xlsx(names, *tables):
    return to_xlsx(Layout("t", "xlsx", [Grid("", rows) for rows in tables], sheet_names=names))


def test_xlsx_sheets_named_by_their_names_are_sections():
    from luoshi.ingest.xlsx import read_xlsx

    head = ["序号", "工作任务", "牵头单位"]
    data = _xlsx(
        ["主要指标", "重点任务"],
        [head, ["1", "指标一。", "区统计局"]],
        [head, ["1", "任务一。", "区发改局"]],
    )
    r = read_xlsx(data, "a.xlsx")
    assert [s.title for s in r.sections] == ["主要指标", "重点任务"]
    assert [t.seq for t in r.tasks] == [1, 2]


def test_xlsx_default_sheet_names_continue_one_section():
    from luoshi.ingest.xlsx import read_xlsx

    head = ["序号", "工作任务", "牵头单位"]
    data = _xlsx(
        ["Sheet1", "Sheet2"],
        [head, ["1", "任务一。", "区统计局"]],
        [head, ["2", "任务二。", "区发改局"]],
    )
    r = read_xlsx(data, "a.xlsx")
    assert [s.heading for s in r.sections] == [""]
    assert [t.seq for t in r.tasks] == [1, 2]
