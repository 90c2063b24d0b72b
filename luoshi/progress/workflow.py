"""The quarter's workflow: the period's lifecycle and every action on a task's progress.
Publishing the approved rows and correcting a published report: luoshi.disclosure.publishing.

Views and commands call these functions and nothing else changes workflow state. Each
function checks its permission (luoshi.progress.permissions), changes state with a
conditional UPDATE inside a transaction, and writes its audit event in the same
transaction, so a change without its audit row cannot happen.

Concurrency: state changes are UPDATE … WHERE state = <expected>. When two reviewers
approve at once, the database applies one UPDATE first; the other then matches no row
and is told 已审核通过, 无需重复操作 (PostgreSQL re-checks the WHERE after the row lock;
SQLite's IMMEDIATE transactions run writers one after the other).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from luoshi.audit.log import record
from luoshi.ingest.report import QUARTER_NAMES
from luoshi.plans.models import TaskUnit
from luoshi.progress import notices
from luoshi.progress import permissions as perms
from luoshi.progress.models import Period, Progress
from luoshi.textparse import CLASS_LABELS


class WorkflowError(Exception):
    """An action that cannot be done in the current state; the message is for the user."""


class AlreadyDone(WorkflowError):
    """Someone (maybe the same person, twice) already did it."""


def _state(progress) -> dict:
    return {
        "state": progress.state,
        "text": progress.text,
        "stated_figures": progress.stated_figures,
        "self_status": progress.self_status,
        "engine_status": progress.engine_status,
        "status": progress.status,
        "override_status": progress.override_status,
        "override_reason": progress.override_reason,
        "review_comment": progress.review_comment,
        "problems": progress.problems,
        "next_steps": progress.next_steps,
    }


def _locked(progress) -> Progress:
    return (
        Progress.objects.select_for_update()
        .select_related("task__plan", "period__plan__government")
        .get(pk=progress.pk)
    )


# The period ---------------------------------------------------------------------------


class PlanYearMismatch(WorkflowError):
    """The period's year is not its plan's: a new year needs its own plan, imported."""


def quarter_span(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the quarter itself (the period counts from January)."""
    first = dt.date(year, quarter * 3 - 2, 1)
    last = dt.date(year + (quarter == 4), quarter * 3 % 12 + 1, 1) - dt.timedelta(days=1)
    return first, last


def check_period(plan, year: int, quarter: int, deadline: dt.date) -> None:
    """Refuse a period that makes no sense for `plan`, with the reason in plain words:
    another year than the plan's, a deadline outside the quarter or long after it, or a
    span the plan already has."""
    if quarter not in QUARTER_NAMES:
        raise WorkflowError("季度应为 1-4")
    if year != plan.year:
        raise PlanYearMismatch(
            f"「{plan}」是 {plan.year} 年的计划, 不能开启 {year} 年的报告期: "
            f"{year} 年须先导入当年的《政府工作报告》任务分解"
        )
    first, last = quarter_span(year, quarter)
    grace = settings.LUOSHI_DEADLINE_GRACE_DAYS
    if deadline < first:
        raise WorkflowError(
            f"报送截止日期 {deadline} 早于{year}年{QUARTER_NAMES[quarter]}开始 ({first})"
        )
    if deadline > last + dt.timedelta(days=grace):
        raise WorkflowError(
            f"报送截止日期 {deadline} 晚于{year}年{QUARTER_NAMES[quarter]}结束 ({last}) "
            f"超过 {grace} 天"
        )
    existing = Period.objects.filter(plan=plan, year=year, start_month=1, end_month=quarter * 3)
    found = existing.first()
    if found is not None:
        raise AlreadyDone(
            f"{found.label} (1-{quarter * 3}月) 已存在, 当前「{found.get_status_display()}」: "
            "同一计划的同一报告期不能开启两次"
        )


def open_period(actor, plan, year: int, quarter: int, deadline: dt.date, start=True) -> Period:
    """Open a quarter of `plan`: one working row per task of the plan, each the units' own
    draft (empty: last quarter's published text is shown beside it, not copied into it)."""
    perms.require(
        perms.can_manage_periods(actor, plan.government), "只有督查室管理员可以开启报告期"
    )
    with transaction.atomic():
        check_period(plan, year, quarter, deadline)
        period = Period.objects.create(
            plan=plan,
            year=year,
            quarter=quarter,
            start_month=1,
            end_month=quarter * 3,
            label=f"{year}年{QUARTER_NAMES[quarter]}",
            status=Period.REPORTING if start else Period.OPEN,
            deadline=deadline,
        )
        Progress.objects.bulk_create(
            Progress(task=task, period=period, state=Progress.DRAFT) for task in plan.tasks.all()
        )
        record(
            actor,
            "period.opened",
            period,
            after={"label": period.label, "deadline": str(deadline), "status": period.status},
        )
    return period


