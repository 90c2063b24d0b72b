"""A progress text joined from a table's columns as `列名：值`, where a plan column
(月度工作计划, 节点目标…) stands before the column of what was done (落实情况, 完成情况…).

The plan column's numbers are the period's node, not figures, and a bare `已完成` opening the
progress column says the node is met, not the whole task."""

from __future__ import annotations

import re

from .vocab import PLAN_COLUMNS, PROGRESS_COLUMNS

MASK = "□"
_NAMES = "|".join(sorted(PLAN_COLUMNS, key=len, reverse=True))
_DONE_NAMES = "|".join(sorted(PROGRESS_COLUMNS, key=len, reverse=True))
# A plan column's value runs to the progress column's name, each name opening the text or
# following a separator.
PLAN_COLUMN_RE = re.compile(
    rf"(?:^|(?<=[。；;|\s]))(?:{_NAMES})[:：](.*?)[。；;|\s]*(?=(?:{_DONE_NAMES})[:：])", re.S
)
_ANY_NAME = re.compile(rf"(?:{_NAMES})[:：]")
# 落实情况：已完成 / 完成情况：已按计划完成。 after a masked plan column: the node is met.
NODE_MET_RE = re.compile(
    rf"(?:{_NAMES})[:：]{MASK}+[。；;|\s]*((?:{_DONE_NAMES})[:：]\s*"
    r"(?:已|均已)?(?:按(?:计划|时|期)|如期)?(?:完成|落实|达到|实现)(?:了)?(?:计划|目标|任务)?)"
    r"(?=[。；;，,|\s]|$)"
)


def mask_plan_columns(text: str) -> str:
    """The text with each plan column's value (before a progress column) blanked, offsets
    kept: what is read for figures and cues. Cheap: most texts name no plan column."""
    if not text or (":" not in text and "：" not in text):
        return text  # no column name without its colon
    if not _ANY_NAME.search(text):
        return text
    return PLAN_COLUMN_RE.sub(lambda m: _masked(m), text)


def _masked(m: re.Match[str]) -> str:
    a, b = m.span(1)
    s = m.group(0)
    k, n = a - m.start(), b - a
    return s[:k] + MASK * n + s[k + n :]


def node_met(masked: str) -> tuple[int, int] | None:
    """The span of `落实情况：已完成` after a blanked plan column, or None."""
    if MASK not in masked:
        return None
    m = NODE_MET_RE.search(masked)
    return m.span(1) if m else None
