"""A published report as files: JSON, CSV, XLSX, DOCX and PDF (one row per task).

The same rows feed the CLI (`luoshi export`) and the portal's downloads, so a file taken
from either is the same.
"""

import io
import json

from luoshi.security.cells import CsvWriter, append_text_row

CSV_HEADERS = [
    "序号",
    "项目名称",
    "主要工作内容",
    "牵头单位",
    "完成情况",
    "评估类别",
    "目标",
    "实际",
]


def report_fields(publication) -> dict:
    def iso(value):
        return value.isoformat() if value else ""

    return {
        "id": publication.pk,
        "title": publication.title,
        "government": publication.government.name,
        "period": publication.period.label,
        "index_no": publication.index_no,
        "publisher": publication.publisher,
        "disclosure_method": publication.disclosure_method,
        "disclosure_scope": publication.disclosure_scope,
        "disclosure_term": publication.disclosure_term,
        "doc_no": publication.doc_no,
        "generated_on": iso(publication.generated_on),
        "published_on": iso(publication.published_on),
    }


def progress_rows(publication, progress=None):
    """The report's rows in table order; `progress` narrows them (a filtered view)."""
    if progress is None:
        # The rows as this version published them (a later correction or a working draft
        # does not change what an earlier version shows).
        progress = publication.rows()
    return (
        progress.select_related("task__section")
        .prefetch_related("task__task_units__unit")
        .order_by("task__seq")
    )


def task_fields(progress) -> dict:
    task = progress.task
    return {
        "seq": task.seq,
        "section": task.section.heading,
        "content": task.content,
        "lead_units": task.lead_unit_names,
        "status_text": progress.text,
        "status": progress.status or None,
        "status_label": progress.status_label,
        "targets": progress.targets,
        "actuals": progress.actuals,
    }


def as_json(publication, progress=None) -> str:
    data = {
        "report": report_fields(publication),
        "tasks": [task_fields(p) for p in progress_rows(publication, progress)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _quantities(items) -> str:
    """Targets or figures as one readable cell: 新增养老机构床位270张; 地区生产总值增长7.5%左右."""
    return ";".join(item.get("text", "") for item in items)


def table_rows(publication, progress=None):
    for p in progress_rows(publication, progress):
        fields = task_fields(p)
        yield [
            fields["seq"],
            fields["section"],
            fields["content"],
            "、".join(fields["lead_units"]),
            fields["status_text"],
            fields["status_label"],
            _quantities(fields["targets"]),
            _quantities(fields["actuals"]),
        ]


def as_csv(publication, progress=None) -> bytes:
    out = io.StringIO()
    writer = CsvWriter(out)  # a cell like =HYPERLINK(…) stays text
    writer.writerow(CSV_HEADERS)
    writer.writerows(table_rows(publication, progress))
    # With a BOM, Excel (which Chinese offices open CSVs in) reads it as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(publication, progress=None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "完成情况"
    sheet.append(CSV_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table_rows(publication, progress):
        append_text_row(sheet, row)  # text, never a formula
    widths = [6, 18, 50, 16, 70, 10, 30, 30]
    for column, width in zip("ABCDEFGH", widths, strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


DOCX_HEADERS = CSV_HEADERS[:5]


def _section_runs(rows):
    """(start, end) row indexes of each run of the same section, for merged cells."""
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i].task.section_id != rows[start].task.section_id:
            yield start, i - 1
            start = i


def _docx_font(run, east_asia: str, size_pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)


def as_docx(publication, progress=None) -> bytes:
    """The report as the government office's Word table: a centred title, then
    序号/项目名称/主要工作内容/牵头单位/完成情况 with each section cell merged down its rows."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    rows = list(progress_rows(publication, progress))
    doc = Document()
    page = doc.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(page, side, Cm(2.0))
    page.top_margin = page.bottom_margin = Cm(2.0)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_font(title.add_run(publication.title), "方正小标宋简体", 18, bold=True)
    if publication.index_no or publication.published_on:
        meta = doc.add_paragraph()
        meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
        bits = []
        if publication.index_no:
            bits.append(f"信息索引号: {publication.index_no}")
        if publication.publisher:
            bits.append(f"发布机构: {publication.publisher}")
        if publication.published_on:
            bits.append(f"发布日期: {publication.published_on.isoformat()}")
        _docx_font(meta.add_run("    ".join(bits)), "仿宋_GB2312", 10.5)

    table = doc.add_table(rows=1 + len(rows), cols=len(DOCX_HEADERS))
    table.style = "Table Grid"
    widths = [Cm(1.4), Cm(3.6), Cm(7.5), Cm(3.2), Cm(10.0)]
    for cell, head in zip(table.rows[0].cells, DOCX_HEADERS, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _docx_font(paragraph.add_run(head), "黑体", 11, bold=True)
    header_xml = table.rows[0]._tr.get_or_add_trPr()
    from docx.oxml import OxmlElement

    header_xml.append(OxmlElement("w:tblHeader"))
    for i, p in enumerate(rows, start=1):
        cells = table.rows[i].cells
        values = [str(p.task.seq), "", p.task.content, "、".join(p.task.lead_unit_names), p.text]
        for col, (cell, value) in enumerate(zip(cells, values, strict=True)):
            if col == 1:
                continue
            paragraph = cell.paragraphs[0]
            if col == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _docx_font(paragraph.add_run(value), "仿宋_GB2312", 10.5)
    for start, end in _section_runs(rows):
        cell = table.cell(start + 1, 1)
        if end > start:
            cell = cell.merge(table.cell(end + 1, 1))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _docx_font(
            cell.paragraphs[0].add_run(rows[start].task.section.heading), "仿宋_GB2312", 10.5
        )
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def as_pdf(publication, progress=None) -> bytes:
    """The report as a PDF laid out like the disclosure page (WeasyPrint, Noto CJK)."""
    from collections import Counter

    from django.template.loader import render_to_string
    from weasyprint import HTML

    from luoshi.textparse import STATUS_LABELS, STATUSES

    rows = list(progress_rows(publication, progress))
    spans = [0] * len(rows)
    for start, end in _section_runs(rows):
        spans[start] = end - start + 1
    counts = Counter(p.status for p in rows)
    html = render_to_string(
        "disclosure/report_print.html",
        {
            "publication": publication,
            "rows": list(zip(rows, spans, strict=True)),
            "class_counts": [
                {"status": s, "label": STATUS_LABELS[s], "count": counts.get(s, 0)}
                for s in STATUSES
            ],
            "total": len(rows),
        },
    )
    return HTML(string=html).write_pdf()


FORMATS = {
    "json": (as_json, "application/json; charset=utf-8"),
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "xlsx": (as_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (
        as_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (as_pdf, "application/pdf"),
}


def render(publication, fmt, progress=None) -> bytes:
    maker, _ = FORMATS[fmt]
    data = maker(publication, progress)
    return data.encode("utf-8") if isinstance(data, str) else data
