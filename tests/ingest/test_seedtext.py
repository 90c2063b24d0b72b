"""The page-text reader (luoshi.ingest.seedtext) on the Gongshu seed and on synthetic pages.

The seed is checked against an independent source, the XLSX sample of the same table, read
here with openpyxl directly (not through any luoshi reader). Normalisation applied to the
XLSX cells before comparing, and why:
- horizontal whitespace runs (incl. the no-break space in task 34) become one space and
  lines are stripped: every luoshi reader hands text on that way, and the seed has the same
  characters, only the page-text scraper keeps the raw no-break space;
- task 106's progress in the XLSX ends with the page's navigation ("规划计划 / 规划计划 /
  政府工作报告重点任务") that leaked into the sample; those trailing lines are dropped.
"""

from __future__ import annotations

import random
import re

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.ingest.report import ReadError
from luoshi.ingest.seedtext import infer_government, looks_like_seedtext, read_seedtext
from tests.ingest.helpers import FIXTURES

NAV_LEAK = ("规划计划", "规划计划", "政府工作报告重点任务")


def _norm(value: object) -> str:
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = (re.sub(r"[ \t\u00a0\u3000]+", " ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


@pytest.fixture(scope="module")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_lines(seed_text) -> list[str]:
    return seed_text.split("\n")


@pytest.fixture(scope="module")
def report(seed_text):
    return read_seedtext(seed_text, source="seed.txt")


@pytest.fixture(scope="module")
def xlsx_rows(samples_dir):
    """(seq, section heading filled down over its merged cells, content, unit lines,
    progress) for every task row of the XLSX sample."""
    ws = openpyxl.load_workbook(samples_dir / "gongshu-2021q4.xlsx").active
    assert [_norm(c) for c in next(ws.iter_rows(min_row=2, max_row=2, values_only=True))] == [
        "序号",
        "项目名称",
        "主要工作内容",
        "牵头单位",
        "完成情况",
    ]
    rows = []
    heading = ""
    for seq, section, content, units, progress in ws.iter_rows(min_row=3, values_only=True):
        heading = _norm(section) or heading
        lines = _norm(progress).split("\n")
        while lines and lines[-1] in NAV_LEAK:
            lines.pop()
        rows.append((seq, heading, _norm(content), _norm(units).split("\n"), "\n".join(lines)))
    return rows


def _line_of(lines: list[str], text: str, occurrence: int = 1) -> int:
    """1-based number of the occurrence-th line equal to text."""
    hits = [n for n, ln in enumerate(lines, start=1) if ln == text]
    return hits[occurrence - 1]


def _cut(lines: list[str], last: int) -> str:
    """The seed cut after line `last` (1-based), as a truncated download would be."""
    return "\n".join(lines[:last])


# --- the seed, field by field -------------------------------------------------------------


def test_seed_reads_106_tasks_numbered_1_to_106(report):
    assert [t.seq for t in report.tasks] == list(range(1, 107))
    assert report.format == "seedtext"


def test_seed_sections_and_their_tasks_match_the_xlsx(report, xlsx_rows):
    headings = list(dict.fromkeys(row[1] for row in xlsx_rows))
    assert len(report.sections) == 21
    assert [s.heading for s in report.sections] == headings
    assert report.sections[0].number == "(一)"
    assert report.sections[0].title == "经济社会发展主要预期目标"
    assert report.sections[-1].heading == "(二十一)推动绩效再提升"
    section_of = {t.seq: s.heading for s in report.sections for t in s.tasks}
    assert section_of == {row[0]: row[1] for row in xlsx_rows}


def test_seed_content_units_and_progress_equal_the_xlsx(report, xlsx_rows):
    assert len(xlsx_rows) == len(report.tasks) == 106
    for task, (seq, _, content, unit_lines, progress) in zip(report.tasks, xlsx_rows, strict=True):
        assert task.seq == seq
        assert task.content == content, seq
        written = task.lead_units + [f"({alias})" for alias in task.unit_aliases]
        assert written == unit_lines, seq
        assert task.progress == progress, seq


def test_seed_names_38_units_plus_one_alias(report):
    assert len(report.units) == 38
    aliases = {a for t in report.tasks for a in t.unit_aliases}
    assert len(set(report.units) | aliases) == 39
    assert {"区发改经信局", "生态环境拱墅分局", "区委编办", "区数据局", "拱投发"} <= set(
        report.units
    )


def test_parenthesised_unit_is_an_alias_of_the_unit_above(report):
    by_seq = {t.seq: t for t in report.tasks}
    for seq in (35, 36):
        assert by_seq[seq].lead_units == ["区发改经信局"]
        assert by_seq[seq].unit_aliases == {"区支援合作局": "区发改经信局"}
    assert "区支援合作局" not in report.units


def test_several_unit_cells_are_all_lead_units(report):
    by_seq = {t.seq: t for t in report.tasks}
    assert by_seq[32].lead_units == ["区市场监管局", "区科技局"]
    assert by_seq[58].lead_units == ["拱投发", "上塘街道"]  # a bare abbreviation is a unit too


def test_progress_paragraphs_are_kept_as_lines(report):
    task = next(t for t in report.tasks if t.seq == 95)
    paragraphs = task.progress.split("\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("原拱墅:2021年持续推进22家社区微型消防站")
    assert paragraphs[1].startswith("原下城:2021年提升改造11个社区微型消防站")


def test_heading_repeated_at_a_page_break_continues_its_section(report):
    seqs = {s.heading: [t.seq for t in s.tasks] for s in report.sections}
    assert seqs["(三)着力稳定经济运行"] == list(range(10, 18))
    assert seqs["(五)大力发展重点产业"] == list(range(21, 31))
    assert seqs["(十五)擦亮民生服务品牌"] == list(range(73, 79))
    assert len({s.heading for s in report.sections}) == len(report.sections)


def test_seed_metadata(report):
    m = report.meta
    assert m.title == "2021年四季度《政府工作报告》主要目标任务完成情况"
    assert m.index_no == "K1493206-6/2022-22822"
    assert m.disclosure_method == "主动公开"
    assert m.publisher == "区府办"
    assert m.disclosure_scope == "面向全社会"
    assert m.disclosure_term == "长期公开"
    assert m.doc_no == ""
    assert m.generated_on == m.published_on == "2022-01-19"
    assert m.published_at == "2022-01-19 11:50:16"
    assert m.attachments == []
    assert m.category_path == ["规划计划", "政府工作报告重点任务"]
    assert (report.period.year, report.period.quarter, report.period.as_of) == (2021, 4, "2021-12")
    assert report.columns == {
        "序号": "seq",
        "项目名称": "section",
        "主要工作内容": "content",
        "牵头单位": "lead_units",
        "完成情况": "progress",
    }


def test_seed_government_is_the_most_named_district(report):
    assert report.government == "拱墅区"


def test_government_inference_skips_generic_area_words():
    text = "全区全区全区城区城区社区社区社区园区园区园区滨江区滨江区滨江区西湖区"
    assert infer_government(text) == "滨江区"
    assert infer_government("全区社区小区景区辖区片区主城区新区") == ""


def test_seed_copies_agree_so_no_warnings(report):
    assert report.warnings == []


def test_changed_second_copy_warns_naming_task_and_field(seed_lines):
    lines = list(seed_lines)
    n = _line_of(lines, "已完成66个老旧小区综合改造。", occurrence=2)  # task 73, second copy
    lines[n - 1] = "已完成65个老旧小区综合改造。"
    unit = _line_of(lines, "区信访局", occurrence=2)  # task 93
    lines[unit - 1] = "区司法局"
    r = read_seedtext("\n".join(lines))
    assert len(r.warnings) == 2
    assert "任务 73 的完成情况(progress)" in r.warnings[0]
    assert "任务 93 的牵头单位(lead_units)" in r.warnings[1]
    # The first copy is the one kept.
    assert next(t for t in r.tasks if t.seq == 73).progress == "已完成66个老旧小区综合改造。"


def test_first_layout_alone_reads_the_same_tasks(seed_lines, report):
    end = _line_of(seed_lines, "规划计划") - 1
    alone = read_seedtext("\n".join(seed_lines[:end]))
    assert [(t.seq, t.content, t.lead_units, t.progress) for t in alone.tasks] == [
        (t.seq, t.content, t.lead_units, t.progress) for t in report.tasks
    ]
    assert alone.warnings == []
    assert alone.meta.category_path == []


def test_second_layout_alone_takes_its_metadata(seed_lines):
    start = _line_of(seed_lines, "规划计划") - 1
    r = read_seedtext("\n".join(seed_lines[start:]))
    assert len(r.tasks) == 106
    assert r.meta.title == "2021年四季度《政府工作报告》主要目标任务完成情况"
    assert r.meta.index_no == "K1493206-6/2022-22822"
    assert r.meta.published_on == "2022-01-19"
    assert r.meta.publisher == "区府办"
    assert r.meta.category_path == ["规划计划", "政府工作报告重点任务"]


def test_looks_like_seedtext_tells_the_seed_from_other_text(seed_text):
    assert looks_like_seedtext(seed_text)
    assert not looks_like_seedtext("序号,主要工作内容,牵头单位,完成情况\n1,做事,区财政局,已完成\n")
    assert not looks_like_seedtext((FIXTURES / "supervision-report.txt").read_text("utf-8"))
    assert not looks_like_seedtext("")


# --- truncated and garbled copies ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "last_line", "expected_line", "message"),
    [
        # First layout: inside task 57 (its seq line, section heading, content).
        ("after seq 57", lambda ls: _line_of(ls, "57"), "same", "任务 57 中间结束"),
        (
            "after the heading of 57",
            lambda ls: _line_of(ls, "(十一)做精运河文化名片"),
            "same",
            "任务 57 中间结束",
        ),
        (
            "after the unit of task 57",
            lambda ls: _line_of(ls, "57") + 6,
            "same",
            "缺少完成情况",
        ),
        ("inside the first head", lambda ls: _line_of(ls, "项目名称"), "same", "没有找到表头"),
        # Second layout: its title, its metadata, its head, between and inside tasks.
        (
            "after the second title",
            lambda ls: _line_of(ls, "2021年四季度《政府工作报告》主要目标任务完成情况", 2),
            "same",
            "第二份表格的标题处结束",
        ),
        ("after 索引号", lambda ls: _line_of(ls, "索引号"), "same", "标题处结束"),
        ("after the second head", lambda ls: _line_of(ls, "完成情况", 2), "same", "没有任务"),
        (
            "after task 56 of the second copy",
            lambda ls: _line_of(ls, "57", 2) - 2,
            "same",
            "只到任务 56 就结束了",
        ),
        (
            "inside a progress line of the second copy",
            lambda ls: _line_of(ls, "58", 2) - 2,
            "same",
            "只到任务 57",
        ),
        ("after seq 57 of the second copy", lambda ls: _line_of(ls, "57", 2), "same", "任务 57"),
    ],
)
def test_truncated_seed_raises_naming_the_line_it_ends(
    seed_lines, name, last_line, expected_line, message
):
    last = last_line(seed_lines)
    with pytest.raises(ReadError) as exc:
        read_seedtext(_cut(seed_lines, last), source="cut.txt")
    assert exc.value.where == f"line {last}", name
    assert message in exc.value.message, name
    assert str(exc.value).startswith(f"cut.txt, line {last}: ")


def test_seed_cut_inside_the_last_progress_line_raises(seed_lines):
    text = "\n".join(seed_lines)
    cut = text[: len(text) - 40]  # the file ends halfway through task 106's progress
    with pytest.raises(ReadError) as exc:
        read_seedtext(cut)
    assert exc.value.where == f"line {len(seed_lines)}"
    assert "任务 106 的完成情况中间结束" in exc.value.message


def test_first_layout_cut_inside_a_progress_line_warns(seed_lines):
    # With one copy only, nothing tells a cut between tasks from a shorter report; a cut
    # inside a line leaves a progress without the sentence end the others have.
    last = _line_of(seed_lines, "58") - 2
    text = _cut(seed_lines, last)[:-10]
    r = read_seedtext(text)
    assert r.tasks[-1].seq == 57
    assert any("任务 57" in w and "可能不完整" in w for w in r.warnings)


def test_missing_seq_line_raises_expected_and_found(seed_lines):
    lines = list(seed_lines)
    n = _line_of(lines, "57")
    del lines[n - 1]
    with pytest.raises(ReadError) as exc:
        read_seedtext("\n".join(lines))
    assert exc.value.where == f"line {_line_of(seed_lines, '58') - 1}"
    assert exc.value.message == "序号不连续: 应为 57, 实为 58"


def test_duplicated_seq_line_raises(seed_lines):
    lines = list(seed_lines)
    n = _line_of(lines, "57")
    lines.insert(n, "57")
    with pytest.raises(ReadError) as exc:
        read_seedtext("\n".join(lines))
    assert exc.value.where == f"line {n + 1}"


def test_missing_unit_line_raises_no_lead_unit(seed_lines):
    lines = list(seed_lines)
    n = _line_of(lines, "区信访局")  # task 93's only unit, first copy
    del lines[n - 1]
    with pytest.raises(ReadError) as exc:
        read_seedtext("\n".join(lines))
    assert exc.value.message == "任务 93: 缺少牵头单位"
    assert exc.value.where == f"line {_line_of(seed_lines, '持续创建“无信访积案区”。')}"


@pytest.mark.parametrize("lost", ["序号", "主要工作内容"])
def test_first_head_missing_a_line_raises_instead_of_dropping_the_copy(seed_lines, lost):
    lines = list(seed_lines)
    n = _line_of(lines, lost)
    del lines[n - 1]
    with pytest.raises(ReadError) as exc:
        read_seedtext("\n".join(lines))
    # Without 序号 the first task numbers give it away; without a column, the 序号 line.
    expected = _line_of(seed_lines, "1") - 1 if lost == "序号" else _line_of(seed_lines, "序号")
    assert exc.value.where == f"line {expected}"


def test_shuffled_seed_raises_read_error(seed_lines):
    for k in range(5):
        lines = list(seed_lines)
        random.Random(k).shuffle(lines)
        with pytest.raises(ReadError):
            read_seedtext("\n".join(lines))


def test_text_without_a_table_head_raises():
    with pytest.raises(ReadError) as exc:
        read_seedtext("某某区人民政府\n\n2021年工作报告\n\n一些文字。")
    assert exc.value.where == "line 5"
    with pytest.raises(ReadError) as exc:
        read_seedtext("")
    assert exc.value.where == "line 1"


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(["delete", "duplicate", "swap"]), st.integers(0, 1894)),
        min_size=1,
        max_size=6,
    )
)
def test_randomly_garbled_seed_parses_or_raises_read_error(seed_lines, edits):
    lines = list(seed_lines)
    for op, pos in edits:
        pos %= len(lines)
        if op == "delete":
            del lines[pos]
        elif op == "duplicate":
            lines.insert(pos, lines[pos])
        elif pos + 2 < len(lines):
            lines[pos], lines[pos + 2] = lines[pos + 2], lines[pos]
    try:
        r = read_seedtext("\n".join(lines))
    except ReadError as e:
        assert re.fullmatch(r"line \d+", e.where)
        return
    assert all(t.content and t.lead_units for t in r.tasks)


