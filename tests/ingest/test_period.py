"""The period read wherever a report writes it, in ASCII and in full-width punctuation."""

import pytest

from luoshi.ingest.period import find_period, read_period
from luoshi.ingest.report import ParsedReport, ParsedSection, ParsedTask, ReportMeta

# (title, (year, quarter, start, end, label)); each title in ASCII and full-width.
TITLES = [
    ("《2023年政府工作报告》主要目标任务一季度完成情况", (2023, 1, 1, 3, "2023年一季度")),
    ("2019年县政府工作报告三季度工作进展", (2019, 3, 1, 9, "2019年三季度")),
    ("关于2023年10月份重点工作推进情况的通报", (2023, None, 1, 10, "2023年10月")),
    ("2021《政府工作报告》半年完成情况", (2021, 2, 1, 6, "2021年上半年")),
    ("2022年政府工作报告重点任务上半年落实情况", (2022, 2, 1, 6, "2022年上半年")),
    ("2022年1-11月份政府工作报告任务进展", (2022, None, 1, 11, "2022年1-11月")),
    ("政府工作报告重点任务完成情况(截至2022年9月底)", (2022, None, 1, 9, "2022年1-9月")),
    ("2023年政府工作报告重点任务进展情况(3月)", (2023, None, 1, 3, "2023年3月")),
    ("2022年前三季度政府工作报告任务完成情况", (2022, 3, 1, 9, "2022年前三季度")),
    ("2021年四季度《政府工作报告》主要目标任务完成情况", (2021, 4, 1, 12, "2021年四季度")),
    ("2022年第一季度政府工作报告重点任务进展情况", (2022, 1, 1, 3, "2022年第一季度")),
    ("2022年政府工作报告全年完成情况", (2022, None, 1, 12, "2022年")),
    ("2020年度政府工作报告任务完成情况", (2020, None, 1, 12, "2020年")),
]

FULL_WIDTH = str.maketrans({"(": "（", ")": "）", "-": "—", ",": "，", ":": "："})


def spec(p):
    return (p.year, p.quarter, p.start_month, p.end_month, p.label)


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_title_period_read_anywhere_in_the_title(title, expected):
    assert spec(read_period(title)) == expected


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_title_period_read_anywhere_in_the_title_full_width(title, expected):
    assert spec(read_period(title.translate(FULL_WIDTH))) == expected


@pytest.mark.parametrize("dash", ["-", "—", "－", "–"])
def test_month_span_with_any_dash(dash):
    assert spec(read_period(f"2022年1{dash}6月重点任务")) == (2022, None, 1, 6, "2022年1-6月")


def test_full_width_digits_read_as_digits():
    assert spec(read_period("２０２２年１—９月")) == (2022, None, 1, 9, "2022年1-9月")


def test_a_date_is_not_a_period():
    assert spec(read_period("2022年3月15日政府工作报告")) == (2022, None, 1, 12, "2022年")


def test_a_date_is_not_a_period_full_width():
    assert spec(read_period("２０２２年３月１５日政府工作报告")) == (2022, None, 1, 12, "2022年")


def test_second_half_alone_is_not_the_reports_span():
    assert spec(read_period("2023年下半年工作安排")) == (2023, None, 1, 12, "2023年")


def test_no_year_no_period():
    assert read_period("政府工作报告重点任务上半年完成情况") is None


def report(title="", publisher="", columns=None, progress="已完成。"):
    """A report of one task; progress "" makes it a plan."""
    task = ParsedTask(seq=1, content="新建口袋公园5个。", progress=progress)
    return ParsedReport(
        meta=ReportMeta(title=title, publisher=publisher),
        sections=[ParsedSection("", "", [task])],
        columns=columns or {},
    )


@pytest.mark.parametrize("head", ["1-9月进展情况", "1—9月进展情况"])
def test_span_from_a_progress_head_under_a_title_with_the_year(head):
    found = find_period(report("2023年政府工作报告重点任务", columns={head: "progress"}))
    assert spec(found.value) == (2023, None, 1, 9, "2023年1-9月")
    assert found.where == f"标题 (年度), 列「{head}」"


@pytest.mark.parametrize("head", ["一季度形象进度", "一季度"])
def test_milestone_heads_are_not_the_period(head):
    found = find_period(
        report("2023年政府工作报告重点任务分解表", columns={head: "milestone:一季度"})
    )
    assert spec(found.value) == (2023, None, 1, 12, "2023年") and found.where == "标题"


@pytest.mark.parametrize("line", ["(截至6月底)", "（截至6月底）"])
def test_span_from_a_first_line(line):
    found = find_period(report("2023年政府工作报告重点任务落实情况"), ["督查通报", line])
    assert spec(found.value) == (2023, None, 1, 6, "2023年1-6月")
    assert found.where == "标题 (年度), 第 2 行"


@pytest.mark.parametrize(
    "line", ["2022年上半年政府工作报告落实情况", "２０２２年上半年政府工作报告落实情况"]
)
def test_year_and_span_from_a_line_when_the_title_has_neither(line):
    found = find_period(report("督查通报"), ["县政府督查室", line])
    assert spec(found.value) == (2022, 2, 1, 6, "2022年上半年") and found.where == "第 2 行"


def test_a_whole_year_word_in_a_line_is_not_the_span():
    found = find_period(report("2023年政府工作报告重点任务"), ["全年目标任务", "一季度进展"])
    assert spec(found.value) == (2023, 1, 1, 3, "2023年一季度")


def test_a_whole_year_word_in_a_line_is_not_the_span_full_width():
    found = find_period(
        report("２０２３年政府工作报告重点任务"), ["全年目标任务：", "（一季度进展）"]
    )
    assert spec(found.value) == (2023, 1, 1, 3, "2023年一季度")


def _xlsx(title, head):
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(["序号", "主要工作内容", "牵头单位", head])
    sheet.append([1, "新建口袋公园5个。", "区住建局", "已建成3个。"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("head", ["1-9月进展情况", "1－9月进展情况"])
def test_read_document_takes_the_span_from_a_progress_head(head):
    from luoshi.ingest.detect import read_document

    r = read_document(_xlsx("2023年政府工作报告重点任务进展情况", head), "p.xlsx")
    assert spec(r.period) == (2023, None, 1, 9, "2023年1-9月")
    assert r.period_where == f"标题 (年度), 列「{head}」"


@pytest.mark.parametrize(
    "line", ["从2023年第一季度开始,每季度报送进展", "从2023年第一季度开始，每季度报送进展"]
)
def test_a_plans_first_lines_give_no_span(line):
    found = find_period(report("2023年政府工作报告重点任务分解", progress=""), [line])
    assert spec(found.value) == (2023, None, 1, 12, "2023年") and found.where == "标题"


@pytest.mark.parametrize("title", ["2022年10月重点任务进展", "２０２２年１０月重点任务进展"])
def test_a_month_right_after_the_year(title):
    assert spec(read_period(title)) == (2022, None, 1, 10, "2022年10月")
