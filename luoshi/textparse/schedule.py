"""序时进度: judging one target against the time elapsed.

At month m a cumulative (count/amount) target is on schedule when m/12 of it is done;
growth and share targets are not prorated. Values are compared after normalising units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from .figures import Figure, period_month
from .numbers import normalise
from .targets import Target

TILDE_TOLERANCE = 0.5  # percentage points a `~` rate target may fall short


def schedule_percent(end_month: int) -> float | int:
    """序时进度 at the end of month m: m/12 of the year, in percent, to one decimal (83.3
    for 1-10月), a whole number without its ".0" (50, 75, 100). One decimal everywhere it
    is shown (page, charts, API, review flags): a whole percent would read 83 where the
    engine judges against 83.33, so a task at 83% would look on schedule yet be behind."""
    share = round(end_month / 12 * 100, 1)
    return int(share) if share.is_integer() else share


@dataclass
class Verdict:
    result: str  # exceeded / met / on_track / behind / none
    month: int
    achieved: float | None = None
    progress: float | None = None
    figures: list[Figure] | None = None


def as_of_month(as_of: str) -> int:
    """ "2021-12" -> 12; anything unreadable counts as year end."""
    try:
        month = int(str(as_of).split("-")[1])
        return month if 1 <= month <= 12 else 12
    except (IndexError, ValueError):
        return 12


def judge(target: Target, figures: list[Figure], as_of: int) -> Verdict:
    """The verdict for one target from the figures that answer it."""
    if not figures:
        return Verdict("none", as_of)
    actual = [f for f in figures if not f.estimate] or figures
    if target.kind in ("growth", "reduction", "share"):
        # The latest period speaks; within it, the best-worded figure.
        f = max(actual, key=lambda f: (period_month(f.period, as_of), f.score))
        month = period_month(f.period, as_of)
        if "parts" in target.extra:
            # 4个结构性指标均实现10%以上增长: every part must reach the rate; the lowest speaks.
            f = min((g for g in actual if period_month(g.period, as_of) == month),
                    key=lambda g: g.value)  # fmt: skip
        return _judge_rate(target, f.value, month, [f])
    parts = [f for f in actual if f.sum_of_parts]
    if parts:
        achieved = sum(normalise(f.value, f.unit)[0] for f in parts)
        month = max(period_month(f.period, as_of) for f in parts)
        used = parts
    else:
        f = max(actual, key=lambda f: normalise(f.value, f.unit)[0])
        achieved, month, used = normalise(f.value, f.unit)[0], period_month(f.period, as_of), [f]
    goal = normalise(target.value, target.unit)[0]
    rates = [f.plan_rate for f in used if f.plan_rate is not None]
    if rates and target.comparator != "<=":
        # The unit's own 完成率 against this year's plan speaks for the plan: the content's
        # number may be a programme's whole size (149条 of which this year's share is done).
        return _judge_plan_rate(min(rates), month, achieved, used)
    if target.comparator == "<=":
        return Verdict("met" if achieved <= goal else "behind", month, achieved, None, used)
    if goal <= 0:
        return Verdict("met", month, achieved, None, used)
    progress = achieved / goal
    if progress >= 1:
        result = "exceeded" if achieved > goal and target.comparator != "~" else "met"
        if target.comparator == "~" and progress > 1.05:
            result = "exceeded"
    elif month < 12 and progress >= month / 12 - 1e-9:
        result = "on_track"
    else:
        result = "behind"
    return Verdict(result, month, achieved, progress, used)


def judge_stated_rate(figure: Figure, as_of: int) -> Verdict:
    """A task without a numeric target whose text states its own completion rate
    (完成年度目标任务的41.3%, said alone or after a figure): the rate against the time
    elapsed."""
    # Called only for a figure that states its rate.
    rate = cast(float, figure.plan_rate)
    return _judge_plan_rate(rate, period_month(figure.period, as_of), None, [figure])


def _judge_plan_rate(
    rate: float, month: int, achieved: float | None, used: list[Figure]
) -> Verdict:
    progress = rate / 100
    if progress >= 1:
        result = "exceeded" if progress > 1 + 1e-9 else "met"
    elif month < 12 and progress >= month / 12 - 1e-9:
        result = "on_track"
    else:
        result = "behind"
    return Verdict(result, month, achieved, progress, used)


def _judge_rate(target: Target, rate: float, month: int, used: list[Figure]) -> Verdict:
    goal = target.value
    if target.comparator == "range":
        # 增长6%-6.5%: inside the range is met, above it exceeded, below it behind.
        ok = rate >= goal
        better = target.high is not None and rate > target.high
    elif target.comparator == "<=":
        ok = rate <= goal
        better = False
    elif target.comparator == "~":
        ok = rate >= goal - TILDE_TOLERANCE
        better = rate > goal + TILDE_TOLERANCE
    else:
        ok = rate >= goal
        better = rate > goal
    if not ok:
        return Verdict("behind", month, rate, None, used)
    if month < 12:
        return Verdict("on_track", month, rate, None, used)
    return Verdict("exceeded" if better else "met", month, rate, None, used)
