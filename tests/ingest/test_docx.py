import io

import docx
import pytest

from luoshi.ingest.docx import read_docx
from luoshi.ingest.report import ReadError
from tests.ingest.helpers import FIXTURES


def test_two_tables_field_by_field():
    r = read_docx((FIXTURES / "two_tables.docx").read_bytes(), "two_tables.docx")
    assert r.format == "docx"
    assert r.meta.title == "2022年第一季度政府工作报告重点任务进展情况"  # "附件1" skipped
    assert r.period.quarter == 1 and r.period.as_of == "2022-03"
    assert r.columns == {
        "序号": "seq",
        "类别": "section",
        "目标任务": "content",
        "牵头单位": "lead_units",
        "配合单位": "cooperating_units",
        "进展情况": "progress",
    }
    assert r.warnings == []
    assert [s.heading for s in r.sections] == [
        "(一)扩大有效投资",
        "(二)优化营商环境",
        "三、保障改善民生",
    ]
    t1, t2, t3, t4, t5 = r.tasks
    assert t1.lead_units == ["区发改经信局"]  # the alias paragraph is no second lead unit
    assert t1.unit_aliases == {"区支援合作局": "区发改经信局"}
    assert t1.cooperating_units == ["区统计局", "区财政局"]
    assert t1.progress == "1-3月,固定资产投资增长9.1%。\n超序时进度。"
    assert t1.where == "table 1 row 2"
    assert r.sections[0].tasks == [t1, t2]  # vertically merged section cell
    assert (t2.seq, t2.content, t2.lead_units, t2.progress) == (
        2,
        "新增专项债券10亿元。",
        ["区财政局"],
        "已发行6亿元。",
    )
    assert (t3.seq, t3.lead_units, t3.cooperating_units) == (3, ["区市场监管局"], ["区数据局"])
    # second table: the merged row is a section heading, numbering continues
    assert (t4.seq, t4.content, t4.lead_units) == (4, "新建幼儿园3所。", ["区教育局"])
    assert t4.where == "table 2 row 3"
    assert t5.progress == "新增就业1520人。\n其中高校毕业生620人。"  # <w:br/> is a line break


def test_paragraph_docx():
    r = read_docx((FIXTURES / "paragraphs.docx").read_bytes(), "paragraphs.docx")
    assert r.format == "paragraphs"
    assert r.meta.title == "2023年上半年重点任务督查通报"
    t1, t2 = r.tasks
    assert (t1.seq, t1.content, t1.lead_units, t1.cooperating_units, t1.progress) == (
        1,
        "规上工业增加值增长7%。",
        ["区经信局"],
        ["区统计局"],
        "1-5月增长7.8%。",
    )
    assert t1.where == "paragraph 3"
    assert (t2.seq, t2.lead_units, t2.progress) == (2, ["区商务局"], "完成0.62亿美元。")


def _doc(rows):
    d = docx.Document()
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_missing_lead_unit_names_table_row():
    data = _doc(
        [["序号", "主要工作内容", "牵头单位"], ["1", "任务一。", "区财政局"], ["2", "任务二。", ""]]
    )
    with pytest.raises(ReadError) as e:
        read_docx(data, "x.docx")
    assert e.value.where == "table 1 row 3"


def test_unrecognised_table_lists_heads():
    with pytest.raises(ReadError) as e:
        read_docx(_doc([["甲", "乙"], ["1", "2"]]), "x.docx")
    assert "未找到表头" in e.value.message


def test_automatic_numbering_column_counts_rows():
    # Word list numbering leaves the 序号 cells without text.
    data = _doc(
        [
            ["序号", "主要工作内容", "牵头单位"],
            ["", "任务一。", "区财政局"],
            ["", "任务二。", "区统计局"],
        ]
    )
    assert [t.seq for t in read_docx(data, "x.docx").tasks] == [1, 2]


def test_not_a_docx():
    with pytest.raises(ReadError):
        read_docx(b"PK\x03\x04\x14\x00broken", "x.docx")
