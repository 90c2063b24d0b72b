"""The supervision office's pages: open a period, move it on, see who is late, publish,
correct a published report."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from luoshi.audit.log import record
from luoshi.disclosure import publishing
from luoshi.disclosure.models import Publication
from luoshi.plans.models import TaskUnit, Unit
from luoshi.progress import notices, overdue, sheets, workflow
from luoshi.progress import permissions as perms
from luoshi.progress.models import Progress, Webhook
from luoshi.textparse import CLASS_CHOICES
from luoshi.work.decorators import admin_government, member_required
from luoshi.work.views.common import get_period, run


@member_required
def period_list(request):
    government = admin_government(request, perms.can_manage_periods)
    if request.method == "POST":
        plan = get_object_or_404(government.plans, pk=request.POST.get("plan"))
        try:
            year = int(request.POST.get("year", ""))
            quarter = int(request.POST.get("quarter", ""))
            deadline = dt.date.fromisoformat(request.POST.get("deadline", ""))
        except ValueError:
            messages.error(request, "请填写有效的年度、季度和截止日期")
            return redirect("work:periods")
        start = request.POST.get("start", "") == "1"
        try:
            period = workflow.open_period(request.user, plan, year, quarter, deadline, start=start)
        except workflow.PlanYearMismatch as exc:
            # A new year needs its own plan: say so, and offer the import right there.
            messages.error(request, str(exc))
            return redirect(f"{reverse('work:periods')}?import_year={year}")
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
            return redirect("work:periods")
        messages.success(request, "报告期已开启")
        return redirect("work:period_detail", pk=period.pk)
    periods = perms.periods_for(request.user).order_by("-year", "-end_month")
    import_year = request.GET.get("import_year", "")
    context = {
        "periods": periods,
        "plans": government.plans.all(),
        "import_year": import_year if import_year.isdigit() else "",
        "webhook": Webhook.objects.filter(government=government).first(),
    }
    return render(request, "work/periods.html", context)


@require_POST
@member_required
def webhook(request):
    """The government's group robot for reminders: its address and signing secret."""
    government = admin_government(request, perms.can_manage_periods)
    url = request.POST.get("url", "").strip()
    secret = request.POST.get("secret", "").strip()
    if url and not url.startswith(("https://", "http://")):
        messages.error(request, "机器人地址应以 https:// 开头")
        return redirect("work:periods")
    with transaction.atomic():
        if url:
            hook = Webhook.objects.filter(government=government).first()
            # A blank secret keeps the one set before (it is never shown back).
            secret = secret or (hook.secret if hook is not None else "")
            Webhook.objects.update_or_create(
                government=government, defaults={"url": url, "secret": secret}
            )
        else:
            Webhook.objects.filter(government=government).delete()
        record(
            request.user,
            "webhook.changed",
            government=government,
            after={"url": notices.robot_name(url) if url else "", "signed": bool(secret)},
        )
    messages.success(request, "群机器人已保存" if url else "群机器人已移除")
    return redirect("work:periods")


def _manage(request, pk):
    period = get_period(pk)
    perms.require(perms.can_manage_periods(request.user, period.plan.government))
    return period


def _lead_units(period):
    return (
        Unit.objects.filter(task_units__task__plan=period.plan, task_units__role=TaskUnit.LEAD)
        .distinct()
        .order_by("name")
    )


@member_required
def period_detail(request, pk):
    period = _manage(request, pk)
    counts = period.progress.state_counts()
    context = {
        "period": period,
        "counts": counts,
        "late": overdue.overdue(period),
        "publications": Publication.objects.filter(period=period).order_by("version"),
        "can_publish": perms.can_publish(request.user, period),
        "units": _lead_units(period),
        "extensions": period.unit_deadlines.select_related("unit").order_by("unit__name"),
        "notices": period.notices.select_related("unit")[:200],
        "due": notices.due(period),
    }
    context["duban_due"] = sum(1 for d in context["due"] if d.is_duban)
    return render(request, "work/period_detail.html", context)


