"""assess(task) -> the task's targets, figures, data_pending flag, class and evidence."""

from __future__ import annotations

from typing import Any

from .classify import classify
from .columns import mask_plan_columns
from .figures import Figure, data_pending, extract_figures, match_figures, states_plan_rate
from .numbers import find_quantities
from .schedule import as_of_month, judge, judge_stated_rate
from .targets import extract_targets


def assess(task: dict[str, Any], trace: dict[str, Any] | None = None) -> dict[str, Any]:
    """Assess one task {"id", "content", "status_text", "as_of"}; see docs/assessment-rules.md.
    Non-string fields are read as empty text; never raises on odd text. A `trace` dict is
    filled with the intermediate objects (every figure read, the verdicts), so
    `luoshi eval --misses` can say which step decided without running the engine twice."""
    content = _text(task.get("content"))
    # A plan column's numbers (月度工作计划：…65人；落实情况：…) are no figures: blanked.
    status_text = mask_plan_columns(_text(task.get("status_text")))
    as_of_text = _text(task.get("as_of"))
    as_of = as_of_month(as_of_text)
    year = _year(as_of_text)
    targets = extract_targets(content, year)
    # At most one scan of the progress text for quantities: the figures are read from it,
    # and the class of a task with no target and pending data asks whether it has any
    # number with a unit (below); no other task needs it.
    quantities = None
    # Which targets a figure of each (kind, unit) can take: extract_figures asks it to know
    # which figures to read in full, match_figures to match them.
    cands_of: dict[tuple[str, str], list[int]] = {}
    if targets or trace is not None or states_plan_rate(status_text):
        quantities = find_quantities(status_text)
        # The figures no target can take need no period (nor reading, mostly), unless they
        # are traced.
        found = extract_figures(status_text, year, quantities,
                                targets if trace is None else None, cands_of)  # fmt: skip
    else:
        found = []  # with no target, a figure only counts for its stated rate (below)
    figures = match_figures(targets, found, cands_of)
    pending = data_pending(status_text)
    if quantities is None and pending:
        quantities = find_quantities(status_text)
    answers: list[list[Figure]] = [[] for _ in targets]  # each target's figures, in order
    for f in figures:
        if f.target is not None and 0 <= f.target < len(targets):
            answers[f.target].append(f)
    verdicts = [judge(t, answers[i], as_of) for i, t in enumerate(targets)]
    if not targets:
        # No numeric target, but the text states its own completion rate (完成年度目标任务的
        # 41.3%): that rate against the time elapsed is the task's schedule evidence.
        stated = [f for f in found if f.plan_rate is not None and not f.estimate]
        verdicts = [judge_stated_rate(stated[-1], as_of)] if stated else []
    status, evidence = classify(
        content,
        status_text,
        bool(targets),
        verdicts,
        pending,
        any(q.unit for q in quantities or ()),
        [t.text for t in targets],
    )
    if trace is not None:
        trace.update(targets=targets, read=found, figures=figures, verdicts=verdicts,
                     pending=pending, month=as_of)  # fmt: skip
    return {
        "id": task.get("id"),
        "targets": [t.as_dict() for t in targets],
        "actuals": [f.as_dict() for f in figures],
        "data_pending": pending is not None,
        "status": status,
        "evidence": evidence,
    }


def _year(as_of: str) -> int | None:
    head = as_of.strip()[:4]
    # isascii() first: isdigit() alone takes ² or ٣ for digits.
    return int(head) if len(head) == 4 and head.isascii() and head.isdigit() else None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
