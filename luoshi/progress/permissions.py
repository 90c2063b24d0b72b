"""Every object-level permission in one place. Views, commands and the workflow ask here
and nowhere else, so a rule changes in one line and is tested once.

Rules:
- every permission is scoped to the account's one government: nothing of another
  government is visible or writable, whatever the role;
- the public (no account) sees only published reports, which need no check here;
- a reporter sees the tasks its unit leads or cooperates on, and writes (and sees the
  drafts of) only those it leads, only while the period takes reports, never after
  approval;
- reviewers and admins review; only admins open, publish and correct periods, see the
  audit log and manage accounts.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from luoshi.accounts.models import Membership

_CACHE = "_luoshi_membership"


def membership(user) -> Membership | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, _CACHE):
        found = Membership.objects.select_related("government", "unit").filter(user=user).first()
        setattr(user, _CACHE, found)
    return getattr(user, _CACHE)


def government_of(user):
    m = membership(user)
    return m.government if m else None


def role_of(user) -> str:
    m = membership(user)
    return m.role if m else ""


def _member(user, government_id, *roles) -> Membership | None:
    m = membership(user)
    if m is None or m.government_id != government_id:
        return None
    if roles and m.role not in roles:
        return None
    return m


def _task_unit_roles(task, unit_id) -> set[str]:
    return {tu.role for tu in task.task_units.all() if tu.unit_id == unit_id}


# Tasks and progress -------------------------------------------------------------------


def can_view_task(user, task) -> bool:
    m = _member(user, task.plan.government_id)
    if m is None:
        return False
    if m.role in (Membership.ADMIN, Membership.REVIEWER):
        return True
    return bool(_task_unit_roles(task, m.unit_id))


def leads(user, task) -> bool:
    m = _member(user, task.plan.government_id, Membership.REPORTER)
    return m is not None and "lead" in _task_unit_roles(task, m.unit_id)


def can_view_progress(user, progress) -> bool:
    """The working row, drafts included: the lead unit and the supervision office. A
    cooperating unit sees the task, not the lead unit's draft."""
    m = _member(user, progress.period.plan.government_id)
    if m is None:
        return False
    if m.role in (Membership.ADMIN, Membership.REVIEWER):
        return True
    return leads(user, progress.task)


def period_takes_reports(period, progress=None, unit_id=None) -> bool:
    from django.utils import timezone

    from luoshi.progress.models import Period, Progress

    if period.status == Period.REPORTING:
        return True
    if period.status == Period.PUBLISHED:
        # A published row the office sent back to the unit to correct.
        return progress is not None and progress.correcting and progress.state == Progress.RETURNED
    if period.status != Period.REVIEW:
        return False
    # Once reporting closes, only what a reviewer sent back may still be rewritten, and
    # the drafts of a unit granted a later deadline that has not passed.
    if progress is not None and progress.state == Progress.RETURNED:
        return True
    return (
        unit_id is not None
        and period.unit_deadlines.filter(
            unit_id=unit_id, deadline__gte=timezone.localdate()
        ).exists()
    )


def can_edit_progress(user, progress) -> bool:
    from luoshi.progress.models import Progress

    return (
        leads(user, progress.task)
        and progress.state in (Progress.DRAFT, Progress.RETURNED)
        and period_takes_reports(progress.period, progress, membership(user).unit_id)
    )


def can_review(user, progress_or_period) -> bool:
    from luoshi.progress.models import Period

    period = getattr(progress_or_period, "period", progress_or_period)
    if _member(user, period.plan.government_id, Membership.ADMIN, Membership.REVIEWER) is None:
        return False
    if period.status in (Period.REPORTING, Period.REVIEW):
        return True
    # A correction of a published row goes through the same review.
    return period.status == Period.PUBLISHED and bool(
        getattr(progress_or_period, "correcting", False)
    )


def can_see_review_queue(user, period) -> bool:
    return (
        _member(user, period.plan.government_id, Membership.ADMIN, Membership.REVIEWER) is not None
    )


# Periods and publications -------------------------------------------------------------


def is_admin(user, government) -> bool:
    return _member(user, government.pk, Membership.ADMIN) is not None


def can_manage_periods(user, government) -> bool:
    return is_admin(user, government)


def can_view_overdue(user, period) -> bool:
    return can_see_review_queue(user, period)


def can_publish(user, period) -> bool:
    from luoshi.progress.models import Period

    return is_admin(user, period.plan.government) and period.status in (
        Period.REPORTING,
        Period.REVIEW,
    )


def can_correct(user, publication) -> bool:
    from luoshi.progress.models import Period

    return (
        is_admin(user, publication.period.plan.government)
        and publication.period.status == Period.PUBLISHED
        and publication.is_current
    )


def can_view_audit(user, government) -> bool:
    return is_admin(user, government)


def can_manage_accounts(user, government) -> bool:
    return is_admin(user, government)


# Lists --------------------------------------------------------------------------------


def periods_for(user):
    """The periods of the account's own government (none for the public)."""
    from luoshi.progress.models import Period

    government = government_of(user)
    if government is None:
        return Period.objects.none()
    return Period.objects.of_government(government)


def progress_for(user, period):
    """The working rows the account may open in `period`."""
    from luoshi.progress.models import Progress

    m = _member(user, period.plan.government_id)
    if m is None:
        return Progress.objects.none()
    rows = Progress.objects.filter(period=period)
    if m.role == Membership.REPORTER:
        rows = rows.led_by(m.unit)
    return rows


def require(allowed: bool, message: str = "没有权限进行此操作") -> None:
    if not allowed:
        raise PermissionDenied(message)