@member_required
def duban_sheets(request, pk):
    """Today's 督办 of the period as printable 督办单, one per unit and kind (`?unit=` one
    unit's): offices still print, stamp and hand them over, and the unit signs for them."""
    period = _manage(request, pk)
    due = [d for d in notices.due(period) if d.is_duban]
    unit = request.GET.get("unit", "")
    if unit:
        due = [d for d in due if str(d.unit.pk) == unit]
    sheets = [(d, notices.contact_line(notices.contacts(d.unit))) for d in due]
    context = {"period": period, "sheets": sheets, "today": timezone.localdate()}
    return render(request, "work/duban.html", context)


@require_POST
@member_required
def period_action(request, pk):
    period = _manage(request, pk)
    action = request.POST.get("action")
    if action == "close" and request.POST.get("confirm") != "1":
        # Closing stops every unit still writing: say who, and ask once more.
        context = {"period": period, "units": overdue.not_submitted(period)}
        return render(request, "work/period_close.html", context)
    actions = {
        "start": (workflow.start_reporting, "已开始填报"),
        "close": (workflow.close_reporting, "已截止填报, 进入审核"),
        "reopen": (workflow.reopen_reporting, "已重新开放填报"),
    }
    chosen = actions.get(action)
    if chosen is None:
        messages.error(request, "未知操作")
    else:
        run(request, chosen[0], period, success=chosen[1])
    return redirect("work:period_detail", pk=pk)


@require_POST
@member_required
def period_extend(request, pk):
    period = _manage(request, pk)
    unit = None
    if request.POST.get("unit"):
        unit = get_object_or_404(_lead_units(period), pk=request.POST["unit"])
    try:
        deadline = dt.date.fromisoformat(request.POST.get("deadline", ""))
    except ValueError:
        messages.error(request, "请填写有效的延期日期")
        return redirect("work:period_detail", pk=pk)
    who = unit.name if unit is not None else "全部单位"
    run(
        request,
        workflow.extend_deadline,
        period,
        deadline,
        request.POST.get("reason", ""),
        unit=unit,
        success=f"{who}的截止日期已延至 {deadline}",
    )
    return redirect("work:period_detail", pk=pk)


