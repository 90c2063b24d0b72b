"""Downloads of a report or a filtered view: XLSX, DOCX (official layout) and PDF."""

import io
import time

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

HEADERS = ["序号", "项目名称", "主要工作内容", "牵头单位", "完成情况"]
TITLE = "2021年四季度《政府工作报告》主要目标任务完成情况"


def _get(client, publication, fmt, **params):
    """The download once it is ready: a PDF is rendered by another process, and the page
    answers 503 (come back) until the file is there."""
    deadline = time.monotonic() + 180
    while True:
        response = client.get(f"/reports/{publication.pk}/download.{fmt}", params)
        if response.status_code != 503 or time.monotonic() > deadline:
            break
        assert response["Retry-After"] == "5"
        time.sleep(0.5)
    assert response.status_code == 200
    return response


def test_xlsx_download_reads_back_with_106_rows(client, seed_publication):
    sheet = load_workbook(io.BytesIO(_get(client, seed_publication, "xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    head = [r[0] for r in rows].index("序号")
    assert list(rows[head][:5]) == HEADERS
    assert len(rows) - head - 1 == 106


def test_docx_download_is_the_official_table_with_106_rows(client, seed_publication):
    doc = Document(io.BytesIO(_get(client, seed_publication, "docx").content))
    assert doc.paragraphs[0].text == TITLE
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADERS
    assert len(table.rows) == 107
    row90 = [c.text for c in table.rows[90].cells]
    assert row90[0] == "90" and row90[2] == "完成既有住宅加装电梯165台以上。"
    assert row90[3] == "区住建局" and row90[4] == "已完成加装电梯165台。"


def test_docx_merges_each_section_cell_down_its_rows(client, seed_publication):
    doc = Document(io.BytesIO(_get(client, seed_publication, "docx").content))
    table = doc.tables[0]
    first = table.rows[1].cells[1]
    assert first.text == "(一)经济社会发展主要预期目标"
    # Tasks 1-5 share the section: one merged cell, the same cell object on each row.
    assert all(table.rows[i].cells[1]._tc is first._tc for i in range(1, 6))
    assert table.rows[6].cells[1]._tc is not first._tc
    sections = {table.rows[i].cells[1]._tc for i in range(1, 107)}
    assert len(sections) == 21


@pytest.mark.django_db(transaction=True)
def test_pdf_download_holds_the_title_and_the_rows_text(client, seed_publication):
    response = _get(client, seed_publication, "pdf")
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert TITLE in text
    assert "K1493206-6/2022-22822" in text
    assert "既有住宅加装电梯" in text
    fonts = {
        str(f.get_object().get("/BaseFont", ""))
        for page in reader.pages[:1]
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("Noto-Sans-CJK-SC" in f for f in fonts)


def test_a_filtered_docx_holds_only_the_filtered_rows(client, seed_publication):
    doc = Document(io.BytesIO(_get(client, seed_publication, "docx", unit="区住建局").content))
    table = doc.tables[0]
    assert len(table.rows) == 1 + 11
    assert all(r.cells[3].text == "区住建局" for r in table.rows[1:])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "fmt,mime",
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("pdf", "application/pdf"),
    ],
)
def test_each_download_is_named_after_the_report(client, seed_publication, fmt, mime):
    response = _get(client, seed_publication, fmt, status="behind")
    assert response["Content-Type"] == mime
    disposition = response["Content-Disposition"]
    assert "attachment" in disposition and disposition.endswith(f".{fmt}")
    assert "%E5%9B%9B%E5%AD%A3%E5%BA%A6" in disposition  # 四季度, encoded


def test_the_report_page_offers_every_format(client, seed_publication):
    html = client.get(f"/reports/{seed_publication.pk}/", {"unit": "区住建局"}).content.decode()
    for fmt in ("csv", "xlsx", "json", "docx", "pdf"):
        assert f"/reports/{seed_publication.pk}/download.{fmt}?unit=" in html


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_cli_exports_docx_and_pdf(seed_publication, tmp_path, fmt):
    out = tmp_path / f"r.{fmt}"
    call_command("export", str(seed_publication.pk), "--format", fmt, "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"PK" if fmt == "docx" else b"%PDF-")
