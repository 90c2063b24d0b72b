"""Paragraph 通报 in the shapes other governments publish (tests/ingest/layouts/
paragraphs/, each file with its page's address): every field read, as the office typed it
(full-width) and in ASCII punctuation."""

from pathlib import Path

import pytest

from luoshi.ingest.detect import read_document
from luoshi.textparse.fold import fold

LAYOUTS = Path(__file__).resolve().parent / "layouts" / "paragraphs"

# file -> government (and where), period (label, where), title, then per task:
# (seq, number as written, content, lead units, cooperating units, officials, progress).
EXPECTED = {
    "xianning-target-then-progress.txt": {
        "government": ("咸宁市", "标题"),
        "period": ("2021年上半年", "标题"),
        "sections": ["（二）报告中确定的其他指标任务完成情况"],
        "tasks": [
            (1, "1", "引进世界500强、中国500强、上市公司或行业龙头企业投资项目不少于3个；新开工亿元以上产业项目100个。", [], [], [], "上半年，引进世界500强企业投资项目3个；新开工亿元及以上产业项目80个。"),
            (2, "2", "培育互联网融合发展平台2家，省级工业互联网融合发展试点示范企业总数达30家。", [], [], [], "上半年，新培育互联网融合发展平台1家，试点示范企业总数达27家。"),
        ],
    },
    "lianyungang-lagging-own-number.txt": {
        "government": ("连云港市", "第 1 行"),
        "period": ("2019年前三季度", "标题"),
        "sections": ["一、综合指标类9项（按考核目标统计）"],
        "tasks": [
            (1, "1", "地区生产总值", [], [], [], "增长6.1%，低于目标0.9个百分点。"),
            (2, "2", "一般公共预算收入", [], [], [], "增长3.9%，低于目标11.1个百分点。"),
            (6, "5", "社会消费品零售总额", [], [], [], "增长6.7%，低于目标1.8个百分点。"),
        ],
    },
    "caidian-items-under-parts.txt": {
        "government": ("蔡甸区", "第 2 行"),
        "period": ("2023年", "标题"),
        "sections": ["一、2023年全区经济社会发展的主要预期目标"],
        "tasks": [
            (1, "（一）", "地区生产总值增长7%以上", ["区发展和改革局"], [], [], ""),
            (2, "（二）", "规上工业增加值增长12%以上", ["区科技和经信局"], [], [], ""),
            (3, "（三）", "固定资产投资增长10%以上", ["区发展和改革局"], [], [], ""),
        ],
    },
    "hunan-roles-as-verbs.txt": {
        "government": ("湖南省", "标题"),
        "period": ("2019年", "标题"),
        "sections": ["一、落实2019年经济社会发展总体要求和主要预期目标"],
        "tasks": [
            (1, "1", "经济增长7.5%—8%；规模工业增加值增长7%。", ["省发展改革委"], ["省工业和信息化厅", "省统计局"], ["分管副省长", "协管副秘书长"], ""),
            (2, "2", "城镇调查失业率5%左右。", ["省人力资源社会保障厅"], ["省统计局"], ["分管副省长"], ""),
        ],
    },
    "cangnan-label-lines.txt": {
        "government": ("苍南县", "标题"),
        "period": ("2011年1-10月", "标题"),
        "sections": [""],
        "tasks": [
            (1, "1", "启动实施“绿色苍南，美丽家园”行动，完成灵溪、龙港污水处理一期管网扩建工程。", [], [], [], "1-10月份全县共投入绿化资金2.3亿元，完成绿化造林任务长度302.4公里。"),
            (2, "2", "加快建设合成革污染综合治理工程。", [], [], [], "临港产业污水处理工程今年已累计完成投资935万元，占年度计划的93.5%。"),
        ],
    },
    "guanyun-masthead-quarter.txt": {
        "government": ("灌云县", "第 1 行"),
        "period": ("2019年三季度", "标题"),
        "sections": [""],
        "tasks": [
            (1, "1", "山前安置小区一期项目建设。", ["县住建局"], ["县财政局"], ["张某"], "主体工程完成60%，未达序时。"),
            (2, "2", "妇幼保健院建设。", ["县卫健委"], [], ["李某"], "已完成桩基施工。"),
        ],
    },
    "shouxian-trailing-roles.txt": {
        "government": ("寿县", "第 1 行"),
        "period": ("2022年上半年", "标题"),
        "sections": [""],
        "tasks": [
            (1, "1", "规模以上工业增加值增长10%。", ["县经信局"], ["县统计局", "县发改委"], ["王某"], "1-6月，规模以上工业增加值增长8.2%，滞后序时。"),
            (2, "2", "新增城镇就业5000人。", ["县人社局"], ["县就业服务中心"], ["赵某"], "上半年新增城镇就业2710人。"),
        ],
    },
    "chengxiang-month-span.txt": {
        # 区政府督查室 names no place: the import asks for --government.
        "government": ("", ""),
        "period": ("2020年1-9月", "标题 (年度), 第 2 行"),
        "sections": [""],
        "tasks": [
            (1, "1", "老旧小区改造。", [], [], [], "1-9月份，完成改造12个小区，慢于序时。"),
            (2, "2", "职业技能提升工程。", [], [], [], "1-9月份，完成培训1800人次，慢于序时。"),
        ],
    },
    "ewenke-autonomous-banner.txt": {
        "government": ("鄂温克族自治旗", "第 1 行"),
        "period": ("2022年", "标题"),
        "sections": [""],
        "tasks": [
            (1, "1", "地区生产总值增长6%左右。", ["旗发展和改革委员会"], ["旗统计局"], [], ""),
            (2, "2", "一般公共预算收入增长5%。", ["旗财政局"], [], [], ""),
        ],
    },
    "lishan-label-lines-after-task.txt": {
        "government": ("立山区", "标题"),
        "period": ("2023年", "标题"),
        "sections": ["一、经济社会发展的主要预期目标"],
        "tasks": [
            (1, "1", "努力实现地区生产总值增长6.2%左右。", ["区发改局"], ["立山经济开发区", "全区经济运行各专班"], [], ""),
            (2, "2", "规模上工业增加值增长5%左右。", ["区工信局"], ["立山经济开发区"], [], ""),
        ],
    },
    "dawa-office-masthead.txt": {
        "government": ("大洼区", "第 1 行"),
        "period": ("2021年", "标题"),
        "sections": [""],
        "tasks": [
            (1, "1", "全年地区生产总值增长6%。", ["区发改局"], ["区统计局"], [], ""),
            (2, "2", "新建改造农村公路50公里。", ["区交通局"], [], [], ""),
        ],
    },
}  # fmt: skip


