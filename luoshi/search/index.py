"""Keeping the search index in step with the published reports (tokens: segment.py)."""

from __future__ import annotations

from django.db import transaction

from luoshi.disclosure.models import Publication
from luoshi.search import segment


def _joined(text: str) -> str:
    return " ".join(segment.words(text))


@transaction.atomic
def index_publication(publication) -> int:
    """(Re)build the entries of one published report: one per task row. Returns how many."""
    from luoshi.search.models import SearchEntry

    SearchEntry.objects.filter(publication=publication).delete()
    # Only a report's current version is found: a correction takes its earlier version's
    # entries out (that version stays on its page, marked 已更正), and a corrected version
    # is never indexed again, so a search never quotes a withdrawn figure.
    if publication.previous_id:
        SearchEntry.objects.filter(publication_id=publication.previous_id).delete()
    if not publication.is_current:
        return 0
    # The rows as published (frozen): a draft or a correction in progress is never found.
    # A row whose working row is gone has no task either (both go with their plan).
    rows = publication.rows().filter(progress__isnull=False).select_related("task")
    entries = [
        SearchEntry(
            publication=publication,
            task=r.task,
            progress_id=r.progress_id,
            content_words=_joined(r.task.content),
            text_words=_joined(r.text),
        )
        for r in rows
    ]
    # One INSERT per row on SQLite keeps the FTS triggers simple; 106 rows is cheap.
    SearchEntry.objects.bulk_create(entries, batch_size=200)
    return len(entries)


def reindex_all() -> tuple[int, int]:
    """Rebuild every published report's entries: (reports, entries)."""

    reports = entries = 0
    for publication in Publication.objects.current():
        entries += index_publication(publication)
        reports += 1
    return reports, entries


def index_published(sender, publication, **kwargs) -> None:
    """Receiver of luoshi.disclosure.signals.published: a new report is searchable at once."""
    index_publication(publication)
