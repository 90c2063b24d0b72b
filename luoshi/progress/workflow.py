"""The quarter's workflow: the period's lifecycle and every action on a task's progress.

Views and commands call these functions and nothing else changes workflow state. Each
function checks its permission (luoshi.accounts.permissions), changes state with a
conditional UPDATE inside a transaction, and writes its audit event in the same
transaction, so a change without its audit row cannot happen.

Concurrency: state changes are UPDATE … WHERE state = <expected>. When two reviewers
approve at once, the database applies one UPDATE first; the other then matches no row
and is told 已审核通过, 无需重复操作 (PostgreSQL re-checks the WHERE after the row lock;
SQLite's IMMEDIATE transactions run writers one after the other).
"""

from __future__ import annotations

import copy
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from luoshi.accounts import permissions as perms
from luoshi.audit.log import record
from luoshi.ingest.report import QUARTER_NAMES
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
    from luoshi.plans.models import TaskUnit
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
    return _reviewed(actor, progress, Progress.RETURNED, fields, "progress.returned", comment)


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


# Publication --------------------------------------------------------------------------


def default_title(period) -> str:
    return f"{period.label}《政府工作报告》主要目标任务完成情况"


def disclosure_defaults(period) -> dict:
    """Metadata for a new report: the government's last report's, else the usual values."""
    from luoshi.disclosure.models import Publication

    last = (
        Publication.objects.filter(period__plan__government=period.plan.government)
        .order_by("-published_on", "-id")
        .first()
    )
    fields = ["publisher", "disclosure_method", "disclosure_scope", "disclosure_term"]
    fields += ["topic", "grouping", "category_path"]
    values = {
        "title": default_title(period),
        "publisher": period.plan.government.name,
        "disclosure_method": "主动公开",
        "disclosure_scope": "面向全社会",
        "disclosure_term": "长期公开",
        "topic": "",
        "grouping": "",
        "category_path": [],
        "doc_no": "",
    }
    if last is not None:
        values.update({f: getattr(last, f) for f in fields if getattr(last, f)})
    return values


UNREPORTED_TEXT = "未报送"


def _frozen(publication, p, unreported=False):
    from luoshi.disclosure.models import PublishedProgress

    if unreported:
        return PublishedProgress(
            publication=publication,
            progress=p,
            task_id=p.task_id,
            text=UNREPORTED_TEXT,
            unreported=True,
        )
    return PublishedProgress(
        publication=publication,
        progress=p,
        task_id=p.task_id,
        text=p.text,
        status=p.status,
        engine_status=p.engine_status,
        override_reason=p.override_reason,
        targets=p.targets,
        actuals=p.actuals,
        data_pending=p.data_pending,
        evidence=p.evidence,
        attachment_ids=sorted(a.pk for a in p.attachments.all()),
    )


def snapshot(publication, include_unreported=False) -> int:
    """Copy the period's approved rows into the publication: what it published, frozen.
    With `include_unreported`, every other task is published too, as a 未报送 row."""
    from luoshi.disclosure.models import PublishedProgress

    rows = Progress.objects.filter(period_id=publication.period_id)
    frozen = [_frozen(publication, p) for p in rows.approved().prefetch_related("attachments")]
    if include_unreported:
        frozen += [_frozen(publication, p, True) for p in rows.exclude(state=Progress.APPROVED)]
    PublishedProgress.objects.bulk_create(frozen)
    return len(frozen)


def snapshot_correction(new, previous, task_ids) -> int:
    """The new version's rows: the previous version's, with the rows of `task_ids` taken
    from their approved working rows (a row not in the previous version is added)."""
    from luoshi.disclosure.models import PublishedProgress

    kept = []
    for row in previous.rows().exclude(task_id__in=task_ids):
        row.pk = None
        row.publication = new
        kept.append(row)
    changed = Progress.objects.filter(period_id=new.period_id, task_id__in=task_ids).approved()
    changed = changed.prefetch_related("attachments")
    kept += [_frozen(new, p) for p in changed]
    PublishedProgress.objects.bulk_create(kept)
    return len(kept)


def _reindex(publication):
    try:
        from luoshi.search.index import index_publication
    except ImportError:  # the search app is optional
        return
    index_publication(publication)


