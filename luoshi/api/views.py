"""The read-only JSON API: published reports, their task rows (filterable) and a task's
history across quarters. Plain Django views; the contract is openapi.json."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from luoshi.api.openapi import document
from luoshi.disclosure import exports, history
from luoshi.disclosure.models import Publication, PublishedProgress
from luoshi.plans.models import Task
from luoshi.search.query import search
from luoshi.security.ids import as_id
from luoshi.textparse import CLASS_LABELS, CLASSES, class_counts

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _json(data, status=200):
    # Chinese as UTF-8, not \u escapes: readable with curl, a third of the bytes.
    response = JsonResponse(
        data,
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


class PageNotFound(Exception):
    """A page number past the last page."""


def _error(message, status=400):
    return _json({"error": message}, status=status)


def _int(value, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if abs(number) <= 10**9 else default  # past any page there is


def _paginate(request, items, serialize):
    page = max(1, _int(request.GET.get("page"), 1))
    size = min(MAX_PAGE_SIZE, max(1, _int(request.GET.get("page_size"), DEFAULT_PAGE_SIZE)))
    count = len(items) if isinstance(items, list) else items.count()
    if page > 1 and (page - 1) * size >= count:
        raise PageNotFound(f"没有第 {page} 页 (共 {max(1, -(-count // size))} 页)")
    chunk = items[(page - 1) * size : page * size]

    def link(n):
        params = request.GET.copy()
        params["page"] = n
        return request.build_absolute_uri(request.path) + "?" + params.urlencode()

    return {
        "count": count,
        "page": page,
        "page_size": size,
        "next": link(page + 1) if page * size < count else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": [serialize(x) for x in chunk],
    }


def _comparison(c):
    """A target and the figure that answers it (a sum of parts where there is one)."""
    return {
        "target": c["target"].get("text", ""),
        "target_value": c["target"].get("value"),
        "actual_value": c["actual"].get("sum", c["actual"].get("value")),
        "unit": c["target"].get("unit", ""),
        "percent": c["percent"],
    }


def _row(progress, publication, is_current=True):
    fields = exports.task_fields(progress)
    return {
        "task_id": progress.task_id,
        "report_id": publication.pk,
        "report_version": publication.version,
        "report_is_current": is_current,
        "period": publication.period.label,
        **fields,
        "cooperating_units": progress.task.cooperating_unit_names,
        "comparisons": [_comparison(c) for c in progress.comparisons()],
        "url": reverse("disclosure:task_detail", args=[progress.task_id]),
        "history": reverse("api:task", args=[progress.task_id]),
    }


@require_safe
def index(request):
    return _json(
        {
            "reports": reverse("api:reports"),
            "tasks": reverse("api:tasks"),
            "openapi": reverse("api:openapi"),
        }
    )


@require_safe
def openapi(request):
    return _json(document())


@require_safe
def report_list(request):
    publications = (
        Publication.objects.with_related()
        .current()
        .with_successor()
        .order_by("-published_on", "-id")
    )
    try:
        return _json(_paginate(request, publications, exports.report_json))
    except PageNotFound as e:
        return _error(str(e), 404)


@require_safe
def report_detail(request, pk):
    publication = Publication.objects.with_related().filter(pk=pk).first()
    if publication is None:
        return _error(f"没有编号为 {pk} 的报告", 404)
    data = exports.report_json(publication)
    classes = list(publication.rows().values_list("status", flat=True))
    data["total"] = len(classes)
    data["classes"] = class_counts(classes)
    data["sections"] = [{"id": s.pk, "heading": s.heading} for s in publication.plan.sections.all()]
    data["versions"] = [
        {
            "id": v.pk,
            "version": v.version,
            "published_on": v.published_on.isoformat() if v.published_on else "",
            "correction_note": v.correction_note,
            "url": reverse("api:report", args=[v.pk]),
        }
        for v in publication.versions()
    ]
    return _json(data)


@require_safe
def task_list(request):
    """Task rows of published reports. Filters: report, section (id), unit (lead unit
    name), status (class), q (words, as the search page reads them)."""
    params = request.GET
    report = params.get("report", "")
    publications = Publication.objects.with_related().with_successor()
    if report:
        if as_id(report) is None:
            return _error("report 应为报告编号")
        publications = publications.filter(pk=int(report))
    status = params.get("status", "")
    if status and status not in CLASS_LABELS:
        return _error("status 应为: " + ", ".join(CLASSES))
    section = params.get("section", "")
    if section and as_id(section) is None:
        return _error("section 应为板块编号")

    if not report:
        publications = publications.current()  # a corrected report by its correction
    rows = PublishedProgress.objects.filter(publication__in=publications).narrowed(
        int(section) if section else None, params.get("unit", ""), status
    )
    query = params.get("q", "").strip()
    if query:
        hits = search(query, int(report) if report else None, 1000)
        rows = rows.filter(pk__in=[h.row.pk for h in hits])
    rows = (
        rows.select_related("task__section", "publication__period")
        .prefetch_related("task__task_units__unit")
        .order_by("publication__period_id", "publication_id", "task__seq")
    )
    # Without a report asked for, every row is of a current version (filtered above).
    asked = publications.first() if report else None

    def serialize(row):
        publication = asked or row.publication
        return _row(row, publication, is_current=asked.is_current if asked else True)

    try:
        return _json(_paginate(request, rows, serialize))
    except PageNotFound as e:
        return _error(str(e), 404)


@require_safe
def task_detail(request, pk):
    task = (
        Task.objects.select_related("plan__government", "section")
        .prefetch_related("task_units__unit")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        return _error(f"没有编号为 {pk} 的任务", 404)
    quarters = []
    for q in history.quarters(task):
        quarters.append(
            {
                "period": q.period.label,
                "as_of": q.period.as_of,
                "report_id": q.publication.pk if q.publication else None,
                "status": q.progress.status or None,
                "status_label": q.progress.status_label,
                "status_text": q.progress.text,
                "schedule_percent": q.schedule,
                "text_changed": q.changed,
                "comparisons": [
                    {**_comparison(c), "trend": c.get("trend") or None} for c in q.comparisons
                ],
            }
        )
    return _json(
        {
            "id": task.pk,
            "seq": task.seq,
            "plan": str(task.plan),
            "year": task.plan.year,
            "government": task.plan.government.name,
            "section": task.section.heading,
            "content": task.content,
            "lead_units": task.lead_unit_names,
            "cooperating_units": task.cooperating_unit_names,
            "deadline": task.deadline,
            "url": reverse("disclosure:task_detail", args=[task.pk]),
            "history": quarters,
        }
    )
