"""No crash on bad input: every reader either returns a whole ParsedReport or raises
ReadError naming the source (and, for row-level problems, the place). Inputs: random
bytes, truncations and byte corruption of the samples, shuffled rows and lines, and
grids / pages / texts built from the tokens real documents are made of."""

import os
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.ingest.csvfile import read_csv
from luoshi.ingest.detect import read_document
from luoshi.ingest.docx import read_docx
from luoshi.ingest.html import read_html
from luoshi.ingest.paragraphs import read_paragraphs
from luoshi.ingest.report import ParsedReport, ReadError
from luoshi.ingest.tabular import read_rows
from luoshi.ingest.xlsx import read_xlsx
from tests.ingest.helpers import FIXTURES


def _examples(env: str, default: int) -> int:
    """Modest by default; raise for a long soak: LUOSHI_FUZZ_SLOW=400 LUOSHI_FUZZ_FAST=3000."""
    return int(os.environ.get(env, default))


READERS = {"html": read_html, "xlsx": read_xlsx, "docx": read_docx, "csv": read_csv}
SLOW = settings(
    max_examples=_examples("LUOSHI_FUZZ_SLOW", 50),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
FAST = settings(
    max_examples=_examples("LUOSHI_FUZZ_FAST", 150),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def check(read, data, *args):
    """Call a reader; the only acceptable failure is a ReadError that names the source."""
    try:
        report = read(data, "fuzz.src", *args)
    except ReadError as err:
        assert err.message
        assert err.source == "fuzz.src"
        return err
    assert isinstance(report, ParsedReport)
    tasks = report.tasks
    assert tasks, "a report that reads must hold tasks"
    seqs = [t.seq for t in tasks]
    assert len(set(seqs)) == len(seqs)
    # Units are optional where the document names none; named for one task, for all.
    with_units = any(t.lead_units for t in tasks)
    for t in tasks:
        assert t.content and t.where and bool(t.lead_units) == with_units
    return report


def _sample(samples_dir, ext):
    return (samples_dir / f"gongshu-2021q4.{ext}").read_bytes()


@pytest.mark.parametrize("fmt", sorted(READERS))
@SLOW
@given(data=st.binary(max_size=600))
def test_random_bytes(fmt, data):
    check(READERS[fmt], data)


@pytest.mark.parametrize("ext", ["html", "xlsx", "docx"])
def test_truncated_samples(samples_dir, ext):
    data = _sample(samples_dir, ext)
    rng = random.Random(ext)
    cuts = sorted(
        {0, 1, 4, 100, len(data) // 2, len(data) - 1}
        | {rng.randrange(len(data)) for _ in range(25)}
    )
    for cut in cuts:
        check(READERS[ext], data[:cut])
        err_or_report = check(read_document, data[:cut])
        assert isinstance(err_or_report, ReadError | ParsedReport)


@pytest.mark.parametrize("ext", ["html", "xlsx", "docx"])
@SLOW
@given(st.data())
def test_corrupted_samples(samples_dir, ext, data):
    raw = bytearray(_sample(samples_dir, ext))
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    check(READERS[ext], bytes(raw))
    check(read_document, bytes(raw))


@pytest.mark.parametrize("ext", ["xlsx", "docx"])
def test_an_entry_claiming_a_newer_zip_version_is_a_read_error(samples_dir, ext):
    # Found by test_corrupted_samples: one byte of a central directory entry raised to
    # version 6.4 made zipfile raise NotImplementedError, which escaped the readers.
    raw = bytearray(_sample(samples_dir, ext))
    at = raw.index(b"PK\x01\x02")  # the first central directory entry
    raw[at + 6 : at + 8] = (64).to_bytes(2, "little")  # version needed to extract
    for read in (READERS[ext], read_document):
        err = check(read, bytes(raw))
        assert isinstance(err, ReadError)
        assert err.message.startswith(("压缩包已损坏", "无法打开"))
        assert "6.4" in err.message


def test_shuffled_sample_rows_fail_on_order_with_a_place(samples_dir):
    html = _sample(samples_dir, "html").decode("utf-8")
    head, _, rest = html.partition("<tbody>")
    body, _, tail = rest.partition("</tbody>")
    rows = re.findall(r"<tr>.*?</tr>", body, re.S)
    for seed in range(5):
        shuffled = rows[:1] + random.Random(seed).sample(rows[1:], len(rows) - 1)
        result = check(read_html, f"{head}<tbody>{''.join(shuffled)}</tbody>{tail}".encode())
        assert isinstance(result, ReadError)
        assert re.fullmatch(r"table 2 row \d+( column [A-Z]+)?", result.where), result.where


@SLOW
@given(st.randoms(use_true_random=False))
def test_shuffled_csv_and_paragraph_lines(rnd):
    for name, read in (
        ("progress-utf8bom.csv", read_csv),
        ("supervision-report.txt", read_paragraphs),
    ):
        raw = (FIXTURES / name).read_bytes()
        lines = raw.split(b"\n")
        rnd.shuffle(lines)
        data = b"\n".join(lines)
        if read is read_paragraphs:
            data = data.decode("utf-8", "replace")
        result = check(read, data)
        if isinstance(result, ReadError) and "编码" not in result.message:
            assert result.where


TOKENS = [
    "", "", "", "序号", "项目名称", "主要工作内容", "牵头单位", "责任单位", "配合单位", "完成情况",
    "一季度", "季度形象进度", "牵头领导", "完成时限", "备注", "1", "2", "3", "10", "x", "1.5", "(一)经济",
    "一、民生", "主要经济指标", "区财政局", "区发改局\n(区支援合作局)", "区甲、区乙", "()", "(", "任务。",
    "完成。\n继续。", " ", "\u3000", "\x00", "😀",
]  # fmt: skip


@FAST
@given(
    st.lists(st.lists(st.sampled_from(TOKENS), min_size=0, max_size=7), max_size=12),
    st.one_of(
        st.none(),
        st.dictionaries(
            st.integers(0, 8),
            st.sampled_from(
                ["seq", "content", "lead_units", "units", "progress", "ignore", "bad", ""]
            ),
            max_size=4,
        ),
    ),
)
def test_rows_from_tokens(rows, overrides):
    result = check(read_rows, rows, overrides)
    if isinstance(result, ReadError):
        assert result.where or "字段" in result.message or "列号" in result.message


@FAST
@given(
    st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(TOKENS),
                st.sampled_from(
                    [
                        "",
                        ' rowspan="2"',
                        ' colspan="3"',
                        ' rowspan="0"',
                        ' rowspan="x"',
                        ' colspan="99999"',
                    ]
                ),
            ),
            max_size=6,
        ),
        max_size=10,
    )
)
def test_html_tables_from_tokens(rows):
    body = "".join(
        "<tr>"
        + "".join(f"<td{attr}>{text.replace(chr(10), '<br>')}</td>" for text, attr in row)
        + "</tr>"
        for row in rows
    )
    check(read_html, f"<html><body><table>{body}</table></body></html>".encode())


