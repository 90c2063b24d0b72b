"""Hostile documents built on the spot (nothing this big is kept in the repository):

- an XLSX whose one sheet inflates far past its zip (a "sheet bomb");
- a DOCX whose document.xml does the same with paragraphs;
- an XLSX of honest size holding a great many cells;
- a CSV of a great many rows.

`python -m tests.security.bombs DIR` writes the four at the sizes measured in the
operations notes; the tests build small ones."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HEAD = ("序号", "主要工作内容", "牵头单位", "完成情况")
MiB = 1024 * 1024


def _base_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(HEAD)
    ws.append((1, "推进老旧小区改造", "区住建局", "已完成"))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _base_docx() -> bytes:
    import docx

    doc = docx.Document()
    doc.add_paragraph("2021年政府工作报告重点任务四季度完成情况")
    table = doc.add_table(rows=2, cols=len(HEAD))
    for c, text in enumerate(HEAD):
        table.cell(0, c).text = text
    for c, text in enumerate(("1", "推进老旧小区改造", "区住建局", "已完成")):
        table.cell(1, c).text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _replace_member(base: bytes, name: str, chunks) -> bytes:
    """The zip `base` with member `name` written from `chunks` (streamed, deflated)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            if info.filename == name:
                with dst.open(name, "w", force_zip64=True) as f:
                    for chunk in chunks:
                        f.write(chunk)
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def _repeat(head: bytes, unit: bytes, tail: bytes, inflated: int):
    yield head
    block = unit * max(1, (1 * MiB) // len(unit))
    written = len(head)
    while written < inflated:
        yield block
        written += len(block)
    yield tail


_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:D2"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\xba\x8f\xe5\x8f\xb7</t></is></c></row>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def xlsx_sheet_bomb(inflated: int = 478 * MiB) -> bytes:
    """Rows without r= attributes, each the same, so they deflate a few hundred to one."""
    row = b'<row><c t="inlineStr"><is><t>' + "推进".encode() * 40 + b"</t></is></c></row>"
    return _replace_member(
        _base_xlsx(), "xl/worksheets/sheet1.xml", _repeat(_SHEET_HEAD, row, _SHEET_TAIL, inflated)
    )


def xlsx_many_cells(rows: int = 200_000, cols: int = 12) -> bytes:
    """A sheet of honest numbers, rows × cols of them: big, not compressed unusually."""

    def chunks():
        yield _SHEET_HEAD
        for r in range(2, rows + 2):
            cells = b"".join(b"<c><v>%d</v></c>" % (r * cols + c) for c in range(cols))
            yield b"<row>" + cells + b"</row>"
        yield _SHEET_TAIL

    return _replace_member(_base_xlsx(), "xl/worksheets/sheet1.xml", chunks())


_DOC_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body>"
)
_DOC_TAIL = b"</w:body></w:document>"


def docx_bomb(inflated: int = 400 * MiB) -> bytes:
    para = b"<w:p><w:r><w:t>" + "落实".encode() * 20 + b"</w:t></w:r></w:p>"
    return _replace_member(
        _base_docx(), "word/document.xml", _repeat(_DOC_HEAD, para, _DOC_TAIL, inflated)
    )


def csv_many_rows(rows: int = 900_000) -> bytes:
    lines = [",".join(HEAD)]
    lines += [f"{n},推进第{n}项工作,区住建局,已完成" for n in range(1, rows + 1)]
    return ("\n".join(lines) + "\n").encode()


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "sheet-bomb.xlsx": xlsx_sheet_bomb(),
        "docx-bomb.docx": docx_bomb(),
        "many-cells.xlsx": xlsx_many_cells(),
        "many-rows.csv": csv_many_rows(),
    }
    paths = []
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1])):
        print(path, path.stat().st_size)
