"""The government read from a report's masthead or title, stored as the place's name."""

import pytest

from luoshi.ingest.detect import read_document
from luoshi.ingest.government import find_government, government_in, place_name
from luoshi.ingest.report import ParsedReport, ReportMeta

NAMED = [
    ("杭州市2023年政府工作报告重点任务进展情况", "杭州市"),
    ("灌云县人民政府督查室", "灌云县"),
    ("来源:苍南县人民政府办公室", "苍南县"),
    ("紫阳县人民政府关于2023年上半年重点工作的通报", "紫阳县"),
    ("发布机构:宁乡市人民政府", "宁乡市"),
    ("杭州市拱墅区人民政府", "拱墅区"),
    ("宣城市泾县人民政府", "泾县"),
    ("中共拱墅区委 拱墅区人民政府", "拱墅区"),
    ("关于印发灌云县人民政府督查通报的通知", "灌云县"),
    # places that open like area words (全区, 本县, 和…) are still places
    ("全椒县人民政府", "全椒县"),
    ("本溪市人民政府", "本溪市"),
    ("和县人民政府", "和县"),
    ("和平区人民政府", "和平区"),
    ("鄂温克族自治旗人民政府办公室", "鄂温克族自治旗"),
]
OFFICES = [
    "区府办",
    "区政府办公室",
    "县政府督查室",
    "2019年县政府工作报告三季度",
    "全县重点工作",
    "本县人民政府",
    "为切实推进市政府决策部署",
    "各县(市、区)人民政府",
]

FULL_WIDTH = str.maketrans({":": "：", " ": "\u3000"})


@pytest.mark.parametrize(("text", "place"), NAMED)
def test_government_named_by_its_place(text, place):
    assert government_in(text) == place


@pytest.mark.parametrize(("text", "place"), NAMED)
def test_government_named_by_its_place_full_width(text, place):
    assert government_in(text.translate(FULL_WIDTH)) == place


@pytest.mark.parametrize("text", OFFICES)
def test_an_office_without_its_place_names_no_government(text):
    assert government_in(text) == ""


@pytest.mark.parametrize("text", OFFICES)
def test_an_office_without_its_place_names_no_government_full_width(text):
    assert government_in("来源：" + text) == ""


def test_place_name_drops_the_government_word():
    names = ("紫阳县人民政府", "某某县政府", "紫阳县")
    assert [place_name(n) for n in names] == ["紫阳县", "某某县", "紫阳县"]


def test_masthead_before_title_then_lines():
    r = ParsedReport(
        meta=ReportMeta(title="杭州市2023年…", publisher="灌云县人民政府督查室"), sections=[]
    )
    assert find_government(r) == ("灌云县", "报头")
    r.meta.publisher = "区府办"
    assert find_government(r) == ("杭州市", "标题")
    r.meta.title = "2023年重点任务"
    assert find_government(r, ["通报", "来源：苍南县人民政府办公室"]) == ("苍南县", "第 2 行")


def _text_report(punct):
    colon, lp, rp = punct
    return (
        f"2023年上半年政府工作报告重点任务落实情况\n"
        f"来源{colon}苍南县人民政府办公室\n"
        f"一、经济发展\n"
        f"1.地区生产总值增长6%。{lp}牵头单位{colon}县发改局{rp}\n"
        f"完成情况{colon}上半年增长5.8%。\n"
    ).encode()


@pytest.mark.parametrize("punct", [(":", "(", ")"), ("：", "（", "）")])
def test_read_document_settles_period_and_government_with_where(punct):
    r = read_document(_text_report(punct), "r.txt")
    assert (r.government, r.government_where) == ("苍南县", "第 2 行")
    assert (r.period.label, r.period_where) == ("2023年上半年", "标题")
