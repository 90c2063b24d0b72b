"""A published report as files: JSON, CSV and XLSX (one row per task).

The same rows feed the CLI (`luoshi export`) and the portal's downloads, so a file taken
from either is the same.
"""

import csv
import io
import json

from luoshi.progress.models import Progress

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
        progress = Progress.objects.filter(period=publication.period)
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
    writer = csv.writer(out)
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
        sheet.append(row)
    widths = [6, 18, 50, 16, 70, 10, 30, 30]
    for column, width in zip("ABCDEFGH", widths, strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FORMATS = {
    "json": (as_json, "application/json; charset=utf-8"),
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "xlsx": (as_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def render(publication, fmt, progress=None) -> bytes:
    maker, _ = FORMATS[fmt]
    data = maker(publication, progress)
    return data.encode("utf-8") if isinstance(data, str) else data
