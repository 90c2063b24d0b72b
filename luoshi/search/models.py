"""The search index: one entry per task row of a published report, holding the index
tokens (luoshi.search.segment: Han bigrams, other words whole) of the task's content and
of its progress text.

On SQLite an FTS5 table (search_entry_fts, kept in step by triggers) indexes the tokens
(migration 0001); on PostgreSQL a stored generated tsvector column, search_vector, with a
GIN index (migration 0002; not a model field: only raw SQL in query.py reads it)."""

from django.db import models

from luoshi.disclosure.models import Publication
from luoshi.plans.models import Task
from luoshi.progress.models import Progress


class SearchEntry(models.Model):
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="search_entries"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="search_entries")
    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="search_entries")
    content_words = models.TextField(blank=True)
    text_words = models.TextField(blank=True)

    class Meta:
        db_table = "search_entry"
        verbose_name = verbose_name_plural = "检索条目"
        constraints = [
            models.UniqueConstraint(fields=["publication", "progress"], name="search_entry_unique")
        ]

    def __str__(self):
        return f"{self.publication_id} · {self.task_id}"
