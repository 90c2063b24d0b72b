"""One entry point for every document a government publishes: detect the format from the
content (the filename only breaks ties: uploads are often misnamed, .xls that are HTML,
.txt that are CSV) and read it into a ParsedReport. Only ReadError leaves this module."""

from __future__ import annotations

import html as html_lib
import io
import os
import re
import zipfile
from pathlib import Path
from types import ModuleType

from luoshi.ingest.limits import ZIP_ERRORS
from luoshi.ingest.report import ParsedReport, ReadError

FORMATS = ("xlsx", "docx", "html", "csv", "seedtext", "paragraphs")
MAX_BYTES = 50 * 1024 * 1024


def _seedtext() -> ModuleType | None:
    """The scraped-page-text reader lives in its own module, written separately; import
    it only when needed so the other formats work without it."""
    try:
        from luoshi.ingest import seedtext
    except ImportError:
        return None
    return seedtext


def _text(data: bytes) -> str | None:
    from luoshi.ingest.csvfile import decode_text

    try:
        return decode_text(data)
    except ReadError:
        return None


def _csv_has_heads(text: str) -> bool:
    from luoshi.ingest.csvfile import sniff_delimiter
    from luoshi.ingest.tabular import head_field

    delimiter = sniff_delimiter(text)
    for line in text[:65536].splitlines()[:15]:
        if line.count(delimiter) < 1:
            continue
        fields = {head_field(cell.strip().strip('"')) for cell in line.split(delimiter)}
        if "content" in fields and fields & {"lead_units", "units"}:
            return True
    return False


def detect_format(data: bytes, filename: str | None = None) -> str:
    ext = os.path.splitext(filename or "")[1].lower().lstrip(".")
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except ZIP_ERRORS as exc:
            raise ReadError(f"压缩包已损坏: {exc}", "", filename or "") from None
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            return "docx"
        raise ReadError("压缩包既不是 XLSX 也不是 DOCX", "", filename or "")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError(
            "旧版 Office 文件 (.xls/.doc) 不支持, 请另存为 .xlsx/.docx", "", filename or ""
        )
    if data[:5] == b"%PDF-":
        raise ReadError("PDF 不支持, 请提供 HTML/XLSX/DOCX/CSV", "", filename or "")
    text = _text(data)
    if text is None:
        if b"\x00" in data:  # a text file with a NUL in it says on which line
            from luoshi.ingest.csvfile import decode_text

            decode_text(data, filename or "")
        raise ReadError("无法识别的文件格式 (不是文本, 也不是 XLSX/DOCX)", "", filename or "")
    head = text[:8192].lower()
    if re.search(r"<(!doctype\s+html|html|table|body)\b", head):
        return "html"
    candidates: list[str] = []
    if _csv_has_heads(text):
        candidates.append("csv")
    seed = _seedtext()
    if seed is not None:
        try:
            if seed.looks_like_seedtext(text):
                candidates.append("seedtext")
        except Exception:  # a detector of another module must not break detection
            pass
    from luoshi.ingest.paragraphs import looks_like_paragraphs

    if looks_like_paragraphs(text[:400_000]):  # its first 2000 lines, without splitting all
        candidates.append("paragraphs")
    if not candidates:
        if ext in ("csv", "tsv"):
            return "csv"
        raise ReadError("无法识别的文件格式", "", filename or "")
    if len(candidates) > 1:
        by_ext = {"csv": "csv", "tsv": "csv", "txt": None}.get(ext)
        if by_ext in candidates:
            return by_ext
    return candidates[0]


