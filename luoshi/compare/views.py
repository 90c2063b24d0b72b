"""/governments/: every government with its published reports; /compare/: tasks of the
same kind across governments (e.g. 养老床位 counted in 张), with target and reported figure.

Only published rows appear: the search index holds published reports only, and each row
is read from the report's frozen copy where it has one."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.shortcuts import render

from luoshi.disclosure.models import Publication, PublishedProgress
from luoshi.plans.models import Government
from luoshi.search.query import search

MAX_ROWS = 500


def government_list(request):
    current = (
        Publication.objects.current()
        .select_related("period")
        .order_by("-period__year", "-period__end_month", "-id")
    )
    governments = (
        Government.objects.annotate(
            report_count=Count(
                "plans__periods__publications",
                filter=Q(plans__periods__publications__corrected_by__isnull=True),
            )
        )
        .filter(report_count__gt=0)
        .prefetch_related(Prefetch("plans__periods__publications", queryset=current))
        .order_by("name")
    )
    rows = []
    for government in governments:
        reports = [
            publication
            for plan in government.plans.all()
            for period in plan.periods.all()
            for publication in period.publications.all()
        ]
        reports.sort(key=lambda p: (p.period.year, p.period.end_month, p.pk), reverse=True)
        rows.append({"government": government, "reports": reports})
    return render(request, "compare/governments.html", {"rows": rows})


@dataclass
class Row:
    government: Government
    publication: Publication
    task: object
    target: dict
    actual: dict | None
    percent: int | None


def compare_rows(query: str, unit: str = "") -> list[Row]:
    """Targets of published tasks matching `query` (and measured in `unit`, if given),
    one row per target, with the figure reported against it. Only each report's latest
    version counts: a corrected report is replaced by its correction."""
    hits = search(query, limit=MAX_ROWS)
    corrected = set(
        Publication.objects.filter(previous_id__in={h.publication.pk for h in hits}).values_list(
            "previous_id", flat=True
        )
    )
    hits = [h for h in hits if h.publication.pk not in corrected]
    # The figures of each hit's published row (search hits carry what they show only).
    published_rows = PublishedProgress.objects.select_related(
        "task", "publication__period__plan__government"
    ).in_bulk([h.row.pk for h in hits])
    rows = []
    for hit in hits:
        published = published_rows[hit.row.pk]
        comparisons = {id(c["target"]): c for c in published.comparisons()}
        by_target = {i: c for i, t in enumerate(published.targets) if (c := comparisons.get(id(t)))}
        for i, target in enumerate(published.targets):
            if unit and target.get("unit") != unit:
                continue
            found = by_target.get(i)
            rows.append(
                Row(
                    government=published.publication.period.plan.government,
                    publication=published.publication,
                    task=published.task,
                    target=target,
                    actual=found["actual"] if found else None,
                    percent=found["percent"] if found else None,
                )
            )
    rows.sort(key=lambda r: (r.government.name, -r.publication.period.year, r.task.seq))
    return rows


def compare(request):
    query = request.GET.get("q", "").strip()[:50]
    unit = request.GET.get("unit", "").strip()[:10]
    rows = compare_rows(query, unit) if query else []
    context = {
        "query": query,
        "unit": unit,
        "rows": rows,
        "governments": len({r.government.pk for r in rows}),
    }
    return render(request, "compare/compare.html", context)
