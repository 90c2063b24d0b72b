"""The 政府信息公开 metadata block in the forms sites write it, full-width and half-width."""

from __future__ import annotations

import pytest

from luoshi.ingest.html import read_html
from luoshi.ingest.metadata import index_number, inline_pairs, label_fields, set_meta
from luoshi.ingest.report import ReportMeta
from luoshi.textparse.fold import fold

WIDTH = pytest.mark.parametrize("w", [lambda s: s, fold], ids=["full-width", "half-width"])

TABLE = (
    "<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr>"
    "<tr><td>1</td><td>任务一。</td><td>区发改局</td></tr></table>"
)


def _page(meta_html: str) -> bytes:
    return f"<html><body><h1>2023年重点工作任务</h1>{meta_html}{TABLE}</body></html>".encode()


# The shapes of docs/domain.md, each as a site writes it.
@pytest.mark.parametrize(
    "number",
    [
        "K1493206-6/2022-22822",
        "764137824/2021-18688",
        "115001020086700333/2023-00052",
        "11341700003244967K/202012-00140",
        "001008001026002/2020-248767",
    ],
)
@WIDTH
def test_every_index_number_shape(w, number):
    assert index_number(w(f"{number} 发布机构")) == number
    r = read_html(_page(w(f"<p>索引号：{number} 发布机构：区政府办</p>")), "p.html")
    assert r.meta.index_no == number


@WIDTH
@pytest.mark.parametrize("label", ["索 引 号", "索  引  号", "索引号", "信息索引号"])
def test_justified_labels(w, label):
    assert label_fields(w(f"{label}：")) == ("index_no",)
    assert inline_pairs(w(f"{label}：K1493206-6/2022-22822 文       号：区府办〔2022〕1号")) == [
        (("index_no",), "K1493206-6/2022-22822"),
        (("doc_no",), w("区府办〔2022〕1号")),
    ]


@WIDTH
def test_new_labels_fill_their_own_fields(w):
    meta = ReportMeta()
    for fields, value in inline_pairs(
        w(
            "成文日期：2023年3月1日 发文日期：2023-03-02 公开日期：2023年03月03日 "
            "公开形式：政府网站 公开责任部门：区政府办公室 文件名称：关于印发任务分解的通知 "
            "主题分类：政务督查 组配分类：年度重点工作 有效性：有效"
        )
    ):
        set_meta(meta, fields, value)
    assert (meta.written_on, meta.generated_on) == ("2023-03-01", "2023-03-01")
    assert (meta.issued_on, meta.disclosed_on) == ("2023-03-02", "2023-03-03")
    assert meta.disclosure_form == "政府网站"
    assert meta.disclosure_dept == "区政府办公室"
    assert meta.file_name == "关于印发任务分解的通知"
    assert (meta.topic, meta.grouping, meta.validity) == ("政务督查", "年度重点工作", "有效")


@WIDTH
def test_sibling_list_items(w):
    r = read_html(
        _page(
            w(
                "<ul><li>索引号</li><li>764137824/2021-18688</li>"
                "<li>发布机构：</li><li>某县人民政府办公室</li>"
                "<li>公开日期</li><li>2021-03-23</li></ul>"
            )
        ),
        "p.html",
    )
    assert (r.meta.index_no, r.meta.publisher, r.meta.disclosed_on) == (
        "764137824/2021-18688",
        "某县人民政府办公室",
        "2021-03-23",
    )


@WIDTH
def test_th_and_td_pairs(w):
    r = read_html(
        _page(
            w(
                "<table><tr><th>索 引 号：</th><td>K1493206-6/2022-22822</td>"
                "<th>公开责任部门：</th><td>区政府办公室（督查室）</td></tr>"
                "<tr><th>发布机构</th><td>区府办</td><th>成文日期</th><td>2022年1月19日</td></tr></table>"
            )
        ),
        "p.html",
    )
    assert r.meta.index_no == "K1493206-6/2022-22822"
    assert r.meta.disclosure_dept == w("区政府办公室（督查室）")
    assert (r.meta.publisher, r.meta.written_on) == ("区府办", "2022-01-19")


def test_a_field_is_named_by_the_first_label_that_fills_it():
    from luoshi.ingest.metadata import FIELD_LABELS

    assert FIELD_LABELS["index_no"] == "索引号"
    assert FIELD_LABELS["generated_on"] == "生成日期"
    assert FIELD_LABELS["published_at"] == "发布时间"


def test_the_seed_text_reads_the_labels_the_metadata_map_holds():
    from luoshi.ingest import seedtext
    from luoshi.ingest.metadata import LABELS

    read = {k for k, v in seedtext._META_KEYS.items() if v}
    assert read == set(LABELS) - {"标题", "名称"}