LINE_TOKENS = [
    "一、经济", "(二)民生", "1.任务一。(牵头单位:区财政局)", "2.任务二(区发改局)", "1、任务三。", "3.任务。",
    "完成情况:好。", "进展情况:", "(牵头单位:区人社局;配合单位:区教育局)", "标题2023年上半年通报", "",
    "10.任务(责任单位:)", "2.(牵头单位:区甲)", "(", "牵头单位:",
]  # fmt: skip


@FAST
@given(st.lists(st.sampled_from(LINE_TOKENS), max_size=15))
def test_paragraphs_from_tokens(lines):
    check(read_paragraphs, "\n".join(lines))


@FAST
@given(
    st.lists(st.lists(st.sampled_from(TOKENS), max_size=6), max_size=8),
    st.sampled_from(["utf-8-sig", "gb18030", "utf-8"]),
    st.sampled_from([",", "\t", ";"]),
)
def test_csv_from_tokens(rows, encoding, delimiter):
    text = "\n".join(
        delimiter.join('"' + c.replace('"', '""') + '"' if c else "" for c in row) for row in rows
    )
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    check(read_csv, data)
    check(read_document, data)


# Shapes that once lost rows without a word: a quote left open, a NUL byte, UTF-16, a
# formula saved without its value, a hidden sheet. Each must read whole or fail by place.

