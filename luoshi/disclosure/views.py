"""The public portal: the list of published reports and each report's disclosure page."""

from collections import Counter

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from luoshi.disclosure import exports
from luoshi.disclosure.models import Publication
from luoshi.pagecache.clicks import register_view
from luoshi.plans.models import Unit
from luoshi.security.ids import as_id
from luoshi.textparse import STATUS_LABELS, STATUSES


def report_list(request):
    publications = Publication.objects.with_related().current().order_by("-published_on", "-id")
    return render(request, "disclosure/report_list.html", {"publications": publications})


class ReportFilter:
    """The GET parameters that narrow a report's rows: section, lead unit, class.

    Plain GET parameters, so the filter works without JavaScript and a filtered view has
    an address that can be shared and downloaded."""

    def __init__(self, publication, params):
        self.publication = publication
        self.section = params.get("section", "")
        self.unit = params.get("unit", "")
        self.status = params.get("status", "")

    @property
    def active(self):
        return bool(self.section or self.unit or self.status)

    def apply(self, progress):
        if self.section.isdigit():  # an id past what the database holds names no section
            section_id = as_id(self.section)
            progress = (
                progress.filter(task__section_id=section_id) if section_id else progress.none()
            )
        if self.unit:
            progress = progress.filter(
                task__task_units__role="lead", task__task_units__unit__name=self.unit
            ).distinct()
        if self.status in STATUS_LABELS:
            progress = progress.filter(status=self.status)
        return progress

    def query_string(self):
        from django.utils.http import urlencode

        pairs = [
            (k, v)
            for k, v in (("section", self.section), ("unit", self.unit), ("status", self.status))
            if v
        ]
        return urlencode(pairs)


def _publication(pk):
    return get_object_or_404(Publication.objects.with_related(), pk=pk)


def _rows_with_spans(progress_rows):
    """Pair each row with the rowspan of its section cell: the first row of a run of the
    same section carries the span, the others carry 0 (no cell), as the original table."""
    rows = list(progress_rows)
    spans = [0] * len(rows)
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i].task.section_id != rows[start].task.section_id:
            spans[start] = i - start
            start = i
    return list(zip(rows, spans, strict=True))


def report_detail(request, pk):
    publication = _publication(pk)
    register_view(request, publication)  # once, even when the page cache counted it
    period = publication.period
    all_progress = publication.rows()  # frozen at publication: drafts never show
    filters = ReportFilter(publication, request.GET)
    rows = exports.progress_rows(publication, filters.apply(all_progress))

    counts = Counter(all_progress.values_list("status", flat=True))
    class_counts = [
        {"status": s, "label": STATUS_LABELS[s], "count": counts.get(s, 0)} for s in STATUSES
    ]
    lead_units = (
        Unit.objects.filter(task_units__role="lead", task_units__task__plan=period.plan)
        .distinct()
        .order_by("name")
    )
    context = {
        "publication": publication,
        "rows": _rows_with_spans(rows),
        "filters": filters,
        "sections": period.plan.sections.all(),
        "lead_units": lead_units,
        "class_counts": class_counts,
        "statuses": [(s, STATUS_LABELS[s]) for s in STATUSES],
        "total": all_progress.count(),
    }
    return render(request, "disclosure/report_detail.html", context)


def report_download(request, pk, fmt):
    if fmt not in exports.FORMATS:
        raise Http404("不支持的格式")
    publication = _publication(pk)
    filters = ReportFilter(publication, request.GET)
    progress = filters.apply(publication.rows())
    data = exports.render(publication, fmt, progress)
    _, content_type = exports.FORMATS[fmt]
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{publication.title}.{fmt}"
    )
    return response
