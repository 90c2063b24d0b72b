"""The portal's pages beyond the report table: a task across quarters, the charts with
their JSON feed, and the display preferences (长辈版, font size)."""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from luoshi.disclosure import charts, exports, history
from luoshi.disclosure.display import ELDER_COOKIE, SIZE_COOKIE, SIZES
from luoshi.disclosure.models import Publication
from luoshi.plans.models import Task
from luoshi.textparse import CLASS_CHOICES

ONE_YEAR = 365 * 24 * 3600


def task_detail(request, pk):
    task = get_object_or_404(
        Task.objects.select_related("plan__government", "section").prefetch_related(
            "task_units__unit"
        ),
        pk=pk,
    )
    rows = history.quarters(task)
    context = {
        "task": task,
        "quarters": rows,
        "latest": rows[-1] if rows else None,
    }
    return render(request, "disclosure/task_detail.html", context)


def _publication(pk):
    return get_object_or_404(Publication.objects.with_related(), pk=pk)


@require_GET
def report_charts_json(request, pk):
    data = charts.cached_chart_data(_publication(pk))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    return response


def report_charts(request, pk):
    publication = _publication(pk)
    context = {"publication": publication, "data": charts.cached_chart_data(publication)}
    return render(request, "disclosure/report_charts.html", context)


def display_prefs(request):
    """Without JavaScript, the 长辈版 and font-size buttons submit here; the cookie is set
    and the reader goes back to the page. With JavaScript the same cookies are set in the
    page and this is never called."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    elder = request.GET.get("elder")
    if elder in {"0", "1"}:
        response.set_cookie(ELDER_COOKIE, elder, max_age=ONE_YEAR, samesite="Lax")
    size = request.GET.get("size")
    if size in SIZES:
        response.set_cookie(SIZE_COOKIE, size, max_age=ONE_YEAR, samesite="Lax")
    return response


def api_guide(request):
    """/api/: the read-only API explained for people, with examples they can paste."""
    import json

    latest = Publication.objects.current().order_by("-published_on", "-id").first()
    example = ""
    if latest is not None:
        example = json.dumps(exports.report_json(latest), ensure_ascii=False, indent=2)
    context = {
        "base": request.build_absolute_uri("/").rstrip("/"),
        "classes": CLASS_CHOICES,
        "example": example,
    }
    return render(request, "disclosure/api_guide.html", context)
