"""An import never loses a row without saying so: an unterminated quote in a CSV, a formula
saved without its value, a NUL byte are errors naming the line or cell; a hidden sheet is
skipped with a warning; UTF-16 reads in either byte order, with or without a BOM. Each
with ASCII and full-width punctuation in the text."""

import io
import zipfile

import openpyxl
import pytest

from luoshi.ingest.csvfile import read_csv
from luoshi.ingest.detect import read_document
from luoshi.ingest.report import ReadError
from luoshi.ingest.xlsx import read_xlsx
from tests.conftest import SAMPLES
from tests.security import bombs

HEAD = "序号,主要工作内容,牵头单位,完成情况\n"
PUNCTUATION = {
    "ascii": ("新建公园5个(含口袋公园).", "已建成5个;"),
    "full-width": ("新建公园5个（含口袋公园）。", "已建成5个；"),
}


def _csv(punct, rows=4, broken=None):
    content, progress = PUNCTUATION[punct]
    lines = [
        f'{n},"{content}",区住建局,"{progress}第{n}项"\n'
        if n != broken
        else f'{n},"{content},区住建局,{progress}\n'
        for n in range(1, rows + 1)
    ]
    return (HEAD + "".join(lines)).encode()


@pytest.mark.parametrize("punct", PUNCTUATION)
def test_an_unterminated_quote_is_an_error_at_its_record(punct):
    with pytest.raises(ReadError) as caught:
        read_csv(_csv(punct, rows=6, broken=3), "cut.csv")
    assert caught.value.where.startswith("line ")
    assert "引号" in caught.value.message or "CSV 格式错误" in caught.value.message


@pytest.mark.parametrize("punct", PUNCTUATION)
def test_a_csv_cut_inside_a_quoted_cell_is_an_error_not_one_task(punct):
    data = _csv(punct, rows=5)
    cut = data[: data.rindex(b"\xe7\xac\xac")]  # inside the last quoted cell
    with pytest.raises(ReadError) as caught:
        read_csv(cut, "truncated.csv")
    assert caught.value.where == "line 6" and "引号未闭合" in caught.value.message


@pytest.mark.parametrize("punct", PUNCTUATION)
def test_a_nul_byte_is_an_error_on_its_line(punct):
    data = _csv(punct, rows=4).replace("区住建局,".encode(), "区住建局\x00,".encode())
    lines = data.split(b"\n")
    lines[2] = lines[2].replace(b"\x00", b"")  # only lines 2, 4, 5 keep one
    with pytest.raises(ReadError) as caught:
        read_document(b"\n".join(lines), "nul.csv")
    assert caught.value.where == "line 2"


@pytest.mark.parametrize("punct", PUNCTUATION)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("bom", [True, False])
def test_utf16_csv_reads_as_utf8_does(punct, encoding, bom):
    text = _csv(punct).decode()
    data = ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)
    report = read_document(data, "unicode.csv")
    assert [t.content for t in report.tasks] == [t.content for t in read_csv(text.encode()).tasks]
    assert len(report.tasks) == 4


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("bom", [True, False])
def test_utf16_html_reads_as_utf8_does(encoding, bom):
    text = (SAMPLES / "gongshu-2021q4.html").read_text(encoding="utf-8")
    data = ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)
    assert len(read_document(data, "page.html").tasks) == 106


def _book(*sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, state, rows in sheets:
        ws = wb.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)  # openpyxl saves formulas without a computed value, as some tools do
    return out.getvalue()


XLSX_HEAD = ("序号", "主要工作内容", "牵头单位", "完成情况")


@pytest.mark.parametrize("punct", PUNCTUATION)
def test_a_formula_without_its_value_is_an_error_naming_the_cell(punct):
    content, progress = PUNCTUATION[punct]
    rows = [XLSX_HEAD, (1, content, "区住建局", progress), ("=A2+1", content, "区财政局", progress)]
    with pytest.raises(ReadError) as caught:
        read_xlsx(_book(("表1", "visible", rows)), "formulas.xlsx")
    assert caught.value.where == "sheet 表1 row 3 column A"
    assert "公式没有保存计算结果" in caught.value.message


@pytest.mark.parametrize("punct", PUNCTUATION)
def test_a_hidden_sheet_is_skipped_with_a_warning(punct):
    content, progress = PUNCTUATION[punct]
    visible = [XLSX_HEAD, (1, content, "区住建局", progress)]
    hidden = [XLSX_HEAD, (1, "草稿。", "区财政局", "未定。"), (2, "草稿二。", "区财政局", "")]
    report = read_xlsx(
        _book(("表1", "visible", visible), ("底稿", "hidden", hidden)), "hidden.xlsx"
    )
    assert [t.content for t in report.tasks] == [content]
    assert "隐藏的工作表 底稿 未导入" in report.warnings


def test_a_workbook_of_hidden_sheets_only_is_refused():
    rows = [XLSX_HEAD, (1, "任务。", "区住建局", "")]
    data = _book(("表1", "visible", rows), ("表2", "hidden", rows))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        book = zf.read("xl/workbook.xml").decode()
    book = book.replace('state="visible"', 'state="hidden"').encode()
    data = bombs._replace_member(data, "xl/workbook.xml", [book])
    with pytest.raises(ReadError, match="没有可见的工作表"):
        read_xlsx(data, "hidden.xlsx")