def _move_period(actor, period, allowed_from, to, action) -> Period:
    with transaction.atomic():
        updated = Period.objects.filter(pk=period.pk, status__in=allowed_from).update(status=to)
        period.refresh_from_db()
        if not updated:
            if period.status == to:
                raise AlreadyDone(f"报告期已是「{period.get_status_display()}」状态")
            raise WorkflowError(f"报告期当前为「{period.get_status_display()}」, 不能进行此操作")
        record(actor, action, period, before={"status": allowed_from[0]}, after={"status": to})
    return period


def start_reporting(actor, period) -> Period:
    perms.require(perms.can_manage_periods(actor, period.plan.government))
    return _move_period(actor, period, [Period.OPEN], Period.REPORTING, "period.reporting_started")


def close_reporting(actor, period) -> Period:
    """The deadline is over: units can no longer write, except what is returned to them."""
    perms.require(perms.can_manage_periods(actor, period.plan.government))
    return _move_period(actor, period, [Period.REPORTING], Period.REVIEW, "period.review_started")


def reopen_reporting(actor, period) -> Period:
    """Undo closing: units write again. Only before publication (a published period is
    changed by corrections, never reopened)."""
    perms.require(perms.can_manage_periods(actor, period.plan.government))
    return _move_period(
        actor, period, [Period.REVIEW], Period.REPORTING, "period.reporting_reopened"
    )


def extend_deadline(actor, period, deadline: dt.date, reason: str, unit=None):
    """A later deadline for the whole period, or for one unit of it, with the reason in
    the audit log. A unit granted one may keep writing after reporting closed."""
    from luoshi.progress.models import UnitDeadline

    perms.require(
        perms.can_manage_periods(actor, period.plan.government), "只有督查室管理员可以延期"
    )
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError("延期须填写理由")
    if period.status not in (Period.OPEN, Period.REPORTING, Period.REVIEW):
        raise WorkflowError(f"报告期「{period.get_status_display()}」, 不能延期")
    if unit is not None and unit.government_id != period.plan.government_id:
        raise WorkflowError("单位不属于本政府")
    if (
        unit is not None
        and not TaskUnit.objects.filter(
            task__plan=period.plan, unit=unit, role=TaskUnit.LEAD
        ).exists()
    ):
        raise WorkflowError(f"{unit.name} 在本报告期没有牵头任务")
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        current = period.deadline_for(unit) if unit is not None else period.deadline
        if current is not None and deadline <= current:
            raise WorkflowError(f"延期后的截止日期须晚于现在的 {current}")
        if unit is None:
            Period.objects.filter(pk=period.pk).update(deadline=deadline)
            period.deadline = deadline
        else:
            UnitDeadline.objects.update_or_create(
                period=period,
                unit=unit,
                defaults={"deadline": deadline, "reason": reason, "granted_by": actor},
            )
        record(
            actor,
            "period.deadline_extended",
            period,
            before={"deadline": str(current) if current else None},
            after={"deadline": str(deadline), "unit": unit.name if unit is not None else ""},
            note=reason,
        )
    return period


# The unit's report --------------------------------------------------------------------


def _check_status(value: str) -> str:
    if value and value not in CLASS_LABELS:
        raise WorkflowError(f"未知的评估类别: {value}")
    return value


def save_draft(
    actor,
    progress,
    text: str,
    stated_figures: str = "",
    self_status: str = "",
    problems: str = "",
    next_steps: str = "",
):
    """Save the unit's text with its 存在问题 and 下步打算 (and assess it, so the preview
    on save shows the proposal)."""
    with transaction.atomic():
        progress = _locked(progress)
        perms.require(perms.can_edit_progress(actor, progress), _why_not_editable(progress))
        before = _state(progress)
        progress.text = text.strip()
        progress.stated_figures = stated_figures.strip()
        progress.self_status = _check_status(self_status)
        progress.problems = (problems or "").strip()
        progress.next_steps = (next_steps or "").strip()
        progress.assess()
        progress.save()
        after = _state(progress)
        if after != before:
            record(actor, "progress.saved", progress, before=before, after=after)
    return progress


def submit(actor, progress, **values) -> Progress:
    """Submit for review; `values` (text, stated_figures, self_status) are saved first."""
    with transaction.atomic():
        if values:
            progress = save_draft(actor, progress, **values)
        progress = _locked(progress)
        perms.require(perms.can_edit_progress(actor, progress), _why_not_editable(progress))
        if not progress.text.strip():
            raise WorkflowError("完成情况不能为空")
        before = _state(progress)
        Progress.objects.filter(pk=progress.pk, state=progress.state).update(
            state=Progress.SUBMITTED, submitted_at=timezone.now(), submitted_by=actor
        )
        progress.refresh_from_db()
        record(actor, "progress.submitted", progress, before=before, after=_state(progress))
    return progress


