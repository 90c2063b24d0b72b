"""XLSX workbooks (openpyxl): every sheet whose head is recognised is read; merged cells
are filled into every cell they cover so a section cell merged over eight rows reads as
eight rows of that section."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from luoshi.ingest.report import ParsedReport, ReadError, ReportMeta, period_from_title
from luoshi.ingest.tabular import Table, clean_text, column_letter, read_tables

# A sheet larger than this is not a task table; filling its merged ranges could take
# minutes and gigabytes (a corrupt file can claim A1:XFD1048576).
MAX_CELLS = 400_000


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 序号 typed as 1.0
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(value)


def _sheet_rows(ws) -> list[list[str]]:
    max_row, max_col = ws.max_row or 0, ws.max_column or 0
    if max_row * max_col > MAX_CELLS:
        raise ReadError(f"工作表过大 ({max_row} 行 × {max_col} 列)", f"sheet {ws.title}", "")
    rows = [
        [_cell_text(v) for v in row]
        for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)
    ]
    for rng in list(ws.merged_cells.ranges):
        top = (
            rows[rng.min_row - 1][rng.min_col - 1]
            if rng.min_row <= max_row and rng.min_col <= max_col
            else ""
        )
        for r in range(rng.min_row, min(rng.max_row, max_row) + 1):
            for c in range(rng.min_col, min(rng.max_col, max_col) + 1):
                rows[r - 1][c - 1] = top
    return rows


def read_xlsx(
    data: bytes, source: str = "", column_overrides: dict[int, str] | None = None
) -> ParsedReport:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise ReadError(f"无法打开 XLSX: {type(exc).__name__}: {exc}", "", source) from None
    except Exception as exc:  # openpyxl raises whatever its XML parser raises on garbage
        raise ReadError(f"无法打开 XLSX: {type(exc).__name__}: {exc}", "", source) from None

    tables: list[Table] = []
    try:
        for ws in wb.worksheets:
            title = ws.title
            try:
                rows = _sheet_rows(ws)
            except ReadError as err:
                raise ReadError(err.message, err.where, source) from None

            def where(r: int, c: int | None, title: str = title) -> str:
                place = f"sheet {title} row {r + 1}"
                return f"{place} column {column_letter(c)}" if c is not None else place

            # A sheet's own name names it as a section, unless it is the default one.
            hint = "" if re.fullmatch(r"(?i)(sheet|表|工作表)\s*\d*", title.strip()) else title
            tables.append(Table(f"sheet {title}", rows, where, section_hint=hint))
    except ReadError:
        raise
    except Exception as exc:  # a sheet whose XML openpyxl could load but not iterate
        raise ReadError(f"无法读取工作表: {type(exc).__name__}: {exc}", "", source) from None
    if not tables:
        raise ReadError("工作簿中没有工作表", "", source)

    meta = ReportMeta()
    report = read_tables(tables, source, "xlsx", meta, column_overrides)
    if not report.meta.title:
        title = clean_text(getattr(wb.properties, "title", "") or "")
        if title:
            report.meta.title = title.replace("\n", "")
            report.period = period_from_title(report.meta.title)
    if not report.meta.title:
        # A sheet named for its period ("2021年四季度") is the best title left.
        named = next((ws.title for ws in wb.worksheets if period_from_title(ws.title)), "")
        if named:
            report.meta.title = named
            report.period = period_from_title(named)
    return report
