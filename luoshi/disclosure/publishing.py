"""Publishing a period's approved rows as a report, correcting a published report (a new
version), and the frozen snapshot each version keeps. The workflow of the rows themselves
(report, review, approve) is luoshi.progress.workflow; this is what turns them public.

Like the workflow, each function checks its permission (luoshi.progress.permissions),
changes state inside a transaction and writes its audit event in the same transaction.
A newly published version is announced by the `published` signal (the search index
listens), so this module does not import what sits above it (docs/architecture.md)."""

from __future__ import annotations

import copy
import datetime as dt

from django.db import transaction
from django.utils import timezone

from luoshi.accounts.models import Membership
from luoshi.audit.log import record
from luoshi.disclosure import edge
from luoshi.disclosure.indexno import next_index_no
from luoshi.disclosure.models import Publication, PublishedProgress
from luoshi.disclosure.signals import published
from luoshi.plans.models import Task
from luoshi.progress import permissions as perms
from luoshi.progress.models import Period, Progress
from luoshi.progress.workflow import AlreadyDone, WorkflowError, _check_status, _state


def default_title(period) -> str:
    return f"{period.label}《政府工作报告》主要目标任务完成情况"


def disclosure_defaults(period) -> dict:
    """Metadata for a new report: the government's last report's, else the usual values."""

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

    rows = Progress.objects.filter(period_id=publication.period_id)
    frozen = [_frozen(publication, p) for p in rows.approved().prefetch_related("attachments")]
    if include_unreported:
        frozen += [_frozen(publication, p, True) for p in rows.exclude(state=Progress.APPROVED)]
    PublishedProgress.objects.bulk_create(frozen)
    return len(frozen)


def snapshot_correction(new, previous, task_ids) -> int:
    """The new version's rows: the previous version's, with the rows of `task_ids` taken
    from their approved working rows (a row not in the previous version is added)."""

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


def _published(publication):
    # Search (above) connects to this and indexes the report's rows.
    published.send(sender=Publication, publication=publication)


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
        _published(publication)
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

    found = Membership.objects.filter(user=actor).values_list("full_name", flat=True).first()
    return found or actor.get_username()


def correctable_task_ids(publication) -> set[int]:
    """What a correction may change: the rows the report published (未报送 ones
    included, so a late report can replace them) and rows approved since."""
    published = set(publication.rows().values_list("task_id", flat=True))
    approved = Progress.objects.filter(period_id=publication.period_id).approved()
    return published | set(approved.values_list("task_id", flat=True))


def _current(publication):

    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if not publication.is_current:
        raise AlreadyDone("该报告已有更新的版本, 请在最新版本上更正")
    return publication


def _check_correctable(publication, task_ids) -> None:
    allowed = correctable_task_ids(publication)
    refused = sorted(set(task_ids) - allowed)
    if refused:
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
    new.clicks = edge.clicks_now(previous.pk)
    new.save()
    snapshot_correction(new, previous, task_ids)
    _published(new)
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
