import pytest

from luoshi.ingest.html import read_html
from luoshi.ingest.report import ReadError
from tests.ingest.helpers import FIXTURES, LOCATED


def read(name="metadata-list.html"):
    return read_html((FIXTURES / name).read_bytes(), name)


def test_metadata_from_list_dl_and_lines():
    r = read()
    m = r.meta
    assert r.format == "html"
    assert m.title == "2022年1-6月政府工作报告重点任务推进情况"
    assert m.index_no == "11341700003244967K/202207-00140"
    assert m.publisher == "县政府办"
    assert m.topic == "政务督查"
    assert m.grouping == "年度重点工作进展和完成情况"
    assert m.doc_no == "某政办〔2022〕12号"
    assert m.generated_on == "2022-07-15"
    assert m.published_on == "2022-07-18"
    assert m.published_at == "2022-07-18 09:30:00"
    assert m.disclosure_method == "主动公开"
    assert m.disclosure_term == "长期公开"
    assert m.disclosure_scope == ""
    assert m.attachments == ["重点任务推进情况表.xlsx"]
    assert m.category_path == ["政务督查", "督查通报"]
    assert r.government == "某某县人民政府"
    assert (r.period.year, r.period.start_month, r.period.end_month) == (2022, 1, 6)


def test_table_with_two_row_head_rowspan_colspan_and_breaks():
    r = read()
    assert r.columns == {
        "序号": "seq",
        "板块": "section",
        "任务内容": "content",
        "责任单位": "units",
        "推进情况/完成进度": "progress",
        "推进情况/备注": "remarks",
    }
    assert [(s.number, s.title) for s in r.sections] == [("一、", "产业发展"), ("二、", "民生保障")]
    t1, t2, t3 = r.tasks
    assert t1.seq == 1
    assert t1.content == "新增规上工业企业20家。"  # &nbsp; and nested <span> gone
    assert t1.lead_units == ["县经信局"]  # 责任单位: the first leads
    assert t1.cooperating_units == ["县统计局"]
    assert t1.progress == "已新增12家,\n另有5家正在培育。"  # <p> split, full-width indent gone
    assert t1.remarks == ""
    assert t1.where == "table 2 row 3"
    # rowspan carried the section; a source line break between Chinese characters is no space
    assert t2.content == "建成标准化厂房10万平方米。"
    assert t2.lead_units == ["县发改委"]
    assert t2.cooperating_units == []
    assert t2.unit_aliases == {"县重点办": "县发改委"}
    assert t2.progress == "已建成6万平方米。\n其余主体封顶。"
    assert t2.remarks == "欠进度"
    # a colspan row is a section heading
    assert t3.seq == 3
    assert t3.lead_units == ["县民政局"]
    assert t3.cooperating_units == ["县财政局"]
    assert t3.progress == "已建成9个。"
    assert r.warnings == []


def test_sample_page(samples_dir):
    r = read_html((samples_dir / "gongshu-2021q4.html").read_bytes(), "gongshu.html")
    m = r.meta
    assert m.title == "2021年四季度《政府工作报告》主要目标任务完成情况"
    assert m.index_no == "K1493206-6/2022-22822"
    assert m.publisher == "区府办"
    assert m.disclosure_method == "主动公开"
    assert m.disclosure_scope == "面向全社会"
    assert m.disclosure_term == "长期公开"
    assert m.generated_on == m.published_on == "2022-01-19"
    assert m.published_at == "2022-01-19 11:50:16"
    assert m.category_path == ["规划计划", "政府工作报告重点任务"]
    assert r.period.as_of == "2021-12" and r.period.quarter == 4
    assert len(r.tasks) == 106 and len(r.sections) == 21


def test_gbk_page_is_decoded():
    html = (FIXTURES / "metadata-list.html").read_text(encoding="utf-8")
    html = html.replace("charset=utf-8", "charset=gbk")
    r = read_html(html.encode("gb18030"), "gbk.html")
    assert r.tasks[0].content == "新增规上工业企业20家。"


def test_no_data_table_names_what_was_looked_for():
    with pytest.raises(ReadError) as e:
        read_html(
            b"<html><body><table><tr><td>a</td><td>b</td></tr></table></body></html>", "x.html"
        )
    assert "主要工作内容" in str(e.value) and "牵头单位" in str(e.value)


def test_task_without_lead_unit_names_row():
    html = """<table><tr><th>序号</th><th>主要工作内容</th><th>牵头单位</th></tr>
    <tr><td>1</td><td>任务一。</td><td>区财政局</td></tr>
    <tr><td>2</td><td>任务二。</td><td></td></tr></table>"""
    with pytest.raises(ReadError) as e:
        read_html(html, "x.html")
    assert e.value.where == "table 1 row 3"
    assert LOCATED.search(str(e.value))


def test_out_of_order_seq_names_row():
    html = """<table><tr><th>序号</th><th>主要工作内容</th><th>牵头单位</th></tr>
    <tr><td>2</td><td>任务一。</td><td>区财政局</td></tr>
    <tr><td>1</td><td>任务二。</td><td>区财政局</td></tr></table>"""
    with pytest.raises(ReadError) as e:
        read_html(html, "x.html")
    assert e.value.where == "table 1 row 3"


def test_column_overrides_rescue_unknown_heads():
    html = """<table><tr><th>No</th><th>事项</th><th>谁来做</th><th>怎么样了</th></tr>
    <tr><td>1</td><td>任务一。</td><td>区财政局</td><td>已完成。</td></tr></table>"""
    with pytest.raises(ReadError):
        read_html(html, "x.html")
    r = read_html(html, "x.html", {0: "seq", 1: "content", 2: "lead_units", 3: "progress"})
    t = r.tasks[0]
    assert (t.seq, t.content, t.lead_units, t.progress) == (1, "任务一。", ["区财政局"], "已完成。")
    assert r.columns == {
        "No": "seq",
        "事项": "content",
        "谁来做": "lead_units",
        "怎么样了": "progress",
    }


@pytest.mark.parametrize(
    "colon,lp,rp", [(":", "(", ")"), ("：", "（", "）")], ids=["ascii", "full-width"]
)
def test_page_without_a_task_table_is_read_as_paragraphs_naming_the_tables_skipped(colon, lp, rp):
    page = (
        "<html><head><title>2023年上半年重点任务落实情况通报_某某县人民政府</title></head><body>"
        "<table><tr><td><a href='/'>首页</a></td><td>政务公开</td></tr></table>"
        '<div class="zoom"><p>2023年上半年重点任务落实情况通报</p>'
        f"<p>1.新建城市书房5个。{lp}牵头单位{colon}县文旅局{rp}</p>"
        f"<p>完成情况{colon}已建成3个。</p>"
        f"<p>2.新增就业3000人。{lp}牵头单位{colon}县人社局{rp}</p>"
        f"<p>完成情况{colon}已新增1820人。</p></div></body></html>"
    )
    r = read_html(page.encode("utf-8"), "p.html")
    assert r.format == "paragraphs"
    assert [(t.seq, t.lead_units, t.progress) for t in r.tasks] == [
        (1, ["县文旅局"], "已建成3个。"),
        (2, ["县人社局"], "已新增1820人。"),
    ]
    assert r.tasks[0].where == "paragraph 2"
    assert r.government == "某某县人民政府" and r.period.label == "2023年上半年"
    assert "页面中的 1 个表格都没有可识别的表头, 未读取" in r.warnings