def read_document(
    path_or_bytes: str | os.PathLike[str] | bytes,
    filename: str | None = None,
    column_overrides: dict[int, str] | None = None,
) -> ParsedReport:
    if isinstance(path_or_bytes, bytes | bytearray | memoryview):
        data = bytes(path_or_bytes)
    else:
        path = Path(path_or_bytes)
        filename = filename or path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ReadError("文件过大", "", filename)
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(f"无法读取文件: {exc.strerror or exc}", "", filename) from None
    source = filename or ""
    if len(data) > MAX_BYTES:
        raise ReadError("文件过大", "", source)
    if not data.strip():
        raise ReadError("文件为空", "", source)
    fmt = detect_format(data, filename)
    try:
        report = _read(fmt, data, source, column_overrides)
        settle(report, lead_lines(data, fmt, report))
        return report
    except ReadError as err:
        if not err.source:
            err.source = source
        raise
    except RecursionError:
        raise ReadError("文档嵌套过深", "", source) from None
    except Exception as exc:
        # The readers raise ReadError for every bad input they know of; anything else is
        # a bug, but the caller still gets the one exception type it handles.
        raise ReadError(f"无法读取 ({fmt}): {type(exc).__name__}: {exc}", "", source) from exc


def _read(fmt: str, data: bytes, source: str, overrides: dict[int, str] | None) -> ParsedReport:
    if fmt == "xlsx":
        from luoshi.ingest.xlsx import read_xlsx

        return read_xlsx(data, source, overrides)
    if fmt == "docx":
        from luoshi.ingest.docx import read_docx

        return read_docx(data, source, overrides)
    if fmt == "html":
        from luoshi.ingest.html import read_html

        return read_html(data, source, overrides)
    if fmt == "csv":
        from luoshi.ingest.csvfile import read_csv

        return read_csv(data, source, overrides)
    from luoshi.ingest.csvfile import decode_text

    text = decode_text(data, source)
    if fmt == "seedtext":
        seed = _seedtext()
        if seed is None:
            raise ReadError("页面文本读取器不可用", "", source)
        parsed: ParsedReport = seed.read_seedtext(text, source)
        return parsed
    from luoshi.ingest.paragraphs import read_paragraphs

    return read_paragraphs(text, source)


def lead_lines(data: bytes, fmt: str, report: ParsedReport, limit: int = 15) -> list[str]:
    """The document's first lines of text, where the masthead and the title block stand:
    what the reader kept, else the text before the first table (HTML) or the first lines
    of a text file."""
    if report.lead_lines:
        return report.lead_lines[:limit]
    if fmt in ("xlsx", "docx"):
        return []
    text = _text(data) or ""
    if fmt == "html":
        head = re.split(r"<table\b", text, maxsplit=1, flags=re.I)[0]
        head = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", head)
        head = re.sub(r"(?i)<(br|/p|/div|/li|/h\d|/tr|/dd|/dt)\b[^>]*>", "\n", head)
        text = html_lib.unescape(re.sub(r"<[^>]*>", " ", head))
        lines = [" ".join(line.split()) for line in text.splitlines()]
        return [line for line in lines if line][-limit:]
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line][:limit]


def settle(report: ParsedReport, lines: list[str]) -> None:
    """What every format shares, done once after any reader: the period read wherever the
    document writes it (title, masthead, progress heads, first lines), and the government
    from the masthead or title, stored as the place's name. Where each was found is kept."""
    from luoshi.ingest.government import find_government, place_name
    from luoshi.ingest.period import find_period

    found = find_period(report, lines)
    if found is not None:
        year_only = found.value.label == f"{found.value.year}年"
        if report.period is not None and year_only and found.value.year == report.period.year:
            # The document names only the year; a reader's own finding (a sheet named
            # 三季度) says more.
            report.period_where = report.period_where or found.where
        else:
            report.period = found.value
            report.period_where = found.where
    elif report.period is not None and not report.period_where:
        report.period_where = "工作表名" if report.format == "xlsx" else "文件"
    if report.government:
        report.government = place_name(report.government)
        # The readers that name a government: HTML from the page's <title>, page text
        # from the place it names most.
        said = "页面标题" if report.format == "html" else "页面正文"
        report.government_where = report.government_where or said
    else:
        report.government, report.government_where = find_government(report, lines)
