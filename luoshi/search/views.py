"""The search page: ranked hits over every published report, or within one."""

from django.shortcuts import render

from luoshi.disclosure.models import Publication
from luoshi.search.query import search


def search_view(request):
    query = request.GET.get("q", "").strip()[:100]
    report = request.GET.get("report", "")
    publication = None
    if report.isdigit():
        publication = Publication.objects.with_related().filter(pk=int(report)).first()
    # A corrected version is not in the index: its search is its current version's.
    corrected = publication if publication and not publication.is_current else None
    if corrected:
        publication = corrected.latest_version()
    hits = search(query, publication.pk if publication else None) if query else []
    context = {
        "query": query,
        "publication": publication,
        "corrected": corrected,
        "publications": Publication.objects.with_related().current(),
        "hits": hits,
    }
    return render(request, "search/results.html", context)
