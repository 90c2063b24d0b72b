"""Downloads rendered once and served as files; a filtered one says its filter; the
XLSX carries its metadata, a frozen header, an autofilter and numeric columns."""

import io
import json
import time

import pytest
from openpyxl import load_workbook

from luoshi.disclosure import files

pytestmark = pytest.mark.django_db

TITLE = "2021年四季度《政府工作报告》主要目标任务完成情况"


def _stored(downloads_dir):
    return sorted(p for p in downloads_dir.rglob("*") if p.suffix in {".csv", ".pdf", ".xlsx"})


def test_a_download_is_rendered_once_then_served_from_its_file(
    client, seed_publication, downloads_dir, monkeypatch
):
    url = f"/reports/{seed_publication.pk}/download.csv"
    first = client.get(url).content
    [stored] = _stored(downloads_dir)
    assert stored.read_bytes() == first

    def refuse(*args):
        raise AssertionError("rendered again")

    monkeypatch.setattr(files, "render", refuse)
    assert client.get(url).content == first


def test_a_filtered_download_names_its_filter_in_title_first_lines_and_file_name(
    client, seed_publication
):
    response = client.get(
        f"/reports/{seed_publication.pk}/download.json", {"unit": "区住建局", "status": "completed"}
    )
    disposition = response["Content-Disposition"]
    assert "%E5%8C%BA%E4%BD%8F%E5%BB%BA%E5%B1%80" in disposition  # 区住建局
    assert "%E5%B7%B2%E5%AE%8C%E6%88%90" in disposition  # 已完成
    report = json.loads(response.content)["report"]
    assert report["filter"] == {"牵头单位": "区住建局", "评估类别": "已完成"}
    assert report["title"] == f"{TITLE}(筛选: 牵头单位: 区住建局; 评估类别: 已完成)"


def test_xlsx_has_metadata_a_frozen_header_an_autofilter_and_numbers(client, seed_publication):
    response = client.get(f"/reports/{seed_publication.pk}/download.xlsx", {"unit": "区民政局"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    meta = {r[0]: r[1] for r in rows[:5]}
    assert meta["信息索引号"] == "K1493206-6/2022-22822"
    assert meta["报告期"] == "2021年四季度" and meta["发布日期"]
    assert meta["筛选条件"] == "牵头单位: 区民政局"
    head = [r[0] for r in rows].index("序号")
    assert sheet.freeze_panes == f"A{head + 2}"
    assert sheet.auto_filter.ref.startswith(f"A{head + 1}:")
    columns = rows[head]
    beds = next(r for r in rows[head + 1 :] if r[0] == 76)
    values = dict(zip(columns, beds, strict=True))
    assert (values["目标值"], values["实际值"], values["单位"]) == (270, 379, "张")
    assert values["完成比例(%)"] == 140


def test_another_filter_is_another_file(client, seed_publication, downloads_dir):
    url = f"/reports/{seed_publication.pk}/download.csv"
    client.get(url)
    client.get(url, {"status": "behind"})
    client.get(url, {"status": "nonsense"})  # no filter at all: the whole report's file
    assert len(_stored(downloads_dir)) == 2


@pytest.mark.django_db(transaction=True)
def test_a_pdf_is_rendered_by_another_process_once_and_then_served_from_the_file(
    client, seed_publication, downloads_dir
):
    url = f"/reports/{seed_publication.pk}/download.pdf"
    first = client.get(url)
    assert first.status_code == 503 and first["Retry-After"] == "5"
    assert "正在生成 PDF 文件" in first.content.decode()
    # Asked again while it renders: told to wait, no second renderer.
    assert client.get(url).status_code == 503
    deadline = time.monotonic() + 180
    while not _stored(downloads_dir) and time.monotonic() < deadline:
        time.sleep(0.5)
    [pdf] = _stored(downloads_dir)
    made = pdf.stat().st_mtime_ns
    body = client.get(url).content
    assert body.startswith(b"%PDF-") and body == pdf.read_bytes()
    assert client.get(url).content == body and pdf.stat().st_mtime_ns == made