def publish(
    actor,
    period,
    meta: dict | None = None,
    on: dt.date | None = None,
    allow_partial: bool = False,
    include_unreported: bool = False,
):
    """Publish the period's approved rows as a new report with its own index number.
    Rows not approved by then are left out (the admin confirms that with allow_partial),
    or, with `include_unreported`, published as 未报送 rows (the office's choice)."""
    from luoshi.disclosure.indexno import next_index_no
    from luoshi.disclosure.models import Publication

    perms.require(perms.can_publish(actor, period), "只有督查室管理员可以发布")
    on = on or timezone.localdate()
    with transaction.atomic():
        period = (
            Period.objects.select_for_update().select_related("plan__government").get(pk=period.pk)
        )
        if period.status == Period.PUBLISHED:
            raise AlreadyDone("该报告期已发布, 无需重复操作")
        rows = Progress.objects.filter(period=period)
        if not rows.approved().exists():
            raise WorkflowError("还没有审核通过的任务, 不能发布")
        pending = rows.exclude(state=Progress.APPROVED).count()
        if pending and not (allow_partial or include_unreported):
            raise WorkflowError(
                f"还有 {pending} 项任务未审核通过; 确认只发布已审核通过的任务后再发布"
            )
        values = disclosure_defaults(period)
        values.update({k: v for k, v in (meta or {}).items() if v not in (None, "")})
        publication = Publication.objects.create(
            period=period,
            index_no=next_index_no(period.plan.government, on),
            generated_on=on,
            published_on=on,
            published_at=timezone.now(),
            source_format="luoshi",
            **values,
        )
        count = snapshot(publication, include_unreported=include_unreported)
        before = period.status
        period.status = Period.PUBLISHED
        period.save(update_fields=["status"])
        _reindex(publication)
        record(
            actor,
            "period.published",
            period,
            before={"status": before},
            after={
                "status": period.status,
                "publication": publication.pk,
                "index_no": publication.index_no,
                "rows": count,
                "left_out": 0 if include_unreported else pending,
                "unreported": pending if include_unreported else 0,
            },
        )
    return publication


def office_name(actor) -> str:
    """The admin as the version note names them: 姓名 where the account has one."""
    from luoshi.accounts.models import Membership

    found = Membership.objects.filter(user=actor).values_list("full_name", flat=True).first()
    return found or actor.get_username()


def correctable_task_ids(publication) -> set[int]:
    """What a correction may change: the rows the report published (未报送 ones
    included, so a late report can replace them) and rows approved since."""
    published = set(publication.rows().values_list("task_id", flat=True))
    approved = Progress.objects.filter(period_id=publication.period_id).approved()
    return published | set(approved.values_list("task_id", flat=True))


def _current(publication):
    from luoshi.disclosure.models import Publication

    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if not publication.is_current:
        raise AlreadyDone("该报告已有更新的版本, 请在最新版本上更正")
    return publication


def _check_correctable(publication, task_ids) -> None:
    allowed = correctable_task_ids(publication)
    refused = sorted(set(task_ids) - allowed)
    if refused:
        from luoshi.plans.models import Task

        seqs = "、".join(str(t.seq) for t in Task.objects.filter(pk__in=refused).order_by("seq"))
        raise WorkflowError(f"任务 {seqs} 既未发布也未审核通过, 不能更正")


def _new_version(actor, publication, note: str, task_ids, action: str, extra=None):
    previous = publication
    new = copy.copy(publication)
    new.pk = new.id = None
    new._state = type(publication._state)()
    new.version = previous.version + 1
    new.previous_id = previous.pk
    new.correction_note = note
    new.published_on = timezone.localdate()
    new.published_at = timezone.now()
    # The report's readers so far stay with it: the count goes on from the old one's
    # (the live count may sit in the page cache's click journal, not yet in the row).
    from luoshi.pagecache.clicks import clicks_now

    new.clicks = clicks_now(previous.pk)
    new.save()
    snapshot_correction(new, previous, task_ids)
    _reindex(new)
    record(
        actor,
        action,
        previous.period,
        before={"publication": previous.pk},
        after={
            "publication": new.pk,
            "version": new.version,
            "tasks": sorted(task_ids),
            **(extra or {}),
        },
        note=note,
    )
    return new