def document(name: str) -> str:
    """The layout's text without its comment lines (the page address and shape)."""
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")) + "\n"


def check(name: str, text: str, as_written) -> None:
    expected = EXPECTED[name]
    r = read_document(text.encode("utf-8"), name)
    assert r.format == "paragraphs"
    assert (r.government, r.government_where) == expected["government"]
    assert (r.period.label, r.period_where) == expected["period"]
    assert [s.heading for s in r.sections] == [as_written(s) for s in expected["sections"]]
    got = [
        (
            t.seq,
            t.number,
            t.content,
            t.lead_units,
            t.cooperating_units,
            t.lead_officials,
            t.progress,
        )
        for t in r.tasks
    ]
    want = [
        (seq, as_written(n), as_written(c), lead, coop, officials, as_written(p))
        for seq, n, c, lead, coop, officials, p in expected["tasks"]
    ]
    assert got == want


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_read_as_written(name):
    check(name, document(name), lambda s: s)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_read_in_ascii_punctuation(name):
    check(name, fold(document(name)), fold)


def test_every_layout_has_its_expected_reading():
    assert sorted(p.name for p in LAYOUTS.glob("*.txt")) == sorted(EXPECTED)


def _tasks(r):
    return [
        (t.seq, t.number, t.content, t.lead_units, t.cooperating_units, t.progress) for t in r.tasks
    ]


def _html(text: str) -> bytes:
    from html import escape

    lines = [line for line in text.splitlines() if line.strip()]
    title = read_document(text.encode("utf-8"), "t.txt").meta.title
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    page = (
        f"<html><head><title>{escape(title)}</title></head><body>"
        f'<div class="nav"><a href="/">首页</a></div><div class="TRS_Editor">{body}</div>'
        "</body></html>"
    )
    return page.encode("utf-8")


def _docx(text: str) -> bytes:
    import io

    import docx

    doc = docx.Document()
    for line in text.splitlines():
        if line.strip():
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("fold_text", [False, True], ids=["full-width", "ascii"])
def test_layout_reads_the_same_as_html_and_docx(name, fold_text):
    text = fold(document(name)) if fold_text else document(name)
    as_text = read_document(text.encode("utf-8"), name)
    for data, fmt in ((_html(text), "html"), (_docx(text), "docx")):
        r = read_document(data, f"{name}.{fmt}")
        assert r.format == "paragraphs", fmt
        assert _tasks(r) == _tasks(as_text), fmt
        assert r.period.label == as_text.period.label, fmt
        assert r.government == as_text.government, fmt
