"""A published report as files: JSON, CSV, XLSX, DOCX and PDF (one row per task).

The same rows feed the CLI (`luoshi export`) and the portal's downloads, so a file taken
from either is the same.
"""

import io
import json

from django.urls import reverse
from django.utils.http import urlencode

from luoshi.security.cells import CsvWriter, append_text_row
from luoshi.textparse import class_counts

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
        "written_on": iso(publication.written_on),
        "issued_on": iso(publication.issued_on),
        "disclosed_on": iso(publication.disclosed_on),
        "disclosure_form": publication.disclosure_form,
        "disclosure_dept": publication.disclosure_dept,
        "file_name": publication.file_name,
        "validity": publication.validity,
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
        # Published without a report from its unit (the office's choice at publishing): its
        # status_text is the word 未报送, not the unit's.
        "unreported": bool(getattr(progress, "unreported", False)),
        "targets": progress.targets,
        "actuals": progress.actuals,
    }


def span(period) -> dict:
    """The months a report covers: {"year": 2022, "start_month": 1, "end_month": 9}."""
    return {"year": period.year, "start_month": period.start_month, "end_month": period.end_month}


def as_json(publication, progress=None) -> str:
    report = report_fields(publication)
    report["span"] = span(publication.period)
    tasks = [_with_units(task_fields(p), p.task) for p in progress_rows(publication, progress)]
    return json.dumps({"report": report, "tasks": tasks}, ensure_ascii=False, indent=2)


def _with_units(fields: dict, task) -> dict:
    """A task's JSON: its number as written after seq, cooperating_units next to
    lead_units."""
    out = {}
    for key, value in fields.items():
        out[key] = value
        if key == "seq":
            out["number"] = task.number
        elif key == "lead_units":
            out["cooperating_units"] = task.cooperating_unit_names
    return out


# A plan (任务分解, no progress yet) in the same shape as a report -----------------------


def plan_fields(plan) -> dict:
    return {
        "id": plan.pk,
        "title": str(plan),
        "government": plan.government.name,
        "year": plan.year,
    }


def plan_tasks(plan):
    return plan.tasks.select_related("section").prefetch_related("task_units__unit").order_by("seq")


def plan_task_fields(task) -> dict:
    fields = {
        "seq": task.seq,
        "section": task.section.heading,
        "content": task.content,
        "lead_units": task.lead_unit_names,
        "status_text": "",
        "status": None,
        "status_label": "",
        "unreported": False,
        "targets": [],
        "actuals": [],
    }
    return _with_units(fields, task)


