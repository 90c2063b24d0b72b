"""The reviewer's pages: a queue per period, one item with its evidence, approve / return
/ override, and bulk approval of the uncontested items."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from luoshi.disclosure.history import previous_published
from luoshi.plans.models import TaskUnit, Unit
from luoshi.progress import permissions as perms
from luoshi.progress import workflow
from luoshi.progress.models import Progress
from luoshi.progress.review import disagreement, highlight
from luoshi.textparse import CLASS_CHOICES, CLASS_LABELS
from luoshi.work.decorators import member_required
from luoshi.work.views.common import get_period, get_progress, run


@member_required
def review_index(request):
    if perms.role_of(request.user) == "reporter":
        raise PermissionDenied("填报人不能审核")
    periods = perms.periods_for(request.user).order_by("-year", "-end_month")
    rows = []
    for period in periods:
        counts = period.progress.state_counts()
        rows.append({"period": period, "counts": counts})
    return render(request, "work/review_index.html", {"rows": rows})


def _filtered(period, params):
    """The queue's rows narrowed by state, lead unit, section and class; `flag` (1 or 0)
    is applied on the assessed rows, as it is computed, not stored."""
    rows = period.progress.select_related("task__section", "period", "approved_by")
    rows = rows.prefetch_related("task__task_units__unit")
    state = params.get("state", Progress.SUBMITTED)
    if state in dict(Progress.STATES):
        rows = rows.filter(state=state)
    if params.get("unit", "").isdigit():
        rows = rows.led_by_id(int(params["unit"]))
    if params.get("section", "").isdigit():
        rows = rows.filter(task__section_id=int(params["section"]))
    if params.get("status") in CLASS_LABELS:
        rows = rows.filter(status=params["status"])
    items = [{"progress": p, "flag": disagreement(p)} for p in rows.order_by("task__seq")]
    if params.get("flag") == "1":
        items = [i for i in items if i["flag"]]
    elif params.get("flag") == "0":
        items = [i for i in items if not i["flag"]]
    return state, items


@member_required
def review_queue(request, period_id):
    period = get_period(period_id)
    if not perms.can_see_review_queue(request.user, period):
        raise PermissionDenied("没有权限查看此报告期")
    state, items = _filtered(period, request.GET)
    counts = period.progress.state_counts()
    units = (
        Unit.objects.filter(task_units__task__plan=period.plan, task_units__role=TaskUnit.LEAD)
        .distinct()
        .order_by("name")
    )
    context = {
        "period": period,
        "items": items,
        "state": state,
        "params": request.GET,
        "states": [(s, label, counts.get(s, 0)) for s, label in Progress.STATES],
        "units": units,
        "sections": period.plan.sections.order_by("position"),
        "classes": CLASS_CHOICES,
        "can_review": perms.can_review(request.user, period),
        "uncontested": sum(1 for i in items if not i["flag"]) if state == Progress.SUBMITTED else 0,
    }
    return render(request, "work/review_queue.html", context)


@member_required
def review_item(request, pk):
    progress = get_progress(pk)
    if not perms.can_see_review_queue(request.user, progress.period):
        raise PermissionDenied("没有权限审核此任务")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "approve":
            done = run(
                request,
                workflow.approve,
                progress,
                override_status=request.POST.get("override_status", ""),
                reason=request.POST.get("reason", ""),
                success=f"任务 {progress.task.seq} 已审核通过",
            )
        elif action == "return":
            done = run(
                request,
                workflow.return_progress,
                progress,
                request.POST.get("comment", ""),
                success=f"任务 {progress.task.seq} 已退回",
            )
        else:
            messages.error(request, "未知操作")
            done = None
        if done is not None:
            return redirect("work:review_queue", period_id=progress.period_id)
        return redirect("work:review_item", pk=pk)
    context = {
        "progress": progress,
        "task": progress.task,
        "highlighted": highlight(progress),
        "flag": disagreement(progress),
        "previous": previous_published(progress),
        "can_review": perms.can_review(request.user, progress)
        and progress.state == Progress.SUBMITTED,
        "classes": CLASS_CHOICES,
    }
    return render(request, "work/review_item.html", context)


@require_POST
@member_required
def bulk_approve(request, period_id):
    period = get_period(period_id)
    ids = request.POST.getlist("ids")
    chosen = [int(i) for i in ids if i.isdigit()] if "ticked" in request.POST else None
    result = run(request, workflow.bulk_approve, period, ids=chosen)
    if result is not None:
        approved, contested = result
        messages.success(
            request, f"已批量通过 {approved} 项; {contested} 项自评与系统评估不一致, 请逐项审核"
        )
    return redirect("work:review_queue", period_id=period.pk)
