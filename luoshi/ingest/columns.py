"""The columns of a table-shaped document, by index, for a person to map by hand.

`ParsedReport.columns` only exists once a document has been read, and it names heads, not
positions; `column_overrides` wants positions. This lists the first data-looking table's
head row with each column's index, its head as written, the field recognised for it (None
where the head is not recognised) and a sample value from the row below, even where the
document cannot be read at all because its heads are not recognised. Nothing here imports
Django.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from luoshi.ingest.report import ReadError
from luoshi.ingest.tabular import _find_head, clean_text, column_letter, head_field

TABULAR = ("xlsx", "docx", "html", "csv")
_SCAN_ROWS = 15


@dataclass
class Column:
    index: int
    head: str  # as written ("" for an empty head cell)
    field: str | None  # recognised field, None where the head is not recognised
    sample: str = ""  # the first non-empty value below the head

    @property
    def label(self) -> str:
        """How to name the column to a person: its head, else its position."""
        return self.head or f"第{self.index + 1}列 ({column_letter(self.index)})"


def _tables(fmt: str, data: bytes) -> list[list[list[str]]]:
    if fmt == "xlsx":
        from luoshi.ingest.xlsx import open_workbook, sheet_tables

        wb = open_workbook(data)
        try:
            return [rows for _, rows in sheet_tables(wb)[0]]
        finally:
            wb.close()
    if fmt == "docx":
        from luoshi.ingest.docx import _body_items, _open, _table_rows

        doc = _open(data, "")
        items = [item for kind, item in _body_items(doc) if kind == "tbl"]
        return [_table_rows(t, n, "") for n, t in enumerate(items, start=1)]
    if fmt == "html":
        from bs4 import BeautifulSoup

        from luoshi.ingest.html import _decode, table_grid

        soup = BeautifulSoup(_decode(data), "lxml")
        return [table_grid(t) for t in soup.find_all("table")]
    from luoshi.ingest.csvfile import decode_text, sniff_delimiter

    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return [[row for _, row in zip(range(_SCAN_ROWS + 5), reader, strict=False)]]


def _head_row(rows: list[list[str]]) -> int | None:
    """The recognised head row, else the first row with two different texts (a title
    merged across the table repeats one text in every cell)."""
    from luoshi.ingest.tabular import Table

    head = _find_head(Table("", [list(r) for r in rows], lambda r, c: ""))
    if head is not None:
        # The last head row (a two-row head puts 一季度 .. under 季度形象进度).
        return head.row
    for r, row in enumerate(rows[:_SCAN_ROWS]):
        if len({clean_text(v) for v in row if clean_text(v)}) >= 2:
            return r
    return None


def document_columns(data: bytes, fmt: str) -> list[Column]:
    """The columns of the first table that has a head row; [] for formats that are not
    tables (page text, paragraph reports) or a document without such a table. Raises
    ReadError only for a container that cannot be opened."""
    if fmt not in TABULAR:
        return []
    try:
        tables = _tables(fmt, data)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"无法读取表格: {type(exc).__name__}") from None
    # A table whose head is recognised wins; else the widest table (layout tables of an
    # HTML page are narrow).
    found = [(rows, _head_row(rows)) for rows in tables if rows]
    headed = [(rows, r) for rows, r in found if r is not None]
    if not headed:
        return []
    from luoshi.ingest.tabular import Table

    recognised = [
        (rows, r)
        for rows, r in headed
        if _find_head(Table("", [list(x) for x in rows], lambda a, b: "")) is not None
    ]
    rows, r = (recognised or sorted(headed, key=lambda t: -max(len(x) for x in t[0])))[0]
    head = rows[r]
    below = rows[r + 1 :]
    columns = []
    for c, cell in enumerate(head):
        text = clean_text(cell).replace("\n", "")
        sample = next((clean_text(row[c]) for row in below if c < len(row) and row[c]), "")
        columns.append(Column(c, text, head_field(text) if text else None, sample[:60]))
    return columns
