import pytest

from luoshi.ingest.paragraphs import looks_like_paragraphs, read_paragraphs
from luoshi.ingest.report import ReadError
from tests.ingest.helpers import FIXTURES


def read():
    return read_paragraphs(
        (FIXTURES / "supervision-report.txt").read_text(encoding="utf-8"), "r.txt"
    )


def test_supervision_report_field_by_field():
    r = read()
    assert r.format == "paragraphs"
    assert r.meta.title == "关于2023年上半年政府工作报告重点任务落实情况的通报"
    assert r.period.as_of == "2023-06"
    assert [(s.number, s.title) for s in r.sections] == [("一、", "经济发展"), ("二、", "民生改善")]
    t1, t2, t3, t4 = r.tasks
    assert t1.seq == 1 and t1.where == "line 7"
    assert t1.content == "地区生产总值增长10%。"
    # two kinds of lead unit (市级/区级牵头单位): both are lead units, in the order written
    assert t1.lead_units == ["市发展改革委", "区发改局"]
    assert (
        t1.progress
        == "上半年,全区实现地区生产总值210亿元,增长8.6%。\n下半年将继续加大项目推进力度。"
    )
    # 责任单位: the first leads, the others cooperate
    assert (t2.lead_units, t2.cooperating_units) == (["区发改局"], ["区住建局", "区自然资源局"])
    assert t2.progress == "1-6月增长13.5%,超序时进度。"
    # numbering restarts in section 二: numbered on so seq stays unique, with a warning
    assert t3.seq == 3 and t3.where == "line 13"
    assert r.warnings == ["line 13: 编号重新从 1 开始, 序号顺延为 3"]
    assert (t3.lead_units, t3.cooperating_units) == (
        ["区人社局"],
        ["区教育局"],
    )  # units on their own line
    # numbered lines inside a progress block stay progress
    assert (
        t3.progress == "已新增就业1820人。\n1.其中高校毕业生就业560人;\n2.就业困难人员再就业210人。"
    )
    assert (t4.seq, t4.content, t4.lead_units, t4.progress) == (
        4,
        "新建城市书房5个",
        ["区文旅局"],
        "已建成3个。",
    )


def test_parenthesised_section_numbers_and_officials():
    text = "(一)稳增长\n1.项目开工。(牵头单位:区发改局;牵头领导:张三;完成时限:6月底)\n完成情况:已开工。\n"
    t = read_paragraphs(text).tasks[0]
    assert read_paragraphs(text).sections[0].heading == "(一)稳增长"
    assert (t.lead_units, t.lead_officials, t.deadline, t.progress) == (
        ["区发改局"],
        ["张三"],
        "6月底",
        "已开工。",
    )


def test_missing_lead_unit_names_line():
    with pytest.raises(ReadError) as e:
        read_paragraphs("通报\n1.任务一。(牵头单位:区财政局)\n2.任务二。\n完成情况:无。\n", "r.txt")
    assert e.value.where == "line 3"


def test_no_tasks():
    with pytest.raises(ReadError) as e:
        read_paragraphs("只是一段话。\n", "r.txt")
    assert e.value.where == "line 1"


def test_looks_like():
    assert looks_like_paragraphs((FIXTURES / "supervision-report.txt").read_text(encoding="utf-8"))
    assert not looks_like_paragraphs("1.只是编号\n2.没有单位\n")


@pytest.mark.parametrize(
    "text",
    [
        "2023年上半年通报\n一、经济\n1.任务甲。(牵头单位:区发改局)\n二、民生\n1.任务乙。(牵头单位:区民政局)\n",
        "2023年上半年通报\n一、经济\n1．任务甲。（牵头单位：区发改局）\n二、民生\n1．任务乙。（牵头单位：区民政局）\n",
    ],
    ids=["ascii", "full-width"],
)
def test_restarted_numbering_is_numbered_on_and_keeps_the_number_as_written(text):
    t1, t2 = read_paragraphs(text).tasks
    assert (t1.seq, t1.number, t2.seq, t2.number) == (1, "1", 2, "1")
    assert t2.lead_units == ["区民政局"]


@pytest.mark.parametrize(
    "text",
    [
        "通报\n1.任务一。\n完成情况:已完成。\n2.任务二。\n完成情况:推进中。\n",
        "通报\n1.任务一。\n完成情况：已完成。\n2.任务二。\n完成情况：推进中。\n",
    ],
    ids=["ascii", "full-width"],
)
def test_tasks_without_units_are_read_where_the_document_names_none(text):
    tasks = read_paragraphs(text).tasks
    assert [(t.content, t.lead_units, t.progress[:2]) for t in tasks] == [
        ("任务一。", [], "已完"),
        ("任务二。", [], "推进"),
    ]