def plan_as_json(plan) -> str:
    data = {"plan": plan_fields(plan), "tasks": [plan_task_fields(t) for t in plan_tasks(plan)]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def plan_table_rows(plan):
    return (table_row(plan_task_fields(task)) for task in plan_tasks(plan))


def plan_as_csv(plan) -> bytes:
    return _csv_bytes(plan_table_rows(plan))


def plan_as_xlsx(plan) -> bytes:
    # Like the plan's CSV: the table from the first row, for a sheet to be worked on.
    return _xlsx_bytes("任务分解", [], CSV_HEADERS, plan_table_rows(plan))


PLAN_FORMATS = {"json": plan_as_json, "csv": plan_as_csv, "xlsx": plan_as_xlsx}


def render_plan(plan, fmt) -> bytes:
    data = PLAN_FORMATS[fmt](plan)
    return data.encode("utf-8") if isinstance(data, str) else data


def _quantities(items) -> str:
    """Targets or figures as one readable cell: 新增养老机构床位270张; 地区生产总值增长7.5%左右."""
    return ";".join(item.get("text", "") for item in items)


def table_rows(publication, progress=None):
    return (table_row(task_fields(p)) for p in progress_rows(publication, progress))


def table_row(fields: dict) -> list:
    """One task's row of the CSV/XLSX table, a report's or a plan's."""
    return [
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
    return _csv_bytes(table_rows(publication, progress))


def _csv_bytes(rows) -> bytes:
    out = io.StringIO()
    writer = CsvWriter(out)  # a cell like =HYPERLINK(…) stays text
    writer.writerow(CSV_HEADERS)
    writer.writerows(rows)
    # With a BOM, Excel (which Chinese offices open CSVs in) reads it as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


XLSX_HEADERS = [*CSV_HEADERS, "目标值", "实际值", "单位", "完成比例(%)"]
_XLSX_WIDTHS = [6, 18, 50, 16, 70, 10, 30, 30, 10, 10, 8, 10]


def _first_numbers(progress) -> list:
    """The first target with a reported figure as numbers (target, actual, unit, percent),
    else the first numeric target alone: columns a spreadsheet can sum and sort."""
    for c in progress.comparisons():
        target, actual = c["target"].get("value"), c["actual"].get("sum", c["actual"].get("value"))
        if isinstance(target, int | float) and isinstance(actual, int | float):
            return [target, actual, c["target"].get("unit", ""), c["percent"]]
    for target in progress.targets:
        if isinstance(target.get("value"), int | float):
            return [target["value"], None, target.get("unit", ""), None]
    return [None, None, "", None]


def as_xlsx_table(publication, progress=None) -> bytes:
    """The report as a worksheet to work with: its metadata first (title, 信息索引号, period,
    发布日期, the filter of a filtered view), then the table with a frozen header row, an
    autofilter, and the first target and figure as numbers beside the text columns."""
    meta = [
        ("标题", publication.title),
        ("信息索引号", publication.index_no),
        ("报告期", publication.period.label),
        ("发布日期", publication.published_on.isoformat() if publication.published_on else ""),
    ]
    if getattr(publication, "filter_note", ""):
        meta.append(("筛选条件", publication.filter_note))
    rows = (
        [*table_row(task_fields(p)), *_first_numbers(p)]
        for p in progress_rows(publication, progress)
    )
    return _xlsx_bytes("完成情况", meta, XLSX_HEADERS, rows)


def _xlsx_bytes(title: str, meta, headers, rows) -> bytes:
    """One worksheet: metadata rows (label, value), a blank row, then the table under a
    frozen, filtered header row. Text from documents is never written as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for label, value in meta:
        append_text_row(sheet, [label, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    if meta:
        sheet.append([])
    sheet.append(headers)
    head = sheet.max_row
    for cell in sheet[head]:
        cell.font = Font(bold=True)
    for row in rows:
        append_text_row(sheet, row)  # document text, never a formula
    for row in sheet.iter_rows(min_row=head + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(_XLSX_WIDTHS[: len(headers)], start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(len(headers))
    sheet.freeze_panes = f"A{head + 1}"
    sheet.auto_filter.ref = f"A{head}:{last}{max(head, sheet.max_row)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


DOCX_HEADERS = CSV_HEADERS[:5]


def section_runs(rows):
    """(start, end) row indexes (both inclusive) of each run of rows of one section: the
    section cell spans end - start + 1 rows, as in the original table (the page's row
    spans, the DOCX and PDF merged cells)."""
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
    for start, end in section_runs(rows):
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
    from django.template.loader import render_to_string
    from weasyprint import HTML

    rows = list(progress_rows(publication, progress))
    spans = [0] * len(rows)
    for start, end in section_runs(rows):
        spans[start] = end - start + 1
    html = render_to_string(
        "disclosure/report_print.html",
        {
            "publication": publication,
            "rows": list(zip(rows, spans, strict=True)),
            "class_counts": class_counts(p.status for p in rows),
            "total": len(rows),
        },
    )
    return HTML(string=html).write_pdf()


FORMATS = {
    "json": (as_json, "application/json; charset=utf-8"),
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "xlsx": (as_xlsx_table, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
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


def report_json(publication, request=None):
    """A report as the API and its guide show it: its fields, version and links."""
    data = report_fields(publication)
    data["year"] = publication.period.year
    # A correction is a new version with the same index number: say which one this is,
    # so nobody quotes a withdrawn figure as the current one.
    data["version"] = publication.version
    data["is_current"] = publication.is_current
    data["supersedes"] = publication.previous_id
    data["superseded_by"] = publication.superseded_by_id
    data["url"] = reverse("disclosure:report_detail", args=[publication.pk])
    data["tasks"] = reverse("api:tasks") + "?" + urlencode({"report": publication.pk})
    return data
