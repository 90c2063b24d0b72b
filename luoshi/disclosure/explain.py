"""Why a task got its class, in words a reader can check: each class's rule, the period's
序时进度, and per target its own state (judged by the engine's rule, luoshi.textparse.schedule)
beside the figure and the schedule."""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.progress.models import comparisons
from luoshi.textparse import CLASS_LABELS, CLASSES
from luoshi.textparse.figures import Figure
from luoshi.textparse.schedule import judge
from luoshi.textparse.targets import Target

# One line per class: what the engine looks for (docs/assessment-rules.md, §4).
RULES = {
    "exceeded": "有数据的各项目标均已达到, 且至少一项明显超过目标",
    "completed": "各项目标均已达到; 没有量化目标的, 完成情况写明整项任务已完成 (已建成、竣工、通过验收等)",
    "on_track": "年度中间, 有数据的各项目标均达到序时进度, 且没有写明短缺",
    "in_progress": "写明工作正在推进, 既没有短缺, 也没有写明整项任务已完成",
    "behind": "有目标低于序时进度或年末未达到, 或写明未完成、暂缓、推迟、调整等",
    "awaiting_data": "量化任务的统计数据尚未公布 (如“1-12月数据尚未出”)",
}
PRECEDENCE = " > ".join(CLASS_LABELS[s] for s in CLASSES)

# A target's own state, and the class whose colour shows it.
STATES = {
    "exceeded": ("超过目标", "exceeded"),
    "met": ("达到目标", "completed"),
    "on_track": ("达到序时进度", "on_track"),
    "behind": ("未达序时进度", "behind"),
    "none": ("暂无数据", ""),
}
COMPARATORS = {">=": "不少于", "<=": "不超过 (上限)", "~": "左右", "=": "", "range": "区间"}


def legend(period) -> list[dict]:
    return [{"status": s, "label": CLASS_LABELS[s], "rule": RULES[s]} for s in CLASSES]


def _target(d: dict) -> Target:
    return Target(
        text=d.get("text", ""),
        metric=d.get("metric", ""),
        value=d.get("value") or 0,
        unit=d.get("unit", ""),
        comparator=d.get("comparator", "="),
        kind=d.get("kind", "count"),
        high=d.get("high", d.get("value_max")),  # value_max: rows stored before ranges had high
    )


def _figure(d: dict, kind: str) -> Figure:
    return Figure(
        text=d.get("text", ""),
        value=d.get("value") or 0,
        unit=d.get("unit", ""),
        period=d.get("period", ""),
        estimate=bool(d.get("estimate")),
        kind=kind,
        start=0,
        end=0,
        local="",
        sentence="",
        sentence_id=0,
        target=d.get("target"),
        sum_of_parts=bool(d.get("sum_of_parts")),
    )


@dataclass
class TargetState:
    target: dict
    figures: list[dict]  # the figures that answer it, as the text states them
    state: str
    label: str
    colour: str  # the class whose colour shows the state
    percent: int | None
    actual: float | int | None  # the figure (a sum of parts where the text gives parts)
    unit: str
    limit: bool  # an upper limit (`<=`): met while the figure stays at or below it
    comparator_label: str


def _achieved(figures: list[dict], fallback):
    """A sum of parts in one unit, else the figure the page compares (`fallback`)."""
    parts = [f for f in figures if f.get("sum_of_parts") and not f.get("estimate")]
    parts = parts or [f for f in figures if f.get("sum_of_parts")]
    if len(parts) > 1 and len({f.get("unit") for f in parts}) == 1:
        return sum(f.get("value") or 0 for f in parts), parts[0].get("unit", "")
    if fallback is None:
        return None, ""
    return fallback.get("sum", fallback.get("value")), fallback.get("unit", "")


def target_states(row, period) -> list[TargetState]:
    """Each target of a published row with its own state, judged by the engine's rule
    (a stated 完成率 is not kept with the row, so a verdict led by one may differ)."""

    month = period.end_month
    compared = {id(c["target"]): c for c in comparisons(row.targets, row.actuals)}
    states = []
    for i, t in enumerate(row.targets):
        figures = [a for a in row.actuals if a.get("target") == i]
        c = compared.get(id(t))
        try:
            verdict = judge(
                _target(t), [_figure(f, t.get("kind", "count")) for f in figures], month
            )
        except (TypeError, ValueError, KeyError, ZeroDivisionError):
            verdict = None
        state = verdict.result if verdict else "none"
        percent = c["percent"] if c else None
        if verdict and verdict.progress is not None and t.get("kind") not in {"growth", "share"}:
            percent = round(verdict.progress * 100)
        actual, unit = _achieved(figures, c["actual"] if c else None)
        limit = t.get("comparator") == "<="
        if limit and isinstance(actual, int | float) and t.get("value"):
            # How much of the limit is used: 100% is at the limit, below it is within.
            percent = round(actual / t["value"] * 100)
        label, colour = STATES.get(state, STATES["none"])
        states.append(
            TargetState(
                target=t,
                figures=figures,
                state=state,
                label=label,
                colour=colour,
                percent=percent,
                actual=actual,
                unit=unit or t.get("unit", ""),
                limit=limit,
                comparator_label=COMPARATORS.get(t.get("comparator", "="), ""),
            )
        )
    return states
