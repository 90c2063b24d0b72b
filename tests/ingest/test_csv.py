import pytest

from luoshi.ingest.csvfile import read_csv
from luoshi.ingest.report import ReadError
from tests.ingest.helpers import FIXTURES


@pytest.mark.parametrize("name", ["progress-utf8bom.csv", "progress-gb18030.csv"])
def test_encodings_read_the_same(name):
    r = read_csv((FIXTURES / name).read_bytes(), name)
    assert r.format == "csv"
    assert r.columns == {
        "序号": "seq",
        "项目名称": "section",
        "主要工作内容": "content",
        "牵头单位": "lead_units",
        "完成情况": "progress",
        "完成率": "completion_rate",
        "备注": "remarks",
    }
    assert [(s.number, s.title) for s in r.sections] == [("(一)", "经济发展"), ("", "主要民生指标")]
    t1, t2, t3 = r.tasks
    assert (t1.seq, t1.content, t1.lead_units) == (1, "社会消费品零售总额增长8%。", ["区商务局"])
    assert t1.progress == "1-9月增长7.2%。\n预计全年增长8%。"  # a quoted line break
    assert t1.completion_rate == "90%" and t1.remarks == ""
    assert t1.where == "line 2"
    # 牵头单位 with two units: both lead (a 牵头单位 column names co-leads)
    assert t2.lead_units == ["区商务局", "区海关办"] and t2.cooperating_units == []
    assert t2.remarks == "超序时" and t2.where == "line 4"  # the record after a 2-line record
    assert (t3.seq, t3.completion_rate, t3.where) == (3, "86.8%", "line 5")


def test_tab_delimited_utf8_without_bom():
    text = "序号\t主要工作内容\t责任单位\n1\t任务一。\t区财政局、区税务局\n"
    t = read_csv(text.encode(), "x.csv").tasks[0]
    assert t.lead_units == ["区财政局"] and t.cooperating_units == ["区税务局"]


def test_errors_name_the_line():
    text = "序号,主要工作内容,牵头单位\n1,任务一。,区财政局\n1.5,任务二。,区财政局\n"
    with pytest.raises(ReadError) as e:
        read_csv(text.encode(), "x.csv")
    assert e.value.where == "line 3 column 1"


def test_undecodable_bytes():
    with pytest.raises(ReadError) as e:
        read_csv(b"\xff\xfe\xfd\x81\x30" * 3, "x.csv")
    assert e.value.where.startswith("line ")


def test_empty():
    with pytest.raises(ReadError):
        read_csv(b"", "x.csv")
