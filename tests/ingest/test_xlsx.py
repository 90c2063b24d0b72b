import io

import openpyxl
import pytest

from luoshi.ingest.report import ReadError
from luoshi.ingest.tabular import read_rows
from luoshi.ingest.xlsx import read_xlsx
from tests.ingest.helpers import FIXTURES


def test_decomposition_table_field_by_field():
    r = read_xlsx((FIXTURES / "decomposition.xlsx").read_bytes(), "decomposition.xlsx")
    assert r.format == "xlsx"
    assert r.meta.title == "2023年政府工作报告重点任务分解表"  # the title row above the head
    assert r.period.year == 2023 and r.period.quarter is None
    assert r.columns == {
        "序号": "seq",
        "项目名称": "section",  # "项目\n名称" matched and shown without the break
        "重点工作任务": "content",
        "责任单位": "units",
        "牵头领导": "lead_officials",
        "完成时限": "deadline",
        "季度形象进度/一季度": "milestone:一季度",
        "季度形象进度/第二季度": "milestone:二季度",
        "季度形象进度/3季度": "milestone:三季度",
        "季度形象进度/四季度": "milestone:四季度",
    }
    assert r.warnings == ["跳过未认出表头的表格: sheet 填表说明"]
    assert [(s.number, s.title) for s in r.sections] == [
        ("(一)", "稳定经济增长"),
        ("", "主要经济指标"),
    ]
    t1, t2, t3 = r.tasks
    assert t1.seq == 1
    assert t1.content == "地区生产总值增长6.5%。"
    assert t1.lead_units == ["区发改局"]
    assert t1.cooperating_units == ["区财政局", "区统计局"]
    assert t1.lead_officials == ["张三"]
    assert t1.deadline == "2023年12月"
    assert t1.milestones == {
        "一季度": "增长6%",
        "二季度": "增长6.2%",
        "三季度": "增长6.4%",
        "四季度": "增长6.5%",
    }
    assert t1.progress == "" and not r.has_progress
    assert t1.where == "sheet 分解表 row 4"
    assert r.sections[0].tasks == [t1, t2]  # merged section cell B4:B5
    assert t2.lead_units == ["区发改局"] and t2.cooperating_units == ["区住建局"]
    assert t2.lead_officials == ["张三", "李四"]
    assert t3.seq == 3
    assert t3.milestones == {"四季度": "3%以内"}
    assert t3.deadline == "全年"


def _book(*rows, title="表1"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


HEAD = ("序号", "主要工作内容", "牵头单位", "完成情况")


def test_non_integer_seq_names_sheet_row_column():
    data = _book(HEAD, (1, "任务一。", "区财政局", ""), ("二", "任务二。", "区财政局", ""))
    with pytest.raises(ReadError) as e:
        read_xlsx(data, "x.xlsx")
    assert e.value.where == "sheet 表1 row 3 column A"
    assert "序号" in e.value.message


def test_missing_lead_unit_names_column():
    data = _book(HEAD, (1, "任务一。", None, "进展"))
    with pytest.raises(ReadError) as e:
        read_xlsx(data, "x.xlsx")
    assert e.value.where == "sheet 表1 row 2 column C"


def test_no_head_lists_what_was_looked_for():
    with pytest.raises(ReadError) as e:
        read_xlsx(_book(("a", "b"), ("c", "d")), "x.xlsx")
    assert e.value.message.startswith("未找到表头: 需要 主要工作内容 与 牵头单位/责任单位 列")


def test_head_only_is_an_error():
    with pytest.raises(ReadError):
        read_xlsx(_book(HEAD), "x.xlsx")


def test_float_seq_and_repeated_heading_returns_to_section():
    rows = [
        ("序号", "项目名称", "主要工作内容", "牵头单位"),
        (1.0, "(一)甲", "任务一。", "区财政局"),
        (2.0, "(二)乙", "任务二。", "区财政局"),
        (3.0, "(一)甲", "任务三。", "区财政局"),
    ]
    r = read_xlsx(_book(*rows), "x.xlsx")
    assert [[t.seq for t in s.tasks] for s in r.sections] == [[1, 3], [2]]


def test_corrupt_bytes():
    with pytest.raises(ReadError):
        read_xlsx(b"PK\x03\x04garbage", "x.xlsx")


def test_read_rows_with_overrides_and_no_head():
    rows = [[1, "任务一。", "区财政局、区税务局"], [2, "任务二。", "区统计局"]]
    r = read_rows(rows, "pasted", {0: "seq", 1: "content", 2: "units"})
    assert [t.seq for t in r.tasks] == [1, 2]
    assert r.tasks[0].lead_units == ["区财政局"] and r.tasks[0].cooperating_units == ["区税务局"]
    with pytest.raises(ReadError):
        read_rows(rows, "pasted", {0: "seq", 1: "nonsense"})


def test_sheet_name_as_title_when_nothing_else():
    r = read_xlsx(
        _book(HEAD, (1, "任务一。", "区财政局", "已完成。"), title="2022年三季度"), "x.xlsx"
    )
    assert r.meta.title == "2022年三季度"
    assert r.period.quarter == 3
