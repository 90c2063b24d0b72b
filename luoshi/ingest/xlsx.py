"""XLSX workbooks (openpyxl): every sheet whose head is recognised is read; merged cells
are filled into every cell they cover so a section cell merged over eight rows reads as
eight rows of that section."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
from typing import Any

from luoshi.ingest.limits import ZIP_ERRORS, CellBudget, check_zip
from luoshi.ingest.report import ParsedReport, ReadError, ReportMeta, period_from_title
from luoshi.ingest.tabular import Table, clean_text, column_letter, read_tables

# The sheet XML's names, for the scan that finds what read-only openpyxl does not give:
# merged ranges and formulas saved without a computed value.
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _MERGE = f"{_NS}row", f"{_NS}c", f"{_NS}mergeCell"
_FORMULA, _VALUE = f"{_NS}f", f"{_NS}v"
_REF = re.compile(r"([A-Z]{1,3})(\d+)$")


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


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _scan_sheet(ws: Any, budget: CellBudget) -> list[Any]:
    """One streaming pass over the sheet's XML, before openpyxl reads it: charges every row
    and cell (as wide as openpyxl will make it) to the file's budget, so a sheet of
    millions stops here; returns its merged ranges; refuses formulas saved without a
    computed value (read as empty, they would merge a task into the one above)."""
    from lxml import etree
    from openpyxl.worksheet.cell_range import CellRange

    where = f"sheet {ws.title}"
    merges, uncached = [], []
    last_row = 0
    with ws._get_source() as src:
        parser = etree.iterparse(
            src, events=("end",), tag=(_ROW, _MERGE), resolve_entities=False, no_network=True
        )
        for _, el in parser:
            if el.tag == _MERGE:
                with contextlib.suppress(ValueError, TypeError):  # a range naming no cells
                    merges.append(CellRange(el.get("ref", "")))
                continue
            given = el.get("r") or ""
            r = int(given) if given.isdigit() else last_row + 1
            width = 0
            for n, cell in enumerate(el.iterchildren(_CELL), start=1):
                m = _REF.match(cell.get("r") or "")
                width = _column_number(m.group(1)) if m else max(width + 1, n)
                if cell.find(_FORMULA) is not None and _uncached(cell):
                    uncached.append(f"row {r} column {m.group(1) if m else n}")
            budget.take(max(r - last_row - 1, 0) + max(width, 1), f"{where} row {r}")
            last_row = max(r, last_row)
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    if uncached:
        more = f" 等 {len(uncached)} 处" if len(uncached) > 1 else ""
        raise ReadError(
            f"公式没有保存计算结果{more}, 请用 Excel/WPS 打开后另存再导入",
            f"{where} {uncached[0]}",
            budget.source,
        )
    return merges


def _uncached(cell: Any) -> bool:
    """A formula cell without a computed value: no <v>, or an empty one that is not a text
    result (Excel writes an empty text result as t="str" with <v></v>; openpyxl and some
    generators write <v></v> for every formula they could not compute)."""
    value = cell.find(_VALUE)
    return value is None or (not value.text and cell.get("t") != "str")


def _sheet_rows(ws: Any, budget: CellBudget | None = None) -> list[list[str]]:
    budget = budget or CellBudget()
    merges = _scan_sheet(ws, budget)
    ws.reset_dimensions()  # a <dimension> that claims A1:XFD1048576 pads nothing
    rows = [
        [_cell_text(v) for v in row] for row in ws._cells_by_row(1, 1, None, None, values_only=True)
    ]
    width = max((len(r) for r in rows), default=0)
    if len(rows) * width > budget.limit:
        raise ReadError(
            f"工作表过大 ({len(rows)} 行 × {width} 列)", f"sheet {ws.title}", budget.source
        )
    for row in rows:
        row.extend([""] * (width - len(row)))
    max_row, max_col = len(rows), width
    for rng in merges:
        top = (
            rows[rng.min_row - 1][rng.min_col - 1]
            if rng.min_row <= max_row and rng.min_col <= max_col
            else ""
        )
        for r in range(rng.min_row, min(rng.max_row, max_row) + 1):
            for c in range(rng.min_col, min(rng.max_col, max_col) + 1):
                rows[r - 1][c - 1] = top
    return rows


def open_workbook(data: bytes, source: str = "") -> Any:
    """The workbook, read-only (rows are streamed from the zip as they are read), once its
    zip has been checked against the bounds (luoshi.ingest.limits)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            sheets = frozenset(n for n in zf.namelist() if n.startswith("xl/worksheets/"))
    except ZIP_ERRORS as exc:
        raise ReadError(f"无法打开 XLSX: {type(exc).__name__}: {exc}", "", source) from None
    check_zip(data, source, streamed=sheets)
    try:
        import openpyxl

        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise ReadError(f"无法打开 XLSX: {type(exc).__name__}: {exc}", "", source) from None
    except Exception as exc:  # openpyxl raises whatever its XML parser raises on garbage
        raise ReadError(f"无法打开 XLSX: {type(exc).__name__}: {exc}", "", source) from None


def sheet_tables(wb: Any, source: str = "") -> tuple[list[tuple[str, list[list[str]]]], list[str]]:
    """(title, rows) of every visible sheet, within one cell budget for the file; and a
    warning for each hidden sheet, which is not read (a hidden sheet is a working copy or a
    lookup list, not what the government published)."""
    budget = CellBudget(source)
    sheets, warnings = [], []
    for ws in wb.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            warnings.append(f"隐藏的工作表 {ws.title} 未导入")
            continue
        try:
            sheets.append((ws.title, _sheet_rows(ws, budget)))
        except ReadError as err:
            raise ReadError(err.message, err.where or f"sheet {ws.title}", source) from None
    return sheets, warnings


def read_xlsx(
    data: bytes, source: str = "", column_overrides: dict[int, str] | None = None
) -> ParsedReport:
    wb = open_workbook(data, source)
    try:
        return _read_workbook(wb, source, column_overrides)
    finally:
        wb.close()


def _read_workbook(wb: Any, source: str, column_overrides: dict[int, str] | None) -> ParsedReport:
    tables: list[Table] = []
    try:
        sheets, hidden = sheet_tables(wb, source)
    except ReadError:
        raise
    except Exception as exc:  # a sheet whose XML openpyxl could load but not iterate
        raise ReadError(f"无法读取工作表: {type(exc).__name__}: {exc}", "", source) from None
    for title, rows in sheets:

        def where(r: int, c: int | None, title: str = title) -> str:
            place = f"sheet {title} row {r + 1}"
            return f"{place} column {column_letter(c)}" if c is not None else place

        # A sheet's own name names it as a section, unless it is the default one.
        hint = "" if re.fullmatch(r"(?i)(sheet|表|工作表)\s*\d*", title.strip()) else title
        tables.append(Table(f"sheet {title}", rows, where, section_hint=hint))
    if not tables:
        raise ReadError("工作簿中没有可见的工作表" if hidden else "工作簿中没有工作表", "", source)

    meta = ReportMeta()
    report = read_tables(tables, source, "xlsx", meta, column_overrides)
    report.warnings.extend(hidden)
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
