"""CSV tables with the same heads as the XLSX ones. Encoding: UTF-8 (with or without a
BOM) is tried strictly first, then GB18030 (what Excel in China writes, a superset of GBK
and GB2312). The delimiter is the one of , tab ; | that splits the head line most."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from luoshi.ingest.encoding import decode_utf16, refuse_nul, utf16_of
from luoshi.ingest.limits import CellBudget
from luoshi.ingest.report import ParsedReport, ReadError, ReportMeta
from luoshi.ingest.tabular import Table, read_tables

_DELIMITERS = (",", "\t", ";", "|")


def decode_text(data: bytes, source: str = "") -> str:
    """UTF-16 (either order, BOM or not), else UTF-8 (BOM stripped), else GB18030; all
    strict, so mojibake is not read on; a NUL byte is an error on its line."""
    utf16 = utf16_of(data)
    if utf16:
        return refuse_nul(decode_utf16(data, utf16, source), source)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ReadError("不是文本文件 (含 NUL 字节)", f"line {line}", source)
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    # Name the first line that fails to decode so the sender can find it.
    line = data[: _bad_offset(data)].count(b"\n") + 1
    raise ReadError("无法识别编码 (试过 UTF-8、GB18030)", f"line {line}", source)


def _bad_offset(data: bytes) -> int:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def sniff_delimiter(text: str) -> str:
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time: a StringIO would copy the whole
    text again, at four bytes a character, before the row bound is reached."""
    if "\n" not in text:  # only old Mac line ends, or one line
        yield from io.StringIO(text, newline="")
        return
    pos, size = 0, len(text)
    while pos < size:
        end = text.find("\n", pos)
        end = size if end < 0 else end + 1
        yield text[pos:end]
        pos = end


def read_csv(
    data: bytes | str, source: str = "", column_overrides: dict[int, str] | None = None
) -> ParsedReport:
    text = refuse_nul(data, source) if isinstance(data, str) else decode_text(data, source)
    delimiter = sniff_delimiter(text)
    rows: list[list[str]] = []
    lines: list[int] = []  # the line each record starts on
    # strict: a quote left open at the end is an error, not the rest of the file swallowed
    # into one cell.
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    start = 1
    budget = CellBudget(source)
    try:
        for row in reader:
            budget.take(len(row), f"line {start}")
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            # The quoted cell begun on the record's first line never ends.
            raise ReadError(
                f"引号未闭合: 从第 {start} 行起的记录直到文件末尾 (第 {reader.line_num} 行) "
                "都在一个带引号的单元格里",
                f"line {start}",
                source,
            ) from None
        raise ReadError(
            f"CSV 格式错误: {exc} (记录从第 {start} 行起)",
            f"line {reader.line_num or start}",
            source,
        ) from None

    def where(r: int, c: int | None) -> str:
        line = lines[r] if 0 <= r < len(lines) else r + 1
        return f"line {line}" + (f" column {c + 1}" if c is not None else "")

    if not rows:
        raise ReadError("文件为空", "line 1", source)
    return read_tables(
        [Table(name="csv", rows=rows, where=where)], source, "csv", ReportMeta(), column_overrides
    )
