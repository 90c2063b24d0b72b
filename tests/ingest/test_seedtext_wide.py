"""Page text with the punctuation offices type: every test runs on the full-width text and
on the same text folded to ASCII."""

from __future__ import annotations

import pytest

from luoshi.ingest.seedtext import read_seedtext
from luoshi.textparse.fold import fold

WIDTH = pytest.mark.parametrize("w", [lambda s: s, fold], ids=["full-width", "half-width"])
HEAD = ("序号", "项目名称", "主要工作内容", "牵头单位", "完成情况")


def _page(*cells: str, preamble: str = "某区2022年一季度政府工作报告任务进展情况") -> str:
    return "\n\n".join((preamble, *cells))


@WIDTH
def test_full_width_section_alias_and_unit_list(w):
    r = read_seedtext(
        w(
            _page(
                *HEAD,
                "1",
                "（一）稳定经济",
                "做一件事。",
                "区发改经信局（区支援合作局）",
                "已完成，超序时进度。",
                "2",
                "做另一件事。",
                "区财政局，区统计局",
                "推进中。",
            )
        )
    )
    (s,) = r.sections
    assert (s.number, s.title) == (w("（一）"), "稳定经济")
    t1, t2 = r.tasks
    assert t1.lead_units == [w("区发改经信局")]
    assert t1.unit_aliases == {"区支援合作局": w("区发改经信局")}
    assert t1.progress == w("已完成，超序时进度。")
    assert t2.lead_units == ["区财政局", "区统计局"]


@WIDTH
def test_full_width_seq_numbers(w):
    r = read_seedtext(
        w(
            _page(
                *HEAD,
                "１",
                "做一件事。",
                "区发改局",
                "已完成。",
                "２",
                "再做一件。",
                "区财政局",
                "推进中。",
            )
        )
    )
    assert [t.seq for t in r.tasks] == [1, 2]


@WIDTH
def test_metadata_with_justified_labels_and_new_fields(w):
    preamble = w(
        "索 引 号：K1493206-6/2022-22822 发布机构：区府办\n"
        "发文日期：2022年1月18日 公开日期：2022-01-19\n"
        "有效性：有效 公开责任部门：区政府办公室\n"
        "某区2022年一季度政府工作报告任务进展情况"
    )
    r = read_seedtext(_page(*HEAD, "1", "做一件事。", "区发改局", "已完成。", preamble=preamble))
    m = r.meta
    assert (m.index_no, m.publisher) == ("K1493206-6/2022-22822", "区府办")
    assert (m.issued_on, m.disclosed_on) == ("2022-01-18", "2022-01-19")
    assert (m.validity, m.disclosure_dept) == ("有效", "区政府办公室")
    assert m.title == "某区2022年一季度政府工作报告任务进展情况"


@WIDTH
def test_lead_unit_line_in_brackets_is_a_unit_cell(w):
    r = read_seedtext(
        w(
            _page(
                "序号",
                "主要工作内容",
                "牵头单位",
                "完成情况",
                "1",
                "新建公园3个。",
                "（牵头单位：区住建局；配合单位：区财政局、各街道）",
                "已建成2个。",
            )
        )
    )
    (t,) = r.tasks
    assert t.content == "新建公园3个。"
    assert (t.lead_units, t.cooperating_units) == (["区住建局"], ["区财政局", "各街道"])
    assert t.progress == "已建成2个。"
