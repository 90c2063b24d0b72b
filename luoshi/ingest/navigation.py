"""Page navigation that leaked into the last row of a table.

A table copied off a disclosure page (into HTML, XLSX or DOCX) often drags the page's
navigation below it into its last cell: the column name and the breadcrumb, one per line
("规划计划 / 规划计划 / 政府工作报告重点任务"). The rule, for every format alike: the trailing
lines of the last task's progress are dropped when they are short bare names (Chinese
characters only, no punctuation or digits) and

- repeat the document's own breadcrumb (`meta.category_path`, consecutive repeats
  collapsed, as a page writes the column name above its breadcrumb), or
- where the document gives no breadcrumb, are at least two such lines after a progress
  text that ends a sentence (a finished sentence followed by bare labels is page chrome,
  not a report; a single short last line such as 已完成 is kept).

What is dropped is named in a warning, so the person importing sees it. Nothing here
imports Django.
"""

from __future__ import annotations

import re

from luoshi.ingest.report import ParsedReport

_BARE = re.compile(r"[\u4e00-\u9fff]{2,20}")
_SENTENCE_END = ("。", ";", ";", "!", "!", "?", "?", "”", ")", ")")


def _collapse(lines: list[str]) -> list[str]:
    return [line for k, line in enumerate(lines) if k == 0 or lines[k - 1] != line]


def strip_trailing_navigation(report: ParsedReport) -> list[str]:
    """Drop leaked navigation from the last task's progress, in place. Returns the lines
    dropped ([] when none) and adds a warning naming them."""
    tasks = report.tasks
    if not tasks or not tasks[-1].progress:
        return []
    task = tasks[-1]
    lines = task.progress.split("\n")
    k = len(lines)
    while k > 1 and _BARE.fullmatch(lines[k - 1]):
        k -= 1
    if k == len(lines):
        return []
    path = [p for p in report.meta.category_path if p]
    cut = None
    if path:
        # The longest tail that reads as the breadcrumb: the column name written above
        # it ("规划计划 / 规划计划 / ...") collapses into the crumb's first part.
        for j in range(len(lines) - 1, k - 1, -1):
            if _collapse(lines[j:]) == path:
                cut = j
    elif len(lines) - k >= 2 and lines[k - 1].endswith(_SENTENCE_END):
        cut = k
    if cut is None:
        return []
    dropped = lines[cut:]
    task.progress = "\n".join(lines[:cut])
    report.warnings.append(
        f"任务 {task.seq} 完成情况末尾的 {len(dropped)} 行像是网页导航, 已去除: "
        + " / ".join(dropped)
    )
    return dropped
