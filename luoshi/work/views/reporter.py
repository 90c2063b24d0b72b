"""The unit reporter's pages: my tasks for the open period, one form per task."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db.models import Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from luoshi.disclosure.history import previous_published
from luoshi.disclosure.models import Publication
from luoshi.progress import attachments, workflow
from luoshi.progress import permissions as perms
from luoshi.progress.models import Attachment, Period, Progress, count_states
from luoshi.progress.review import disagreement, highlight
from luoshi.security.storage import DISK_FULL_MESSAGE, disk_full
from luoshi.textparse import CLASS_CHOICES, CLASS_LABELS
from luoshi.work.decorators import member_required
from luoshi.work.views.common import get_progress, run


@member_required
def my_tasks(request):
    m = perms.membership(request.user)
    if m.role != "reporter":
        return redirect("work:home")
    # Periods taking reports, and published ones with a row sent back for correction.
    correcting = Progress.objects.filter(correcting=True).led_by(m.unit).values("period_id")
    periods = perms.periods_for(request.user).filter(
        Q(status__in=[Period.REPORTING, Period.REVIEW])
        | Q(status=Period.PUBLISHED, pk__in=correcting)
    )
    groups = []
    for period in periods.order_by("-year", "-end_month"):
        lead = (
            perms.progress_for(request.user, period)
            .select_related("task__section")
            .order_by("task__seq")
        )
        cooperating = (
            Progress.objects.filter(
                period=period,
                task__task_units__unit=m.unit,
                task__task_units__role="cooperating",
            )
            .exclude(pk__in=lead.values("pk"))
            .select_related("task")
            .distinct()
            .order_by("task__seq")
        )
        counts = count_states(p.state for p in lead)
        groups.append(
            {"period": period, "lead": lead, "cooperating": cooperating, "counts": counts}
        )
    return render(request, "work/my_tasks.html", {"groups": groups, "unit": m.unit})


def _values(post):
    return {
        "text": post.get("text", ""),
        "stated_figures": post.get("stated_figures", ""),
        "self_status": post.get("self_status", ""),
        "problems": post.get("problems", ""),
        "next_steps": post.get("next_steps", ""),
    }


@member_required
def task_form(request, pk):
    progress = get_progress(pk)
    if not perms.can_view_progress(request.user, progress):
        raise PermissionDenied("只能查看本单位牵头的任务")
    if request.method == "POST":
        values = _values(request.POST)
        try:
            if request.POST.get("action") == "withdraw":
                run(request, workflow.withdraw, progress, success="已撤回, 可修改后重新提交")
            elif request.POST.get("action") == "submit":
                if run(
                    request, workflow.submit, progress, success="已提交, 等待督查室审核", **values
                ):
                    return redirect("work:my_tasks")
            else:
                run(request, workflow.save_draft, progress, success="草稿已保存", **values)
        except (OSError, DatabaseError) as exc:
            if not disk_full(exc):
                raise
            # Nothing was stored (the transaction rolled back): the text typed stays in the
            # form, not lost with the request.
            messages.error(request, DISK_FULL_MESSAGE)
            progress.refresh_from_db()
            progress.text = values["text"]
            progress.stated_figures = values["stated_figures"]
            progress.self_status = values["self_status"]
            return render(request, "work/task_form.html", _form(request, progress), status=503)
        return redirect("work:task_form", pk=pk)
    progress.refresh_from_db()
    return render(request, "work/task_form.html", _form(request, progress))


def _form(request, progress) -> dict:
    return {
        "progress": progress,
        "task": progress.task,
        "editable": perms.can_edit_progress(request.user, progress),
        "can_withdraw": progress.state == Progress.SUBMITTED
        and perms.leads(request.user, progress.task)
        and perms.period_takes_reports(
            progress.period, None, perms.membership(request.user).unit_id
        ),
        "previous": previous_published(progress),
        "classes": CLASS_CHOICES,
        "highlighted": highlight(progress),
        "disagreement": disagreement(progress),
        "attachments": progress.attachments.all(),
        "max_mb": settings.LUOSHI_ATTACHMENT_MAX_MB,
    }


@require_POST
@member_required
def preview(request, pk):
    """The engine on the unsaved draft: what the reviewer will see proposed. Nothing is
    stored; the form posts here as the reporter types (debounced)."""
    progress = get_progress(pk)
    if not perms.can_edit_progress(request.user, progress):
        raise PermissionDenied("不能填报此任务")
    values = _values(request.POST)
    progress.text = values["text"]
    progress.stated_figures = values["stated_figures"]
    progress.self_status = values["self_status"] if values["self_status"] in CLASS_LABELS else ""
    progress.override_status = ""
    progress.assess(force=True)
    return JsonResponse(
        {
            "status": progress.engine_status or None,
            "status_label": progress.engine_status_label,
            "targets": [t.get("text", "") for t in progress.targets],
            "actuals": [a.get("text", "") for a in progress.actuals],
            "comparisons": [
                {
                    "target": c["target"].get("text", ""),
                    "actual": c["actual"].get("text", ""),
                    "percent": c["percent"],
                }
                for c in progress.comparisons()
            ],
            "data_pending": progress.data_pending,
            "evidence": [e for e in progress.evidence if isinstance(e, str)],
            "disagreement": disagreement(progress),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_POST
@member_required
def attachment_upload(request, pk):
    progress = get_progress(pk)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, "请选择文件")
    elif uploaded.size > attachments.max_bytes():
        # Refused before reading it whole.
        messages.error(
            request,
            f"{uploaded.name} 超过 {settings.LUOSHI_ATTACHMENT_MAX_MB:g} MB, 不能上传",
        )
    else:
        perms.require(perms.can_edit_progress(request.user, progress), "不能为此任务上传佐证材料")
        try:
            attachments.add(request.user, progress, uploaded.name, uploaded.read())
        except attachments.AttachmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已上传 {uploaded.name}")
    return redirect("work:task_form", pk=pk)


@require_POST
@member_required
def attachment_remove(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("progress__task"), pk=pk)
    attachments.remove(request.user, attachment)
    messages.success(request, f"已删除 {attachment.name}")
    return redirect("work:task_form", pk=attachment.progress_id)


def send_attachment(attachment) -> FileResponse:
    path = attachments.path_of(attachment)
    if not path.exists():
        raise Http404("文件不存在")
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachments.content_type(attachment),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@member_required
def attachment_download(request, pk):
    """The working file: for those who may see the row (the lead unit and the office)."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("progress__task__plan", "progress__period__plan"),
        pk=pk,
    )
    if not perms.can_view_progress(request.user, attachment.progress):
        raise PermissionDenied("没有权限查看此佐证材料")
    return send_attachment(attachment)


def published_attachment(request, publication, pk):
    """A file as a published report published it: anyone, only with its row."""

    publication = get_object_or_404(Publication, pk=publication)
    attachment = get_object_or_404(Attachment, pk=pk)
    if not attachments.is_published(attachment, publication):
        raise Http404("该报告未公开此文件")
    return send_attachment(attachment)
