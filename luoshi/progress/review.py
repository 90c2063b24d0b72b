"""What a reviewer needs beside the text: the disagreement between the unit's own class
and the engine's (with the reason), the evidence marked in the text, and the task's last
published row."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luoshi.textparse import CLASS_LABELS, schedule_percent

# Classes a unit claims when it says the work is on course or done.
_DONE = {"completed", "exceeded"}
_FINE = _DONE | {"on_track"}


def _figure_text(comparison) -> str:
    actual = comparison["actual"]
    return actual.get("text") or f"{actual.get('value')}{actual.get('unit', '')}"


def disagreement(progress) -> str:
    """Why the unit's self-assessment and the engine's class differ; "" when they agree or
    the unit stated none. The unit's own figures are the strongest reason, so they come
    first: 自评已完成, 但所报「完工公共停车泊位100个」仅为目标「新增公共停车泊位630个」的16%."""
    own, engine = progress.self_status, progress.engine_status
    if not own or not engine or own == engine:
        return ""
    reasons = []
    schedule = schedule_percent(progress.period.end_month)
    for c in progress.comparisons():
        percent = c["percent"]
        if percent is None:
            continue
        target = c["target"].get("text", "")
        if own in _DONE and percent < 100:
            reasons.append(f"所报「{_figure_text(c)}」仅为目标「{target}」的{percent}%")
        elif own in _FINE and percent < schedule and progress.period.end_month < 12:
            reasons.append(
                f"所报「{_figure_text(c)}」为目标「{target}」的{percent}%, 低于序时进度{schedule}%"
            )
    head = f"单位自评「{CLASS_LABELS[own]}」, 系统评估「{CLASS_LABELS[engine]}」"
    if reasons:
        return head + ": " + "; ".join(reasons)
    if progress.evidence:
        return head + ", 依据: " + "、".join(f"「{e}」" for e in progress.evidence[:3])
    return head


def _spans(text: str, needles: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    found = []
    for needle, kind in needles:
        if not needle:
            continue
        start = text.find(needle)
        while start >= 0:
            found.append((start, start + len(needle), kind))
            start = text.find(needle, start + len(needle))
    # Left to right; where marks overlap the earlier (then longer) one wins.
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged, end = [], -1
    for s in found:
        if s[0] >= end:
            merged.append(s)
            end = s[1]
    return merged


def highlight(progress) -> SafeString:
    """The progress text with its figures and the class's evidence in <mark>: the text is
    document data, so every piece of it is escaped and only our tags are markup."""
    text = progress.text
    needles = [(a.get("text", ""), "figure") for a in progress.actuals]
    needles += [(e, "evidence") for e in progress.evidence if isinstance(e, str)]
    out, pos = [], 0
    for start, end, kind in _spans(text, needles):
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="{kind}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out).replace("\n", "<br>"))
