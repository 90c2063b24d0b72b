"""The supervision office's pages: open a period, move it on, see who is late, publish,
correct a published report."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from luoshi.accounts import permissions as perms
from luoshi.disclosure.models import Publication
from luoshi.progress import overdue, workflow
from luoshi.progress.pages.common import admin_government, get_period, member_required, run
from luoshi.textparse import STATUS_LABELS, STATUSES


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
        period = run(
            request,
            workflow.open_period,
            plan,
            year,
            quarter,
            deadline,
            start=request.POST.get("start", "") == "1",
            success="报告期已开启",
        )
        if period is not None:
            return redirect("work:period_detail", pk=period.pk)
        return redirect("work:periods")
    periods = perms.periods_for(request.user).order_by("-year", "-end_month")
    context = {"periods": periods, "plans": government.plans.all()}
    return render(request, "work/periods.html", context)


@member_required
def period_detail(request, pk):
    period = get_period(pk)
    perms.require(perms.can_manage_periods(request.user, period.plan.government))
    counts = {s: 0 for s, _ in period.progress.model.STATES}
    for state in period.progress.values_list("state", flat=True):
        counts[state] += 1
    context = {
        "period": period,
        "counts": counts,
        "late": overdue.overdue(period),
        "publications": Publication.objects.filter(period=period).order_by("version"),
        "can_publish": perms.can_publish(request.user, period),
    }
    return render(request, "work/period_detail.html", context)


@require_POST
@member_required
def period_action(request, pk):
    period = get_period(pk)
    actions = {
        "start": (workflow.start_reporting, "已开始填报"),
        "close": (workflow.close_reporting, "已截止填报, 进入审核"),
    }
    action = actions.get(request.POST.get("action"))
    if action is None:
        messages.error(request, "未知操作")
    else:
        run(request, action[0], period, success=action[1])
    return redirect("work:period_detail", pk=pk)


@member_required
def period_overdue(request, pk):
    period = get_period(pk)
    perms.require(perms.can_view_overdue(request.user, period))
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
            workflow.publish,
            period,
            meta,
            allow_partial=request.POST.get("allow_partial") == "1",
            success="已发布",
        )
        if publication is not None:
            return redirect("disclosure:report_detail", pk=publication.pk)
        return redirect("work:publish", pk=pk)
    defaults = workflow.disclosure_defaults(period)
    counts = {s: 0 for s, _ in period.progress.model.STATES}
    for state in period.progress.values_list("state", flat=True):
        counts[state] += 1
    context = {
        "period": period,
        "fields": [(name, label, defaults.get(name, "")) for name, label in META_FIELDS],
        "counts": counts,
        "pending": sum(n for s, n in counts.items() if s != "approved"),
    }
    return render(request, "work/publish.html", context)


@member_required
def correct(request, pk):
    publication = get_object_or_404(Publication.objects.with_related(), pk=pk)
    if not perms.can_correct(request.user, publication):
        raise PermissionDenied("只能由督查室管理员更正最新版本")
    rows = publication.rows().select_related("task").order_by("task__seq")
    if request.method == "POST":
        task_id = request.POST.get("task", "")
        row = next((r for r in rows if str(r.task_id) == task_id), None)
        changes = {}
        if row is None and task_id:
            changes[int(task_id)] = {
                "text": request.POST.get("text", ""),
                "status": request.POST.get("status", ""),
            }
        elif row is not None:
            changes[row.task_id] = {
                "text": request.POST.get("text", "") or row.text,
                "status": request.POST.get("status", ""),
            }
        if changes and not publication.period.progress.filter(task_id__in=changes).exists():
            messages.error(request, "该任务不属于此报告期")
            return redirect("work:correct", pk=pk)
        new = run(
            request,
            workflow.correct,
            publication,
            changes,
            request.POST.get("note", ""),
            success="已发布更正版本",
        )
        if new is not None:
            return redirect("disclosure:report_detail", pk=new.pk)
        return redirect("work:correct", pk=pk)
    context = {
        "publication": publication,
        "tasks": publication.period.plan.tasks.order_by("seq"),
        "statuses": [(s, STATUS_LABELS[s]) for s in STATUSES],
    }
    return render(request, "work/correct.html", context)