def correct(actor, publication, changes: dict, note: str):
    """督查室更正: the office changes published rows itself and publishes at once, a new
    version (same index number, version + 1) whose note says what changed and names the
    admin. `changes` maps a task id to {"text", "status"}; only rows that were published
    or approved may change. The earlier version stays as published."""
    perms.require(perms.can_correct(actor, publication), "只有督查室管理员可以更正已发布的报告")
    if not note.strip():
        raise WorkflowError("更正须说明更正了什么")
    if not changes:
        raise WorkflowError("没有要更正的内容")
    with transaction.atomic():
        publication = _current(publication)
        _check_correctable(publication, changes)
        period = publication.period
        for task_id, change in changes.items():
            progress = Progress.objects.select_for_update().get(period=period, task_id=task_id)
            before = _state(progress)
            progress.text = change.get("text", progress.text).strip()
            if not progress.text:
                raise WorkflowError("更正后的完成情况不能为空")
            status = _check_status(change.get("status", ""))
            progress.assess()
            if status and status != progress.engine_status:
                progress.override_status, progress.override_reason = status, note.strip()
            elif status:
                progress.override_status = progress.override_reason = ""
            progress.status = progress.override_status or progress.engine_status
            progress.state = Progress.APPROVED
            progress.correcting = False
            progress.approved_at, progress.approved_by = timezone.now(), actor
            progress.save()
            record(actor, "progress.corrected", progress, before=before, after=_state(progress))
        note = f"{note.strip()} (督查室更正: {office_name(actor)})"
        return _new_version(actor, publication, note, set(changes), "period.corrected")


def start_correction(actor, publication, task_id: int, text: str = "", comment: str = ""):
    """A correction through review: with `text`, the office's new text goes to the
    reviewers as a submission; without, the row goes back to its unit with `comment`
    to rewrite and resubmit. Either way it is published only after approval
    (publish_correction)."""
    perms.require(perms.can_correct(actor, publication), "只有督查室管理员可以更正已发布的报告")
    text, comment = (text or "").strip(), (comment or "").strip()
    if not text and not comment:
        raise WorkflowError("请填写更正后的完成情况, 或退回单位的意见")
    with transaction.atomic():
        publication = _current(publication)
        _check_correctable(publication, [task_id])
        progress = Progress.objects.select_for_update().get(
            period_id=publication.period_id, task_id=task_id
        )
        if progress.correcting and progress.state != Progress.APPROVED:
            raise AlreadyDone(f"任务 {progress.task.seq} 已在更正中")
        before = _state(progress)
        progress.correcting = True
        if text:
            progress.text = text
            progress.state = Progress.SUBMITTED
            progress.submitted_at, progress.submitted_by = timezone.now(), actor
        else:
            progress.state = Progress.RETURNED
            progress.review_comment = comment
        progress.override_status = progress.override_reason = ""
        progress.save()
        record(
            actor,
            "progress.correction_started",
            progress,
            before=before,
            after=_state(progress),
            note=comment,
        )
    return progress


def in_correction(publication):
    return Progress.objects.filter(period_id=publication.period_id, correcting=True)


def publish_correction(actor, publication, note: str):
    """Publish the corrected rows that passed review as the report's next version."""
    perms.require(perms.can_correct(actor, publication), "只有督查室管理员可以更正已发布的报告")
    if not note.strip():
        raise WorkflowError("更正须说明更正了什么")
    with transaction.atomic():
        publication = _current(publication)
        rows = in_correction(publication).select_for_update()
        ready = list(rows.approved().values_list("task_id", flat=True))
        if not ready:
            raise WorkflowError("还没有审核通过的更正")
        new = _new_version(actor, publication, note.strip(), set(ready), "period.corrected")
        Progress.objects.filter(period_id=publication.period_id, task_id__in=ready).update(
            correcting=False
        )
    return new


def record_imported(publication, actor, source_name: str) -> None:
    """An imported report was published by its government: its rows are approved and the
    period published, and its rows are frozen like any other publication's."""
    period = publication.period
    Progress.objects.filter(period=period).update(state=Progress.APPROVED)
    Period.objects.filter(pk=period.pk).update(status=Period.PUBLISHED)
    period.status = Period.PUBLISHED
    snapshot(publication)
    record(
        actor,
        "publication.imported",
        publication,
        government=period.plan.government,
        after={"index_no": publication.index_no, "period": period.label},
        note=source_name,
    )