# --- variations other sites write ---------------------------------------------------------


def _page(*cells: str, preamble: str = "某区2022年一季度政府工作报告任务进展情况") -> str:
    return "\n\n".join((preamble, *cells))


def test_split_heads_cumulative_progress_plain_section_and_split_unit():
    text = _page(
        "序号",
        "项目\n名称",  # a head broken over two lines
        "主要工作内容",
        "牵头单位",
        "累计完成情况",
        "1",
        "主要经济指标",  # a section title without a number
        "地区生产总值增长6%。",
        "生态环境\n拱墅分局",  # a unit name broken over two lines
        "100%",  # progress that is only a percentage
        "2",
        "财政收入增长5%。",
        "区财政局",
        "/",  # "/" means nothing reported
    )
    r = read_seedtext(text)
    assert r.columns["项目名称"] == "section"
    assert r.columns["累计完成情况"] == "progress"
    assert [(s.number, s.title) for s in r.sections] == [("", "主要经济指标")]
    t1, t2 = r.tasks
    assert t1.lead_units == ["生态环境拱墅分局"]
    assert t1.progress == "100%"
    assert t2.progress == ""
    assert r.period.as_of == "2022-03"


def test_full_width_and_ascii_parentheses_read_alike():
    cells = ["序号", "项目名称", "主要工作内容", "牵头单位", "完成进度"]
    full = _page(
        *cells, "1", "(一)稳定经济", "做一件事。", "区发改局", "(区支援合作局)", "已完成。"
    )
    ascii_ = _page(
        *cells, "1", "(一)稳定经济", "做一件事。", "区发改局", "(区支援合作局)", "已完成。"
    )
    a, b = read_seedtext(full), read_seedtext(ascii_)
    assert a.sections[0].number == "(一)" and b.sections[0].number == "(一)"
    assert a.sections[0].title == b.sections[0].title == "稳定经济"
    assert a.tasks[0].unit_aliases == b.tasks[0].unit_aliases == {"区支援合作局": "区发改局"}


