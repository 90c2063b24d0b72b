"""Why the engine decided what it did, for `luoshi eval --misses`: which rule produced a
task's class, each target's verdict, and what became of a figure the gold file expects.

Nothing here decides anything: it reads the intermediate objects `assess(task, trace)`
leaves in its trace and the engine's own cue finders, and names the step to look at
(a module and the rule in it) so a reviewer knows which rule to change."""

from __future__ import annotations

from typing import Any

from .classify import restates_content, text_cues
from .numbers import find_quantities, normalise

# rule id -> (what it says, where it lives)
RULES = {
    "data_pending": ("进展写明全部数据尚未出来", "figures.PENDING_RE"),
    "target_behind": ("有目标未达序时进度或年末未完成", "schedule.judge"),
    "shortfall_words": ("进展有差距、延误、停缓或下调用语", "classify.SHORTFALL_RE"),
    "target_exceeded": ("有实际数的目标均已达到，且有超额", "schedule.judge"),
    "exceeded_words": ("进展说超额完成任务", "classify.EXCEEDED_WORDS_RE"),
    "targets_met": ("每个目标都有实际数且已达到", "schedule.judge"),
    "task_done_words": ("进展说整项任务已完成", "classify.TASK_DONE_RE / ITEM_DONE_RE"),
    "restates_content": ("进展复述任务内容并说已实现", "classify.restates_content"),
    "done_words": ("完成用语，且没有仍在推进的用语", "classify.WEAK_DONE_RE"),
    "targets_on_schedule": ("年内有实际数的目标均达序时进度", "schedule.judge"),
    "ahead_words": ("进展说快于序时进度", "classify.AHEAD_RE"),
    "fallback": ("没有完成、差距或序时的依据，默认推进中", "classify.classify"),
    "unknown": ("未能认出是哪条规则", "classify.classify"),
}

# What became of a gold figure -> (what it says, where to look)
FIGURE_WHY = {
    "target missed": ("它回答的目标没有读出", "targets.extract_targets"),
    "not read": ("进展里这处没有读出数量", "numbers.find_quantities"),
    "not a figure": (
        "读出了数量，但没当作实际数（标签、复述或非完成数）",
        "figures.extract_figures",
    ),
    "wrong value": ("这处读出的数值不同", "figures.extract_figures"),
    "not matched": ("实际数没有对应到任何目标（措辞或单位不合）", "figures.match_figures"),
    "wrong target": ("实际数对应到了别的目标", "figures.match_figures"),
    "not used": ("对应到了目标，但被同一目标的其他实际数取代", "figures._select"),
}


def _rule(rule_id: str, cues: list[str]) -> dict[str, Any]:
    label, where = RULES[rule_id]
    return {"rule": rule_id, "label": label, "where": where, "cues": [c for c in cues if c]}


def decided_by(
    content: str, status_text: str, status: str | None, trace: dict[str, Any]
) -> dict[str, Any]:
    """The rule that produced `status`, found in the order the classes take precedence."""
    targets = trace.get("targets") or []
    verdicts = trace.get("verdicts") or []
    pending = trace.get("pending")
    cues = text_cues(status_text, pending, content)
    with_fig = [(t, v) for t, v in zip(targets, verdicts, strict=False) if v.result != "none"]

    def named(*results: str) -> list[str]:
        return [t.text for t, v in with_fig if v.result in results]

    if status == "awaiting_data":
        return _rule("data_pending", [pending or ""])
    if status == "behind":
        if named("behind"):
            return _rule("target_behind", named("behind"))
        if cues["shortfall"]:
            return _rule("shortfall_words", cues["shortfall"])
    if status == "exceeded":
        if named("exceeded"):
            return _rule("target_exceeded", named("exceeded"))
        if cues["exceeded"]:
            return _rule("exceeded_words", cues["exceeded"])
    if status == "completed":
        if with_fig and len(with_fig) == len(verdicts) and not named("behind", "on_track"):
            return _rule("targets_met", named("met", "exceeded"))
        if cues["strong_done"] and not cues["partial"]:
            return _rule("task_done_words", cues["strong_done"])
        restated = restates_content(content, status_text) if status_text else None
        if restated:
            return _rule("restates_content", [restated])
        if cues["weak_done"]:
            return _rule("done_words", cues["weak_done"][:2])
    if status == "on_track":
        if with_fig and named("on_track"):
            return _rule("targets_on_schedule", named("on_track", "met", "exceeded"))
        if cues["ahead"]:
            return _rule("ahead_words", cues["ahead"])
    if status == "in_progress":
        return _rule("fallback", cues["ongoing"][:3])
    return _rule("unknown", [])


def verdicts(trace: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target as read, its verdict and the figures the verdict rests on."""
    out = []
    for t, v in zip(trace.get("targets") or [], trace.get("verdicts") or [], strict=False):
        out.append({
            "target": t.text, "value": t.value, "unit": t.unit, "comparator": t.comparator,
            "kind": t.kind, "result": v.result, "month": v.month, "achieved": v.achieved,
            "progress": None if v.progress is None else round(v.progress, 4),
            "figures": [f.text for f in (v.figures or [])],
        })  # fmt: skip
    return out


def _base(value: Any, unit: Any) -> tuple[float | int | None, str | None]:
    try:
        return normalise(float(value), str(unit))
    except (TypeError, ValueError):
        return (None, None)


def _overlaps(a: int, b: int, span: tuple[int, int] | None) -> bool:
    return span is not None and a < span[1] and b > span[0]


def figure_miss(
    gold: dict[str, Any], want: int | None, status_text: str, trace: dict[str, Any]
) -> dict[str, Any]:
    """Why the engine has no figure equal to `gold` on target `want` (the engine's index of
    the gold figure's target, None when that target was not read)."""
    if want is None:
        return _why("target missed")
    targets = trace.get("targets") or []
    read = trace.get("read") or []
    used = {(f.start, f.end, f.target) for f in trace.get("figures") or []}
    pos = status_text.find(gold.get("text") or "\0")
    span = (pos, pos + len(gold["text"])) if pos >= 0 else None
    wanted = _base(gold.get("value"), gold.get("unit"))
    here = [f for f in read if _overlaps(f.start, f.end, span)]
    same = [f for f in here if _base(f.value, f.unit) == wanted]
    same = same or [f for f in read if _base(f.value, f.unit) == wanted]
    if not same:
        if here:
            f = here[0]
            return _why("wrong value", f"读作「{f.text}」= {f.value}{f.unit}")
        quantities = [q for q in find_quantities(status_text) if _overlaps(q.start, q.end, span)]
        return _why("not a figure" if quantities else "not read")
    f = same[0]
    if f.target is None:
        return _why("not matched", f"「{f.text}」")
    if f.target != want:
        other = targets[f.target].text if 0 <= f.target < len(targets) else "?"
        return _why("wrong target", f"「{f.text}」给了目标「{other}」")
    if (f.start, f.end, f.target) not in used:
        deciding = [g.text for g in trace.get("figures") or [] if g.target == want]
        return _why(
            "not used", f"「{f.text}」；目标用的是" + "、".join(f"「{d}」" for d in deciding)
        )
    return _why("not used", f"「{f.text}」")


def _why(why: str, detail: str = "") -> dict[str, Any]:
    label, where = FIGURE_WHY[why]
    return {"why": why, "label": label, "where": where, "detail": detail}
