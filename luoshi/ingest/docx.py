"""DOCX documents (python-docx): every top-level table whose head is recognised is read;
python-docx already repeats a merged cell (gridSpan, vMerge) in every slot it covers. A
document without a recognised table is read as a paragraph report (督查通报 written as
numbered paragraphs)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any, cast

from luoshi.ingest.limits import CellBudget, check_zip
from luoshi.ingest.report import ParsedReport, ReadError, ReportMeta, period_from_title
from luoshi.ingest.tabular import Table, clean_text, read_tables


def _open(data: bytes, source: str) -> Any:
    # python-docx parses document.xml whole: its size and its elements are bounded first.
    check_zip(data, source)
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise ReadError(f"无法打开 DOCX: {type(exc).__name__}: {exc}", "", source) from None
    except Exception as exc:  # python-docx lets lxml's and its own errors through
        raise ReadError(f"无法打开 DOCX: {type(exc).__name__}: {exc}", "", source) from None


def _paragraph_text(p: Any) -> str:
    # python-docx renders <w:br/> as "\n" and <w:tab/> as "\t"; a soft line break inside
    # a paragraph is a line break like any other.
    return cast(str, p.text)


def _cell_text(cell: Any) -> str:
    return clean_text("\n".join(_paragraph_text(p) for p in cell.paragraphs))


def _body_items(doc: Any) -> Iterator[tuple[str, Any]]:
    """Paragraph texts and tables in document order."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            yield "p", clean_text(Paragraph(child, doc).text)
        elif tag == "tbl":
            yield "tbl", DocxTable(child, doc)


def _table_rows(
    table: Any, n: int, source: str, budget: CellBudget | None = None
) -> list[list[str]]:
    budget = budget or CellBudget(source)
    rows: list[list[str]] = []
    for r, row in enumerate(table.rows):
        try:
            cells = row.cells
        except Exception as exc:  # a grid python-docx cannot lay out
            raise ReadError(
                f"无法读取表格行: {type(exc).__name__}", f"table {n} row {r + 1}", source
            ) from None
        budget.take(len(cells), f"table {n} row {r + 1}")
        rows.append([_cell_text(c) for c in cells])
    return rows


def read_docx(
    data: bytes, source: str = "", column_overrides: dict[int, str] | None = None
) -> ParsedReport:
    doc = _open(data, source)
    try:
        items = list(_body_items(doc))
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"无法读取 DOCX 正文: {type(exc).__name__}", "", source) from None

    tables: list[Table] = []
    paragraphs: list[str] = []
    title = ""
    before: list[str] = []
    n = 0
    budget = CellBudget(source)  # one for all the file's tables
    for kind, item in items:
        if kind == "p":
            assert isinstance(item, str)
            if item:
                paragraphs.append(item)
                before.append(item)
                if not title and not tables and _looks_like_title(item):
                    title = item.replace("\n", "")
            continue
        n += 1
        try:
            rows = _table_rows(item, n, source, budget)
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(f"无法读取表格: {type(exc).__name__}", f"table {n}", source) from None

        def where(r: int, c: int | None, n: int = n) -> str:
            return f"table {n} row {r + 1}"

        hint = next(
            (b.replace("\n", "") for b in reversed(before[-3:]) if _looks_like_title(b)), ""
        )
        # As a section of a report of several tables, the caption above names the table
        # even where it is too short for a title ("附件1" / "慢序时项目").
        caption = next((b.replace("\n", "") for b in reversed(before[-3:]) if _is_caption(b)), "")
        tables.append(
            Table(name=f"table {n}", rows=rows, where=where, title_hint=hint, section_hint=caption)
        )
        before = []

    meta = ReportMeta(title=title)
    report = read_tables(tables, source, "docx", meta, column_overrides, require=False)
    if not report.sections:
        # No recognised table: a report written as paragraphs.
        from luoshi.ingest.paragraphs import read_paragraph_lines

        if not paragraphs and not tables:
            raise ReadError("文档为空", "", source)
        try:
            report = read_paragraph_lines(paragraphs, source, where_prefix="paragraph")
        except ReadError as err:
            if tables:
                from luoshi.ingest.tabular import _looked_for

                raise ReadError(_looked_for(), "table 1", source) from None
            raise err
        report.warnings.append("文档中没有可识别的表格, 按段落读取")
        if not report.meta.title:
            report.meta.title = title
        report.period = period_from_title(report.meta.title)
        return report
    if not report.meta.title:
        try:
            report.meta.title = clean_text(doc.core_properties.title or "").replace("\n", "")
        except Exception:  # core properties are optional and may be malformed
            report.meta.title = ""
    report.period = period_from_title(report.meta.title)
    return report


def _is_caption(text: str) -> bool:
    text = text.replace("\n", "")
    if not 2 <= len(text) <= 120 or re.match(r"^附件\s*\d*[:：]?$", text):
        return False
    return not re.search(r"[。;；:：,，]$", text)


def _looks_like_title(text: str) -> bool:
    text = text.replace("\n", "")
    if len(text) < 6 or len(text) > 120:
        return False
    if re.match(r"^附件\s*\d*[::]?$", text):
        return False
    return not re.search(r"[。;;]$", text)