def test_table_without_progress_column_has_no_progress():
    text = _page(
        "序号",
        "主要工作内容",
        "牵头单位",
        "1",
        "做一件事。",
        "区发改局",
        "2",
        "做另一件事。",
        "区财政局",
        "区商务局",
    )
    r = read_seedtext(text)
    assert not r.has_progress
    assert [t.lead_units for t in r.tasks] == [["区发改局"], ["区财政局", "区商务局"]]


def test_responsible_units_column_first_unit_leads():
    text = _page(
        "序号",
        "工作任务",
        "责任单位",
        "完成情况",
        "1",
        "做事。",
        "区财政局",
        "区商务局",
        "已完成。",
    )
    t = read_seedtext(text).tasks[0]
    assert (t.lead_units, t.cooperating_units) == (["区财政局"], ["区商务局"])


def test_short_last_progress_stays_progress_not_a_unit():
    text = _page(
        "序号", "主要工作内容", "牵头单位", "完成情况", "1", "做事。", "区财政局", "已完成"
    )
    assert read_seedtext(text).tasks[0].progress == "已完成"


def test_unsupported_column_raises_at_the_head():
    text = _page(
        "序号", "主要工作内容", "牵头单位", "配合单位", "1", "做事。", "区财政局", "区商务局"
    )
    with pytest.raises(ReadError) as exc:
        read_seedtext(text)
    assert exc.value.where == "line 9"  # the 配合单位 head
    assert "配合单位" in exc.value.message


def test_task_without_unit_raises_at_its_content_line():
    text = _page(
        "序号", "主要工作内容", "牵头单位", "完成情况", "1", "做事。", "已经做完了一半的事情。", "2"
    )
    with pytest.raises(ReadError) as exc:
        read_seedtext(text)
    assert exc.value.where == "line 13"  # the content line, where a unit should follow
    assert exc.value.message == "任务 1: 缺少牵头单位"


def test_seq_out_of_order_raises_expected_and_found():
    cells = ["序号", "主要工作内容", "牵头单位", "完成情况"]
    text = _page(
        *cells, "1", "做事。", "区财政局", "已完成。", "3", "再做事。", "区商务局", "已完成。"
    )
    with pytest.raises(ReadError) as exc:
        read_seedtext(text)
    assert (exc.value.where, exc.value.message) == ("line 19", "序号不连续: 应为 2, 实为 3")
