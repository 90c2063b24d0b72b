"""The public portal: the list of published reports and each report's disclosure page."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header

from luoshi.disclosure import edge, explain, exports
from luoshi.disclosure.models import Publication
from luoshi.plans.models import Unit
from luoshi.security.ids import as_id
from luoshi.textparse import CLASS_CHOICES, CLASS_LABELS, class_counts, schedule_percent


def report_list(request):
    publications = Publication.objects.with_related().current().order_by("-published_on", "-id")
    return render(request, "disclosure/report_list.html", {"publications": publications})


class ReportFilter:
    """The GET parameters that narrow a report's rows: section, lead unit, class.

    Plain GET parameters, so the filter works without JavaScript and a filtered view has
    an address that can be shared and downloaded."""

    def __init__(self, publication, params):
        self.publication = publication
        section, status = params.get("section", ""), params.get("status", "")
        self.section = section if section.isdigit() else ""
        self.unit = params.get("unit", "")
        self.status = status if status in CLASS_LABELS else ""
        # What the reader asked for that means nothing: said on the page, not applied.
        self.unknown_status = status if status and not self.status else ""
        self.unknown_section = section if section and not self.section else ""

    def terms(self) -> list[tuple[str, str]]:
        """The filter in words, as a filtered download states it: [(项目名称, heading), …]."""
        terms = []
        if self.section:
            # heading is number + title, a property: fetch the section, not a column.
            section_id = as_id(self.section)
            section = section_id and self.publication.plan.sections.filter(pk=section_id).first()
            terms.append(("项目名称", section.heading if section else f"编号 {self.section}"))
        if self.unit:
            terms.append(("牵头单位", self.unit))
        if self.status:
            terms.append(("评估类别", CLASS_LABELS[self.status]))
        return terms

    @property
    def active(self):
        return bool(self.section or self.unit or self.status)

    def apply(self, progress):
        section_id = as_id(self.section) if self.section else None
        if self.section and section_id is None:  # an id past what the database holds
            return progress.none()
        return progress.narrowed(section_id, self.unit, self.status)

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


def _section_groups(progress_rows, period):
    """The rows in runs of one section (one table body each, so a phone can fold a section
    away): [(section, [{p, span, targets, rule, engine_label}])], each row with its targets'
    own states and its class's rule. The first row of a run carries the rowspan of the
    section cell, the others 0 (no cell), as the original table."""
    progress_rows = list(progress_rows)
    groups = []
    for start, end in exports.section_runs(progress_rows):
        rows = [
            {
                "p": row,
                "span": 0,
                "targets": explain.target_states(row, period),
                "rule": explain.RULES.get(row.status, ""),
                "engine_label": CLASS_LABELS.get(row.engine_status, ""),
            }
            for row in progress_rows[start : end + 1]
        ]
        rows[0]["span"] = len(rows)
        groups.append((progress_rows[start].task.section, rows))
    return groups


def report_detail(request, pk):
    publication = _publication(pk)
    edge.add_page_view(request, publication)  # once, even when the page cache counted it
    period = publication.period
    all_progress = publication.rows()  # frozen at publication: drafts never show
    filters = ReportFilter(publication, request.GET)
    rows = exports.progress_rows(publication, filters.apply(all_progress))

    lead_units = (
        Unit.objects.filter(task_units__role="lead", task_units__task__plan=period.plan)
        .distinct()
        .order_by("name")
    )
    groups = _section_groups(rows, period)
    context = {
        "publication": publication,
        "site_host": publication.government.name,
        "groups": groups,
        "shown": sum(len(g[1]) for g in groups),
        "legend": explain.legend(period),
        "precedence": explain.PRECEDENCE,
        "schedule": schedule_percent(period.end_month),
        "formats": [(fmt, fmt.upper()) for fmt in exports.FORMATS],
        "filters": filters,
        "sections": period.plan.sections.all(),
        "lead_units": lead_units,
        "class_counts": class_counts(all_progress.values_list("status", flat=True)),
        "classes": CLASS_CHOICES,
        "total": all_progress.count(),
    }
    return render(request, "disclosure/report_detail.html", context)


def report_download(request, pk, fmt):
    """The download as a stored file (luoshi.disclosure.files): rendered once per version,
    format and filter; a PDF still being rendered is a short page asking to come back."""
    from luoshi.disclosure import files

    if fmt not in exports.FORMATS:
        raise Http404("不支持的格式")
    publication = _publication(pk)
    filters = ReportFilter(publication, request.GET)
    try:
        path = files.stored(publication, fmt, filters)
    except files.Rendering:
        return _pending(request, publication, fmt, status=503)
    except files.RenderFailed:
        return _pending(request, publication, fmt, status=500, failed=True)
    _, content_type = exports.FORMATS[fmt]
    path, coding = files.encoded(path, request.META.get("HTTP_ACCEPT_ENCODING", ""))
    # Read whole: a report's file is a few hundred KB at most.
    response = HttpResponse(path.read_bytes(), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=files.file_name(publication, filters, fmt)
    )
    if coding:
        response["Content-Encoding"] = coding
    if fmt in files.PRECOMPRESSED:
        patch_vary_headers(response, ("Accept-Encoding",))
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _pending(request, publication, fmt, status, failed=False):
    response = render(
        request,
        "disclosure/download_pending.html",
        {"publication": publication, "fmt": fmt.upper(), "failed": failed},
        status=status,
    )
    if not failed:
        response["Retry-After"] = "5"
    response["Cache-Control"] = "no-store"
    return response