def withdraw(actor, progress) -> Progress:
    """The unit takes back a submission nobody has reviewed yet, to change it."""
    with transaction.atomic():
        progress = _locked(progress)
        perms.require(perms.leads(actor, progress.task), "没有权限撤回此任务")
        if progress.state != Progress.SUBMITTED:
            if progress.state == Progress.APPROVED:
                raise WorkflowError("已审核通过, 不能撤回")
            raise AlreadyDone("未提交, 无需撤回")
        if not perms.period_takes_reports(progress.period, None, perms.membership(actor).unit_id):
            raise WorkflowError("已截止填报, 不能撤回")
        before = _state(progress)
        updated = Progress.objects.filter(pk=progress.pk, state=Progress.SUBMITTED).update(
            state=Progress.DRAFT, submitted_at=None, submitted_by=None
        )
        if not updated:  # reviewed in the meantime
            raise WorkflowError("已在审核, 不能撤回")
        progress.refresh_from_db()
        record(actor, "progress.withdrawn", progress, before=before, after=_state(progress))
    return progress


def _why_not_editable(progress) -> str:
    if progress.state == Progress.APPROVED:
        return "已审核通过, 不能再修改"
    if progress.state == Progress.SUBMITTED:
        return "已提交, 等待审核, 不能修改"
    if progress.period.status not in (Period.REPORTING, Period.REVIEW):
        return f"报告期「{progress.period.label}」{progress.period.get_status_display()}, 不能填报"
    if progress.period.status == Period.REVIEW and progress.state == Progress.DRAFT:
        return f"报告期「{progress.period.label}」已截止填报, 不能填报"
    return "没有权限填报此任务"


# Review -------------------------------------------------------------------------------


def _reviewed(actor, progress, to_state, fields, action, note="") -> Progress:
    perms.require(perms.can_review(actor, progress), "没有权限审核此报告期")
    with transaction.atomic():
        before_row = Progress.objects.get(pk=progress.pk)
        updated = Progress.objects.filter(pk=progress.pk, state=Progress.SUBMITTED).update(
            state=to_state, **fields
        )
        progress.refresh_from_db()
        if not updated:
            if progress.state == Progress.APPROVED:
                raise AlreadyDone("已审核通过, 无需重复操作")
            if progress.state == Progress.RETURNED and to_state == Progress.RETURNED:
                raise AlreadyDone("已退回, 无需重复操作")
            raise WorkflowError(f"当前状态为「{progress.get_state_display()}」, 不能审核")
        record(
            actor, action, progress, before=_state(before_row), after=_state(progress), note=note
        )
    return progress


def approve(actor, progress, override_status: str = "", reason: str = "") -> Progress:
    """Approve the submitted text; with `override_status` the reviewer replaces the
    engine's class, which needs a reason (kept, audited, shown beside the class)."""
    override_status = _check_status(override_status)
    if override_status == progress.engine_status:
        override_status = ""
    fields = {"approved_at": timezone.now(), "approved_by": actor}
    if override_status:
        if not reason.strip():
            raise WorkflowError("改判评估类别须填写理由")
        fields.update(
            override_status=override_status, override_reason=reason.strip(), status=override_status
        )
    with transaction.atomic():
        progress = _reviewed(actor, progress, Progress.APPROVED, fields, "progress.approved")
        if override_status:
            record(
                actor,
                "assessment.overridden",
                progress,
                before={"status": progress.engine_status},
                after={"status": override_status},
                note=reason.strip(),
            )
    return progress


def return_progress(actor, progress, comment: str) -> Progress:
    if not comment.strip():
        raise WorkflowError("退回须填写意见")
    fields = {"review_comment": comment.strip()}
    with transaction.atomic():
        progress = _reviewed(
            actor, progress, Progress.RETURNED, fields, "progress.returned", comment
        )
        # After the commit: a mail server that is slow or down never holds up the return.
        transaction.on_commit(lambda: notices.tell_returned(progress, actor))
    return progress


def bulk_approve(actor, period, ids=None) -> tuple[int, int]:
    """Approve every submitted row (or those of `ids`, the ones ticked) where the unit's
    self-assessment and the engine agree (or the unit gave none). Returns (approved, left
    for a closer look)."""
    from luoshi.progress.review import disagreement

    perms.require(perms.can_review(actor, period), "没有权限审核此报告期")
    approved = contested = 0
    rows = Progress.objects.filter(period=period).submitted().select_related("task", "period")
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for progress in rows:
        if disagreement(progress):
            contested += 1
            continue
        try:
            approve(actor, progress)
            approved += 1
        except AlreadyDone:
            pass
    return approved, contested
