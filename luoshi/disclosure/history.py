"""A task across quarters: every published period's text, class and figures, and what
changed since the quarter before (text diff, figures up or down)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luoshi.disclosure.models import Publication, PublishedProgress
from luoshi.plans.models import Task
from luoshi.textparse import schedule_percent


def text_diff(old: str, new: str) -> SafeString:
    """`new` with what was added since `old` in <ins> and what was dropped in <del>,
    every piece of document text escaped first."""
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(new[b0:b1]))
            continue
        if op in ("delete", "replace"):
            out.append("<del>" + escape(old[a0:a1]) + "</del>")
        if op in ("insert", "replace"):
            out.append("<ins>" + escape(new[b0:b1]) + "</ins>")
    return mark_safe("".join(out))


@dataclass
class Quarter:
    progress: PublishedProgress
    publication: Publication
    comparisons: list = field(default_factory=list)
    schedule: float | int = 0
    diff: SafeString | None = None
    changed: bool = False
    previous_status_label: str = ""
    compared: bool = False  # set against the quarter before, of the same year

    @property
    def period(self):
        return self.progress.period


def _figure_value(comparison):
    actual = comparison["actual"]
    return actual.get("sum", actual.get("value"))


def _compare_figures(current: list[dict], previous: list[dict]) -> None:
    """Mark each comparison 'up', 'down' or 'same' against the previous quarter's figure
    for the same target."""
    before = {c["target"].get("text"): c for c in previous}
    for c in current:
        prev = before.get(c["target"].get("text"))
        c["previous"] = None
        c["trend"] = ""
        if prev is None:
            continue
        now, then = _figure_value(c), _figure_value(prev)
        c["previous"] = prev["actual"]
        if isinstance(now, int | float) and isinstance(then, int | float):
            c["trend"] = "up" if now > then else "down" if now < then else "same"


def related_tasks(task: Task):
    """The task itself and the same task (same content) in the government's other plans."""
    return Task.objects.filter(
        plan__government_id=task.plan.government_id, content=task.content
    ).select_related("plan")


def quarters(task: Task) -> list[Quarter]:
    """Every published period of the task, oldest first: the row as the period's latest
    report published it (its frozen copy), never the working row, which a correction in
    progress may already have changed."""
    published = (
        PublishedProgress.objects.filter(
            task__in=related_tasks(task), publication__corrected_by__isnull=True
        )
        .select_related("publication__period", "task")
        .order_by(
            "publication__period__year",
            "publication__period__end_month",
            "publication__period__start_month",
            "publication_id",
        )
    )
    latest = {}  # per period, the row of its latest report
    for p in published:
        latest[p.publication.period_id] = p
    rows: list[Quarter] = []
    for p in latest.values():
        q = Quarter(
            progress=p,
            publication=p.publication,
            comparisons=p.comparisons(),
            schedule=schedule_percent(p.period.end_month),
        )
        # Figures are cumulative from January: a quarter is compared with the one
        # before it in the same year only, never across the turn of the year.
        if rows and rows[-1].period.year == p.period.year:
            prev = rows[-1]
            q.compared = True
            q.changed = prev.progress.text != p.text
            q.diff = text_diff(prev.progress.text, p.text)
            q.previous_status_label = prev.progress.status_label
            _compare_figures(q.comparisons, prev.comparisons)
        else:
            _compare_figures(q.comparisons, [])
        rows.append(q)
    return rows


def previous_published(progress):
    """The task's row in the latest published report before this period: the reference a
    unit writes its new quarter against."""
    period = progress.period
    # The same task in last year's plan too: a new year's first quarter is written
    # against the year-end report of the plan before.
    return (
        PublishedProgress.objects.filter(
            task__in=related_tasks(progress.task), publication__corrected_by__isnull=True
        )
        .exclude(publication__period=period)
        .filter(
            publication__period__year__lte=period.year,
        )
        .select_related("publication__period")
        .order_by("-publication__period__year", "-publication__period__end_month")
        .first()
    )
