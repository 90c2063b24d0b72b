from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from luoshi.accounts.people import PeopleError
from luoshi.disclosure.indexno import IndexNoError
from luoshi.progress import permissions as perms
from luoshi.progress import workflow
from luoshi.progress.models import Period, Progress


def get_progress(pk) -> Progress:
    return get_object_or_404(
        Progress.objects.select_related(
            "task__plan__government", "task__section", "period__plan__government"
        ).prefetch_related("task__task_units__unit"),
        pk=pk,
    )


def get_period(pk) -> Period:
    return get_object_or_404(Period.objects.select_related("plan__government"), pk=pk)


def run(request, action, *args, success="", **kwargs):
    """Run a workflow or account action; its refusal becomes a message on the page, not an
    error page. Returns the action's result, or None when it was refused."""
    try:
        result = action(request.user, *args, **kwargs)
    except workflow.AlreadyDone as exc:
        messages.info(request, str(exc))
        return None
    except (workflow.WorkflowError, PeopleError) as exc:
        messages.error(request, str(exc))
        return None
    except IndexNoError as exc:  # no organisation code yet, or a pattern that cannot be used
        messages.error(request, f"{exc}: 请督查室管理员在「政府设置」中填写后再发布")
        return None
    if success:
        messages.success(request, success)
    return result


def home(request):
    role = perms.role_of(request.user)
    if role == "reporter":
        return redirect("work:my_tasks")
    if role == "reviewer":
        return redirect("work:review_index")
    if role == "admin":
        return redirect("work:periods")
    if request.user.is_authenticated:
        raise PermissionDenied("此账号未分配角色")
    return redirect(f"/accounts/login/?next={request.path}")
