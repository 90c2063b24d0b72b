"""A document that inflates past the bounds is refused before a parser builds it, fast and in
little memory, with an error naming the file and the member or row; an honest document
still reads. Bounds are set small through the environment so the bombs stay small."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile

import pytest

from luoshi.ingest.detect import read_document
from luoshi.ingest.report import ReadError
from tests.conftest import SAMPLES
from tests.security import bombs

MiB = 1024 * 1024


@pytest.fixture
def small_bounds(monkeypatch):
    monkeypatch.setenv("LUOSHI_IMPORT_MAX_INFLATED_MB", "2")
    monkeypatch.setenv("LUOSHI_IMPORT_MAX_CELLS", "2000")
    monkeypatch.setenv("LUOSHI_IMPORT_MAX_XML_ELEMENTS", "20000")


def _refusal(data: bytes, name: str) -> tuple[ReadError, float, float]:
    """The error, the seconds it took and the peak of memory allocated meanwhile (MiB)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ReadError) as caught:
            read_document(data, name)
        return caught.value, time.perf_counter() - started, tracemalloc.get_traced_memory()[1] / MiB
    finally:
        tracemalloc.stop()


def test_xlsx_sheet_bomb_is_refused_by_member_before_openpyxl_reads_it(small_bounds):
    data = bombs.xlsx_sheet_bomb(24 * MiB)
    assert len(data) < MiB / 4
    error, seconds, peak = _refusal(data, "bomb.xlsx")
    assert error.source == "bomb.xlsx"
    assert error.where == "member xl/worksheets/sheet1.xml"
    assert "解压后超过上限 2.0 MiB" in error.message
    assert peak < 2 and seconds < 5  # nothing inflated, let alone parsed


def test_docx_bomb_is_refused_by_member(small_bounds):
    error, _, peak = _refusal(bombs.docx_bomb(24 * MiB), "bomb.docx")
    assert error.where == "member word/document.xml"
    assert peak < 2


def _lying_about_size(data: bytes, member: str) -> bytes:
    """The zip with `member`'s inflated size declared as 100 bytes in the central directory
    (where readers take it from)."""
    out = bytearray(data)
    at = 0
    while (at := out.find(b"PK\x01\x02", at)) >= 0:
        name_length = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + name_length] == member.encode():
            struct.pack_into("<I", out, at + 24, 100)
        at += 4
    return bytes(out)


def test_a_member_inflating_past_its_declared_size_is_refused_by_name(small_bounds):
    data = _lying_about_size(bombs.xlsx_sheet_bomb(24 * MiB), "xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size == 100
    error, seconds, peak = _refusal(data, "lying.xlsx")
    assert error.where == "member xl/worksheets/sheet1.xml"
    assert peak < 2 and seconds < 5


def test_docx_of_too_many_xml_elements_is_refused_before_python_docx_parses_it(monkeypatch):
    monkeypatch.setenv("LUOSHI_IMPORT_MAX_XML_ELEMENTS", "20000")
    data = bombs.docx_bomb(MiB)  # 1 MiB of paragraphs: under the size bound, not the count
    error, _, peak = _refusal(data, "long.docx")
    assert error.where == "member word/document.xml"
    assert "XML 元素过多" in error.message
    assert peak < 2


def test_entity_declarations_are_refused(small_bounds):
    doctype = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
    data = bombs._replace_member(
        bombs._base_docx(), "word/document.xml", [doctype, b"<w:document>&a;</w:document>"]
    )
    error, _, _ = _refusal(data, "entities.docx")
    assert "DOCTYPE" in error.message and error.where == "member word/document.xml"


def test_xlsx_of_many_cells_stops_at_the_cell_bound_while_reading(small_bounds):
    data = bombs.xlsx_many_cells(rows=5000, cols=4)
    error, _, peak = _refusal(data, "cells.xlsx")
    assert error.where.startswith("sheet 表1 row ")
    assert "单元格过多 (上限 2000 个)" in error.message
    assert peak < 4  # read-only: rows are streamed, not built as a sheet of Cell objects


def test_the_cell_bound_is_for_the_whole_file_not_each_sheet(small_bounds):
    import openpyxl

    wb = openpyxl.Workbook()
    for n in range(3):
        ws = wb.create_sheet(f"表{n + 1}")
        ws.append(bombs.HEAD)
        for r in range(240):
            ws.append((r + 1, f"任务{r}", "区住建局", "已完成"))
    out = io.BytesIO()
    wb.save(out)
    error, _, _ = _refusal(out.getvalue(), "three.xlsx")
    assert error.where.startswith("sheet 表3 row ")


def test_a_dimension_claiming_the_whole_sheet_reads_only_the_cells_there(small_bounds):
    data = bombs.xlsx_many_cells(rows=3, cols=4)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b'<dimension ref="A1:D2"/>', b'<dimension ref="A1:XFD1048576"/>')
    data = bombs._replace_member(data, "xl/worksheets/sheet1.xml", [sheet])
    from luoshi.ingest.xlsx import open_workbook, sheet_tables

    wb = open_workbook(data, "wide.xlsx")
    (title, rows), *_ = sheet_tables(wb)[0]
    wb.close()
    assert len(rows) == 4 and len(rows[0]) == 4


def test_csv_of_many_rows_stops_at_the_cell_bound_with_its_line(small_bounds):
    error, _, _ = _refusal(bombs.csv_many_rows(5000), "rows.csv")
    assert error.where == "line 501"  # 500 rows of 4 cells fill the bound of 2000
    assert "单元格过多" in error.message


@pytest.mark.parametrize("name", ["gongshu-2021q4.xlsx", "gongshu-2021q4.docx"])
def test_the_published_samples_read_within_the_default_bounds(name):
    report = read_document(SAMPLES / name)
    assert len(report.tasks) == 106