@require_POST
@member_required
def period_remind(request, pk):
    period = _manage(request, pk)
    result = notices.remind(period, actor=request.user)
    if result.failed:
        messages.error(
            request, f"发送 {len(result.sent)} 条, 失败 {len(result.failed)} 条 (下次重试)"
        )
    else:
        messages.success(
            request, f"已发送 {len(result.sent)} 条催报督办通知; 今日已处理 {result.skipped} 条"
        )
    return redirect("work:period_detail", pk=pk)


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _download(data: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@member_required
def review_sheet(request, pk):
    """The period's review sheet (XLSX): for reviewers and admins of its government."""
    period = get_period(pk)
    perms.require(perms.can_see_review_queue(request.user, period), "没有权限查看此报告期")
    return _download(sheets.review_sheet(period), f"review-{period.pk}.xlsx", "xlsx")


@member_required
def period_overdue(request, pk):
    period = get_period(pk)
    perms.require(perms.can_view_overdue(request.user, period))
    fmt = request.GET.get("format", "")
    if fmt in ("xlsx", "csv"):
        return _download(sheets.overdue_list([period], fmt), f"overdue-{period.pk}.{fmt}", fmt)
    context = {
        "period": period,
        "is_overdue": overdue.is_overdue(period),
        "units": overdue.not_submitted(period),
    }
    return render(request, "work/overdue.html", context)


META_FIELDS = [
    ("title", "标题"),
    ("publisher", "发布机构"),
    ("disclosure_method", "公开方式"),
    ("disclosure_scope", "公开范围"),
    ("disclosure_term", "公开时限"),
    ("doc_no", "备注/文号"),
    ("topic", "主题分类"),
    ("grouping", "组配分类"),
]


@member_required
def publish(request, pk):
    period = get_period(pk)
    perms.require(perms.can_publish(request.user, period), "只有督查室管理员可以发布此报告期")
    if request.method == "POST":
        meta = {name: request.POST.get(name, "").strip() for name, _ in META_FIELDS}
        publication = run(
            request,
            publishing.publish,
            period,
            meta,
            allow_partial=request.POST.get("allow_partial") == "1",
            include_unreported=request.POST.get("include_unreported") == "1",
            success="已发布",
        )
        if publication is not None:
            return redirect("disclosure:report_detail", pk=publication.pk)
        return redirect("work:publish", pk=pk)
    defaults = publishing.disclosure_defaults(period)
    counts = period.progress.state_counts()
    context = {
        "period": period,
        "fields": [(name, label, defaults.get(name, "")) for name, label in META_FIELDS],
        "counts": counts,
        "pending": sum(n for s, n in counts.items() if s != "approved"),
    }
    return render(request, "work/publish.html", context)


@member_required
def correct(request, pk):
    """Correct a published report: pick a row, start from its published text, then send
    the new text to review, send the row back to its unit, or (督查室更正) publish it at
    once; rows that passed review are published as the next version here too."""
    publication = get_object_or_404(Publication.objects.with_related(), pk=pk)
    if not perms.can_correct(request.user, publication):
        raise PermissionDenied("只能由督查室管理员更正最新版本")
    if request.method == "POST":
        return _correct_post(request, publication)
    rows = publication.rows().select_related("task").order_by("task__seq")
    chosen = None
    task_id = request.GET.get("task", "")
    if task_id.isdigit():
        chosen = next((r for r in rows if r.task_id == int(task_id)), None)
        if chosen is None:
            approved = Progress.objects.filter(period_id=publication.period_id).approved()
            chosen = approved.filter(task_id=int(task_id)).select_related("task").first()
    working = None
    if chosen is not None:
        working = publication.period.progress.get(task_id=chosen.task_id)
    context = {
        "publication": publication,
        "rows": rows,
        "chosen": chosen,
        "start_text": (working.text if getattr(chosen, "unreported", False) else chosen.text)
        if chosen is not None
        else "",
        "working": working,
        "correcting": publishing.in_correction(publication)
        .select_related("task")
        .order_by("task__seq"),
        "classes": CLASS_CHOICES,
    }
    return render(request, "work/correct.html", context)


def _correct_post(request, publication):
    post = request.POST
    mode = post.get("mode", "")
    back = redirect("work:correct", pk=publication.pk)
    if mode == "publish":
        new = run(
            request, publishing.publish_correction, publication, post.get("note", ""),
            success="已发布更正版本",
        )  # fmt: skip
        return redirect("disclosure:report_detail", pk=new.pk) if new is not None else back
    task_id = post.get("task", "")
    if not task_id.isdigit():
        messages.error(request, "请选择要更正的任务")
        return back
    task_id = int(task_id)
    back = redirect(f"{reverse('work:correct', args=[publication.pk])}?task={task_id}")
    if mode == "direct":
        change = {"text": post.get("text", ""), "status": post.get("status", "")}
        new = run(
            request, publishing.correct, publication, {task_id: change}, post.get("note", ""),
            success="已发布督查室更正版本",
        )  # fmt: skip
        return redirect("disclosure:report_detail", pk=new.pk) if new is not None else back
    if mode == "review":
        done = run(
            request, publishing.start_correction, publication, task_id, text=post.get("text", ""),
            success="更正已提交审核, 审核通过后在此发布",
        )  # fmt: skip
    elif mode == "return":
        done = run(
            request, publishing.start_correction, publication, task_id,
            comment=post.get("comment", ""), success="已退回单位重新填报",
        )  # fmt: skip
    else:
        messages.error(request, "未知操作")
        done = None
    return redirect("work:correct", pk=publication.pk) if done is not None else back
