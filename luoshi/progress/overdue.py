"""Who has not reported: the units whose tasks are still with them after the deadline
(never submitted, or returned and not resubmitted). The basis for reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from luoshi.progress.models import Period


@dataclass
class UnitDue:
    unit: object
    tasks: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "unit": self.unit.name,
            "tasks": [{"seq": t.seq, "content": t.content} for t in self.tasks],
        }


def not_submitted(period) -> list[UnitDue]:
    """Every lead unit with a task of `period` still not submitted, by unit name."""
    rows = (
        period.progress.not_submitted()
        .select_related("task")
        .prefetch_related("task__task_units__unit")
        .order_by("task__seq")
    )
    by_unit: dict[int, UnitDue] = {}
    for progress in rows:
        for tu in progress.task.lead_task_units:
            by_unit.setdefault(tu.unit_id, UnitDue(tu.unit)).tasks.append(progress.task)
    return sorted(by_unit.values(), key=lambda u: u.unit.name)


def is_overdue(period, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        period.status in (Period.OPEN, Period.REPORTING, Period.REVIEW)
        and period.deadline is not None
        and today > period.deadline
    )


def deadlines(period) -> dict[int, dt.date]:
    """The later deadlines granted to single units, by unit id."""
    return {
        ext.unit_id: ext.deadline
        for ext in period.unit_deadlines.all()
        if period.deadline is None or ext.deadline > period.deadline
    }


def days_late(period, unit_id, today: dt.date | None = None, granted=None) -> int:
    """Whole days past the unit's own deadline (0 when not late)."""
    today = today or timezone.localdate()
    granted = deadlines(period) if granted is None else granted
    deadline = granted.get(unit_id, period.deadline)
    if deadline is None:
        return 0
    return max((today - deadline).days, 0)


def overdue(period, today: dt.date | None = None) -> list[UnitDue]:
    """The units late with `period`: none before its deadline has passed, nor a unit
    before the later deadline granted to it."""
    if not is_overdue(period, today):
        return []
    granted = deadlines(period)
    return [u for u in not_submitted(period) if days_late(period, u.unit.pk, today, granted)]


def overdue_periods(today: dt.date | None = None):
    today = today or timezone.localdate()
    return Period.objects.filter(
        status__in=[Period.OPEN, Period.REPORTING, Period.REVIEW], deadline__lt=today
    ).select_related("plan__government")