_CSV_ROWS = [
    ("社会消费品零售总额增长8%。", "区商务局", "1-9月增长7.2%。"),
    ("新建公园5个（含口袋公园）。", "区住建局", "已建成5个；继续推进。"),
    ("出口总额增长5%。", "区商务局、区海关办", "1-9月增长6.1%。"),
    ("新增城镇就业6000人.", "区人力社保局", "已新增5210人,完成86.8%."),
]


def _csv_text(rows) -> str:
    lines = ["序号,主要工作内容,牵头单位,完成情况"]
    lines += [f'{n},"{c}",{u},"{p}"' for n, (c, u, p) in enumerate(rows, start=1)]
    return "\n".join(lines) + "\n"


@FAST
@given(
    st.lists(st.sampled_from(_CSV_ROWS), min_size=1, max_size=8),
    st.data(),
)
def test_a_quote_left_open_never_swallows_rows_silently(rows, data):
    text = _csv_text(rows)
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    drop = data.draw(st.sampled_from(quotes))
    result = check(read_csv, (text[:drop] + text[drop + 1 :]).encode())
    if isinstance(result, ParsedReport):
        assert len(result.tasks) == len(rows)  # the quote was one a cell could do without
    else:
        assert re.fullmatch(r"line \d+( column \d+)?", result.where), result.where


@FAST
@given(
    st.lists(st.sampled_from(_CSV_ROWS), min_size=1, max_size=6),
    st.sampled_from(["utf-16-le", "utf-16-be"]),
    st.booleans(),
)
def test_utf16_csv_in_either_order_reads_as_utf8(rows, encoding, bom):
    text = _csv_text(rows)
    data = ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)
    report = check(read_document, data)
    assert [t.content for t in report.tasks] == [t.content for t in read_csv(text.encode()).tasks]


@FAST
@given(st.lists(st.sampled_from(_CSV_ROWS), min_size=1, max_size=6), st.data())
def test_a_nul_byte_is_an_error_on_its_own_line(rows, data):
    raw = _csv_text(rows).encode()
    at = data.draw(st.integers(0, len(raw) - 1))
    err = check(read_document, raw[:at] + b"\x00" + raw[at:])
    assert isinstance(err, ReadError)
    line = raw[:at].count(b"\n") + 1
    assert err.where == f"line {line}"


def _workbook(rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["序号", "主要工作内容", "牵头单位", "完成情况"])
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    return wb


def _saved(wb) -> bytes:
    import io

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@SLOW
@given(
    st.lists(st.sampled_from(_CSV_ROWS), min_size=1, max_size=5),
    st.data(),
)
def test_xlsx_formula_without_a_value_is_named_never_merged(rows, data):
    wb = _workbook(rows)
    ws = wb.active
    r = data.draw(st.integers(2, len(rows) + 1))
    c = data.draw(st.integers(1, 4))
    ws.cell(r, c).value = "=1+1"  # saved by openpyxl without a computed value
    hide = data.draw(st.booleans())
    if hide:
        wb.create_sheet("底稿").sheet_state = "hidden"
    err = check(read_xlsx, _saved(wb))
    assert isinstance(err, ReadError)
    assert err.where == f"sheet 表1 row {r} column {'ABCD'[c - 1]}"


@SLOW
@given(st.lists(st.sampled_from(_CSV_ROWS), min_size=1, max_size=5), st.integers(0, 2))
def test_xlsx_hidden_sheets_are_skipped_and_named(rows, position):
    wb = _workbook(rows)
    hidden = wb.create_sheet("底稿", position)
    hidden.append(["序号", "主要工作内容", "牵头单位", "完成情况"])
    hidden.append([1, "草稿。", "区财政局", ""])
    hidden.sheet_state = "hidden"
    report = check(read_xlsx, _saved(wb))
    assert len(report.tasks) == len(rows)
    assert "隐藏的工作表 底稿 未导入" in report.warnings
