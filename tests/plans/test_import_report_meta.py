"""The rarer labels of other governments' metadata blocks (成文日期, 公开责任部门, 有效性 …)
are stored with the report and shown where given; a value too long for its column is a
clear error that stores nothing."""

from __future__ import annotations

import pytest

from luoshi.ingest.report import ReadError
from luoshi.ingest.seedtext import read_seedtext
from luoshi.textparse.fold import fold

pytestmark = pytest.mark.django_db

WIDTH = pytest.mark.parametrize("w", [lambda s: s, fold], ids=["full-width", "half-width"])
HEAD = ("序号", "项目名称", "主要工作内容", "牵头单位", "完成情况")
TITLE = "某区2022年一季度政府工作报告任务进展情况"


def _report(w, lines: str):
    preamble = w(f"索 引 号：K1493206-6/2022-22822 发布机构：区府办\n{lines}\n{TITLE}")
    cells = (preamble, *HEAD, "1", "做一件事。", "区发改局", "已完成。")
    return read_seedtext("\n\n".join(cells))


@WIDTH
def test_rarer_metadata_is_stored_and_shown_on_the_report_page(w, client):
    from luoshi.imports.importer import store_report

    report = _report(
        w,
        "成文日期：2022年4月10日 发文日期：2022年4月18日 公开日期：2022-04-19\n"
        "公开形式：网站 有效性：有效 公开责任部门：区政府办公室",
    )
    publication = store_report(report, government_name="某区人民政府").publication
    publication.refresh_from_db()
    assert str(publication.written_on) == "2022-04-10"
    assert (str(publication.issued_on), str(publication.disclosed_on)) == (
        "2022-04-18",
        "2022-04-19",
    )
    assert (publication.disclosure_form, publication.validity) == ("网站", "有效")
    assert publication.disclosure_dept == "区政府办公室"
    page = client.get(f"/reports/{publication.pk}/").content.decode()
    assert '<th scope="row">公开责任部门</th><td>区政府办公室</td>' in page
    assert '<th scope="row">成文日期</th><td>2022-04-10</td>' in page
    data = client.get(f"/reports/{publication.pk}/download.json").json()["report"]
    assert (data["written_on"], data["validity"]) == ("2022-04-10", "有效")


def test_the_seed_page_shows_no_row_it_does_not_have(client, seed_publication):
    page = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    assert "有效性" not in page and "公开责任部门" not in page and "成文日期" not in page


@WIDTH
def test_a_metadata_value_too_long_is_refused_naming_its_label(w):
    from luoshi.disclosure.models import Publication
    from luoshi.imports.importer import store_report

    report = _report(w, "有效性：" + "有效" * 40)
    with pytest.raises(ReadError, match="元数据「有效性」过长: 80 个字, 最多 50 个字"):
        store_report(report, government_name="某区人民政府")
    assert not Publication.objects.exists()
