"""Read a document for import: the one path `luoshi import` and the back-office upload
share, so both see the same report, the same warnings and the same errors.

- the document is read by luoshi.ingest (format detected from the content);
- page navigation leaked into the last row is dropped (luoshi.ingest.navigation), with a
  warning;
- a period given by the person importing (`--period 2021Q4`) is used where the document
  names none, and wins where the document reads otherwise (a misread, or a title that
  says the wrong thing): the warning says what was read and where.
"""

from __future__ import annotations

import os
import re

from luoshi.ingest.detect import read_document
from luoshi.ingest.navigation import strip_trailing_navigation
from luoshi.ingest.report import (
    QUARTER_NAMES,
    ParsedReport,
    PeriodSpec,
    ReadError,
    period_from_title,
)


def parse_period(text: str) -> PeriodSpec:
    """ "2021Q4", "2021-Q4", "2021年四季度", "2021年1-9月", "2021" -> PeriodSpec. A quarter
    is cumulative from January, as the reports are (四季度 = the whole year)."""
    value = (text or "").strip()
    if m := re.fullmatch(r"((?:19|20)\d{2})\s*-?\s*[Qq]([1-4])", value):
        year, quarter = int(m.group(1)), int(m.group(2))
        return PeriodSpec(year, quarter, 1, quarter * 3, f"{year}年{QUARTER_NAMES[quarter]}")
    if re.fullmatch(r"(?:19|20)\d{2}", value):
        value += "年"
    spec = period_from_title(value) if value else None
    if spec is None:
        raise ReadError(f"报告期格式不对: {text!r} (例: 2021Q4、2021年四季度、2021年1-9月)")
    return spec


def _same_period(a: PeriodSpec, b: PeriodSpec) -> bool:
    return (a.year, a.start_month, a.end_month) == (b.year, b.start_month, b.end_month)


def read_for_import(
    path_or_bytes: str | os.PathLike[str] | bytes,
    filename: str | None = None,
    column_overrides: dict[int, str] | None = None,
    period: str | PeriodSpec | None = None,
) -> ParsedReport:
    """Read a document as it will be stored. Raises ReadError naming the place."""
    report = read_document(path_or_bytes, filename, column_overrides)
    strip_trailing_navigation(report)
    if period:
        given = parse_period(period) if isinstance(period, str) else period
        if report.period is None:
            report.period = given
            report.period_where = "指定"
            report.warnings.append(f"文件没有写明报告期, 按指定的 {given.label} 导入")
        elif not _same_period(report.period, given):
            where = f" ({report.period_where})" if report.period_where else ""
            report.warnings.append(
                f"文件中读到的报告期是 {report.period.label}{where}, 按指定的 {given.label} 导入"
            )
            report.period = given
            report.period_where = "指定"
    return report


def require_period(report: ParsedReport, source: str = "", how: str = "--period") -> None:
    """A report must say which period it covers before it is stored."""
    if report.period is None:
        title = report.meta.title or "(无标题)"
        raise ReadError(
            f"文件没有写明年度和报告期 (标题: {title}): 请用 {how} 指定, 如 2021Q4", "", source
        )
