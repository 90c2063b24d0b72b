"""Writes a layout (tables as grids, a title, a metadata block) as the document a site
publishes: an HTML page, an XLSX workbook (one sheet per table), a DOCX (a caption
paragraph above each table) or a CSV (one table).

A grid is a list of rows of cell texts; UP marks a cell merged with the one above
(rowspan), LEFT one merged with the one to its left (colspan). CSV has no merges: a merged
cell is written empty, as spreadsheet exports do. "\\n" inside a cell is a line break.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field, replace

from luoshi.textparse.fold import fold

UP = "\x00up"
LEFT = "\x00left"


@dataclass
class Grid:
    caption: str  # the line above the table ("附件2 …"), "" for none; an XLSX sheet's name
    rows: list[list[str]]


@dataclass
class Layout:
    name: str
    fmt: str  # html, xlsx, docx, csv
    tables: list[Grid]
    title: str = ""  # the page's <h1>, the DOCX's first paragraph
    meta_html: str = ""  # the metadata block as the site marks it up (HTML only)
    sheet_names: list[str] = field(default_factory=list)


def half_width(value):
    """The same layout or expectation with every full-width mark typed in ASCII."""
    if isinstance(value, str):
        return value if value in (UP, LEFT) else fold(value)
    if isinstance(value, list):
        return [half_width(v) for v in value]
    if isinstance(value, tuple):
        return tuple(half_width(v) for v in value)
    if isinstance(value, dict):
        return {half_width(k): half_width(v) for k, v in value.items()}
    if isinstance(value, Grid):
        return Grid(half_width(value.caption), half_width(value.rows))
    if isinstance(value, Layout):
        return replace(
            value,
            tables=[half_width(t) for t in value.tables],
            title=half_width(value.title),
            meta_html=half_width(value.meta_html),
            sheet_names=half_width(value.sheet_names),
        )
    return value


def _spans(rows: list[list[str]]):
    """(r, c, text, rowspan, colspan) for every cell that starts a merge or stands alone."""
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in (UP, LEFT):
                continue
            cs = 1
            while c + cs < len(row) and row[c + cs] == LEFT:
                cs += 1
            rs = 1
            while r + rs < len(rows) and c < len(rows[r + rs]) and rows[r + rs][c] == UP:
                rs += 1
            yield r, c, text, rs, cs


def to_html(layout: Layout) -> bytes:
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(layout.title)}</title></head><body>",
        layout.meta_html,
        f"<h1>{html.escape(layout.title)}</h1>" if layout.title else "",
    ]
    for grid in layout.tables:
        if grid.caption:
            parts.append("".join(f"<p>{html.escape(x)}</p>" for x in grid.caption.split("\n")))
        parts.append("<table border='1'>")
        cells = list(_spans(grid.rows))
        for r in range(len(grid.rows)):
            parts.append("<tr>")
            for rr, _c, text, rs, cs in cells:
                if rr != r:
                    continue
                attrs = (f" rowspan='{rs}'" if rs > 1 else "") + (
                    f" colspan='{cs}'" if cs > 1 else ""
                )
                body = "<br>".join(html.escape(x) for x in text.split("\n"))
                parts.append(f"<td{attrs}>{body}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def to_xlsx(layout: Layout) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, grid in enumerate(layout.tables):
        name = layout.sheet_names[n] if n < len(layout.sheet_names) else f"表{n + 1}"
        ws = wb.create_sheet(name)
        for r, c, text, rs, cs in _spans(grid.rows):
            ws.cell(row=r + 1, column=c + 1, value=text)
            if rs > 1 or cs > 1:
                ws.merge_cells(
                    start_row=r + 1, start_column=c + 1, end_row=r + rs, end_column=c + cs
                )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_docx(layout: Layout) -> bytes:
    import docx

    doc = docx.Document()
    if layout.title:
        doc.add_paragraph(layout.title)
    for grid in layout.tables:
        for line in grid.caption.split("\n") if grid.caption else []:
            doc.add_paragraph(line)
        width = max(len(r) for r in grid.rows)
        table = doc.add_table(rows=len(grid.rows), cols=width)
        for r, c, text, rs, cs in _spans(grid.rows):
            cell = table.cell(r, c)
            if rs > 1 or cs > 1:
                cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def to_csv(layout: Layout) -> bytes:
    (grid,) = layout.tables
    out = io.StringIO()
    writer = csv.writer(out)
    for row in grid.rows:
        writer.writerow(["" if v in (UP, LEFT) else v for v in row])
    return out.getvalue().encode("utf-8-sig")


WRITERS = {"html": to_html, "xlsx": to_xlsx, "docx": to_docx, "csv": to_csv}


def document(layout: Layout) -> bytes:
    return WRITERS[layout.fmt](layout)
