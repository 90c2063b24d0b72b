"""The period a report covers, read wherever the document says it.

Offices write the period in many places and many ways: right after the year
(2021年四季度), after the report's name (《2023年政府工作报告》主要目标任务一季度完成情况,
2021《政府工作报告》半年完成情况), as a month (关于2023年10月份…, （3月）, 截至9月底), as a
span (1—6月, 1-11月份), or only in a column head (1-9月进展情况) under a title that gives the
year. A report judged against the wrong span gets every 序时进度 class wrong, so the year and
the span are looked for in the title, the masthead, the progress column heads and the first
lines, in that order, and where each was found is kept for the person importing.

Reports are cumulative from January (一季度 = 1-3月, 三季度 = 1-9月, 10月份 = 1-10月).
Text is folded (luoshi.textparse.fold) for matching only; labels keep the digits as read.
Nothing here imports Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.ingest.report import ParsedReport, PeriodSpec
from luoshi.textparse.fold import fold

_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}

# A year is a year of a report when 年 follows, or the report's name (2021《…》).
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?=年|《|\")")
_MONTH = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"

# Each span pattern, in the order they are tried on one text. A month followed by a day
# (3月15日) is a date, never a period.
_SPANS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range",
        re.compile(
            r"(?<!\d)"
            + _MONTH
            + r"\s*[-~至到]\s*"
            + _MONTH
            + r"\s*月(?:份)?(?!\s*\d|\s*[上中下]旬)"
        ),
    ),
    (
        "upto",
        re.compile(
            r"截[至止]\s*(?:(?:19|20)\d{2}\s*年\s*)?" + _MONTH + r"\s*月(?:份)?(?:底|末)?(?!\s*\d)"
        ),
    ),
    ("front", re.compile(r"前\s*([一二三四1-4])\s*(?:个)?\s*季度")),
    ("quarter", re.compile(r"(第)?\s*([一二三四1-4])\s*季度")),
    ("half", re.compile(r"(上)?半年")),
    ("whole", re.compile(r"全年|年度|年终|年底")),
    ("month", re.compile(r"(?<!\d)" + _MONTH + r"\s*月(份)?(?!\s*\d|\s*[上中下]旬)")),
]


@dataclass
class Found:
    """A reading and where it was found: 标题, 报头, 列「1-9月进展情况」, 第 3 行."""

    value: PeriodSpec
    where: str


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS[text]


def _span(text: str, whole: bool = True) -> tuple[int | None, int, int, str] | None:
    """(quarter, start, end, as written) of the first period word in `text` (folded).
    `whole`: whether 全年/年度 count (in a title they do; in a head or a line 年度目标 and
    全年任务 speak of the plan, not of the report's span)."""
    for kind, pattern in _SPANS:
        if kind == "whole" and not whole:
            continue
        for m in pattern.finditer(text):
            if kind == "range":
                start, end = _month(m.group(1)), _month(m.group(2))
                if 1 <= start <= end <= 12:
                    return None, start, end, f"{start}-{end}月"
                continue
            if kind == "upto":
                end = _month(m.group(1))
                return None, 1, end, f"1-{end}月"
            if kind == "front":
                q = _QUARTERS[m.group(1)]
                return q, 1, q * 3, f"前{m.group(1)}季度"
            if kind == "quarter":
                q = _QUARTERS[m.group(2)]
                return q, 1, q * 3, m.group(0).strip().replace(" ", "")
            if kind == "half":
                # 下半年 alone is a plan for the rest of the year, not a report's span.
                if text[max(0, m.start() - 1) : m.start()] == "下":
                    continue
                return 2, 1, 6, "上半年"
            if kind == "whole":
                return None, 1, 12, ""
            if kind == "month":
                end = _month(m.group(1))
                # A bare month needs a mark that it is the report's: 份, or brackets.
                before = text[max(0, m.start() - 1) : m.start()]
                after = text[m.end() : m.end() + 1]
                # A month right after the year (2022年10月重点任务) is the report's too.
                just_after_year = re.search(r"(?:19|20)\d{2}\s*年\s*$", text[: m.start()])
                bracketed = before and before in "(【[" and after and after in ")】]"
                if m.group(2) or bracketed or just_after_year:
                    return None, 1, end, f"{end}月"
    return None


def _year(text: str, before: int | None = None) -> int | None:
    """The year of the report in `text`: the last one written before the period word when
    there is one, else the first."""
    years = list(_YEAR.finditer(text))
    if not years:
        return None
    if before is not None:
        earlier = [m for m in years if m.start() < before]
        if earlier:
            return int(earlier[-1].group(1))
    return int(years[0].group(1))


def _label(year: int, written: str) -> str:
    return f"{year}年{written}"


def read_period(text: str) -> PeriodSpec | None:
    """The period of one text (a title): None where it names no year. A text with a year
    and no period word covers the whole year."""
    folded = fold(text or "")
    span = _span(folded)
    pos = _span_pos(folded)
    year = _year(folded, pos)
    if year is None:
        return None
    if span is None:
        return PeriodSpec(year, None, 1, 12, f"{year}年")
    quarter, start, end, written = span
    return PeriodSpec(year, quarter, start, end, _label(year, written))


def _span_pos(folded: str) -> int | None:
    for _, pattern in _SPANS:
        if m := pattern.search(folded):
            return m.start()
    return None


# Column heads that name the period: progress heads, never a plan's milestone columns
# (一季度形象进度, 二季度 …), which name every quarter of the year.
_PROGRESS_HEAD = re.compile(r"(进展|完成|落实|推进|进度|实际)")


def _sources(report: ParsedReport, lines: list[str]) -> list[tuple[str, str]]:
    out = [("标题", report.meta.title)]
    if report.meta.publisher:
        out.append(("报头", report.meta.publisher))
    if not report.has_progress:
        # A plan covers its year: a notice's "从第一季度开始…" is no span of it. (A
        # progress head is a report's, whether or not its column was mapped.)
        lines = []
    for head, field in report.columns.items():
        if field and field.startswith("milestone"):
            continue
        if field == "progress" or _PROGRESS_HEAD.search(fold(head)):
            out.append((f"列「{head}」", head))
    for n, line in enumerate(lines[:15], start=1):
        out.append((f"第 {n} 行", line))
    return [(where, text) for where, text in out if text and text.strip()]


def find_period(report: ParsedReport, lines: list[str] | None = None) -> Found | None:
    """The report's period from its title, masthead, progress column heads and `lines`
    (the document's first lines, before its tasks). The year comes from the first place
    that gives one; the span from the first place with a period word."""
    year: tuple[int, str] | None = None
    span: tuple[tuple[int | None, int, int, str], str, str] | None = None
    for where, text in _sources(report, lines or []):
        folded = fold(text)
        found_span = _span(folded, whole=where == "标题")
        found_year = _year(folded, _span_pos(folded))
        if found_year is not None and year is None:
            year = (found_year, where)
        if found_span is not None and span is None:
            span = (found_span, where, text)
        if year and span:
            break
    if year is None:
        return None
    value, year_where = year
    if span is None:
        return Found(PeriodSpec(value, None, 1, 12, f"{value}年"), year_where)
    (quarter, start, end, written), span_where, _ = span
    label = _label(value, written) if written else f"{value}年"
    where = span_where if span_where == year_where else f"{year_where} (年度), {span_where}"
    return Found(PeriodSpec(value, quarter, start, end, label), where)
