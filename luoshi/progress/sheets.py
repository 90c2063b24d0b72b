"""What the office works from, as files: a period's review sheet (XLSX) and the overdue
list with contacts (XLSX or CSV).

Every cell of text is written as text: a unit's report that starts with = or + stays
what it says and never becomes a spreadsheet formula."""

from __future__ import annotations

import csv
import io

from luoshi.progress import notices
from luoshi.progress import overdue as late
from luoshi.progress.review import disagreement
from luoshi.textparse import CLASS_LABELS

REVIEW_HEADERS = [
    "序号",
    "主要工作内容",
    "牵头单位",
    "完成情况",
    "存在问题",
    "下步打算",
    "系统评估",
    "单位自评",
    "审核类别",
    "改判理由",
    "填报状态",
    "标记",
]
OVERDUE_HEADERS = [
    "报告期",
    "单位",
    "截止日期",
    "逾期天数",
    "未报送任务数",
    "任务序号",
    "联系人",
    "电话",
    "邮箱",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def review_rows(period):
    rows = (
        period.progress.select_related("task", "period")
        .prefetch_related("task__task_units__unit")
        .order_by("task__seq")
    )
    for p in rows:
        yield [
            p.task.seq,
            p.task.content,
            "、".join(p.task.lead_unit_names),
            p.text,
            p.problems,
            p.next_steps,
            CLASS_LABELS.get(p.engine_status, ""),
            CLASS_LABELS.get(p.self_status, ""),
            CLASS_LABELS.get(p.status, "") if p.state == p.APPROVED else "",
            p.override_reason,
            p.get_state_display(),
            disagreement(p),
        ]


def overdue_rows(periods):
    for period in periods:
        granted = late.deadlines(period)
        for unit_due in late.overdue(period):
            members = notices.contacts(unit_due.unit)
            deadline = granted.get(unit_due.unit.pk, period.deadline)
            yield [
                period.label,
                unit_due.unit.name,
                deadline.isoformat() if deadline else "",
                late.days_late(period, unit_due.unit.pk, granted=granted),
                len(unit_due.tasks),
                "、".join(str(t.seq) for t in unit_due.tasks),
                "、".join(m.full_name or m.user.username for m in members),
                "、".join(m.phone for m in members if m.phone),
                "、".join(m.user.email for m in members if m.user.email),
            ]


def xlsx(headers, rows, title, widths=()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for r, values in enumerate([headers, *rows], start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it reads "=SUM(...)"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r == 1:
                cell.font = Font(bold=True)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(headers, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for values in rows:
        # A leading ' keeps Excel from reading a cell as a formula.
        writer.writerow(
            f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in values
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def review_sheet(period) -> bytes:
    widths = [6, 40, 16, 60, 30, 30, 10, 10, 10, 30, 10, 40]
    return xlsx(REVIEW_HEADERS, review_rows(period), "审核表", widths)


def overdue_list(periods, fmt: str) -> bytes:
    rows = list(overdue_rows(periods))
    if fmt == "csv":
        return csv_bytes(OVERDUE_HEADERS, rows)
    return xlsx(OVERDUE_HEADERS, rows, "逾期未报送", [14, 20, 12, 8, 8, 30, 16, 20, 28])
