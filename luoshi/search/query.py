"""Ranked full-text search over the published reports, on SQLite (FTS5 + bm25) and
PostgreSQL (tsvector + ts_rank) alike, with hit words highlighted safely."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luoshi.search import segment

# Must stay the expression of the GIN index in migration 0001, so PostgreSQL uses it.
POSTGRES_VECTOR = (
    "setweight(array_to_tsvector(string_to_array(content_words, ' ')), 'A')"
    " || setweight(array_to_tsvector(string_to_array(text_words, ' ')), 'B')"
)


@dataclass
class Hit:
    entry_id: int
    rank: float
    progress: object = None
    content_html: SafeString = field(default_factory=lambda: mark_safe(""))
    text_html: SafeString = field(default_factory=lambda: mark_safe(""))

    entry: object = None

    @property
    def task(self):
        return self.progress.task

    @property
    def publication(self):
        return self.entry.publication


def _fts5_query(terms: list[list[str]]) -> str:
    # Words are \w+ only (segment.query_terms filters them), so quoting cannot break out.
    def alt(term):
        word, *parts = term
        if not parts:
            return f'"{word}"'
        return "(" + f'"{word}" OR (' + " AND ".join(f'"{p}"' for p in parts) + "))"

    return " AND ".join(alt(t) for t in terms)


def _tsquery(terms: list[list[str]]) -> str:
    def alt(term):
        word, *parts = term
        if not parts:
            return f"'{word}'"
        return f"('{word}' | (" + " & ".join(f"'{p}'" for p in parts) + "))"

    return " & ".join(alt(t) for t in terms)


def _ranked_ids(terms, publication_id=None, limit=200) -> list[tuple[int, float]]:
    scope = ""
    params: list = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if publication_id is not None:
                scope = "AND e.publication_id = %s"
            sql = (
                "SELECT e.id, bm25(search_entry_fts, 2.0, 1.0) AS rank "
                "FROM search_entry_fts JOIN search_entry e ON e.id = search_entry_fts.rowid "
                f"WHERE search_entry_fts MATCH %s {scope} ORDER BY rank, e.id LIMIT %s"
            )
            params = [_fts5_query(terms)]
        else:
            vector = POSTGRES_VECTOR
            if publication_id is not None:
                scope = "AND e.publication_id = %s"
            sql = (
                f"SELECT e.id, -ts_rank({vector}, q) AS rank "
                f"FROM search_entry e, CAST(%s AS tsquery) q WHERE ({vector}) @@ q {scope} "
                "ORDER BY rank, e.id LIMIT %s"
            )
            params = [_tsquery(terms)]
        if publication_id is not None:
            params.append(publication_id)
        params.append(limit)
        cursor.execute(sql, params)
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def highlight(text: str, words: list[str], width: int | None = None) -> SafeString:
    """`text` escaped, with each occurrence of `words` wrapped in <mark>. With `width`,
    only a window of about that many characters around the first hit."""
    if not text:
        return mark_safe("")
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for word in words:  # longest first: a long word wins over its parts
        start = lowered.find(word)
        while start != -1:
            end = start + len(word)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = lowered.find(word, end)
    spans.sort()
    lo, hi = 0, len(text)
    if width and len(text) > width:
        first = spans[0][0] if spans else 0
        lo = max(0, first - width // 3)
        hi = min(len(text), lo + width)
    out = ["…" if lo > 0 else ""]
    pos = lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        out.append(escape(text[pos:s]))
        out.append("<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    out.append(escape(text[pos:hi]))
    if hi < len(text):
        out.append("…")
    return mark_safe("".join(out))


def search(query: str, publication_id: int | None = None, limit: int = 200) -> list[Hit]:
    """Entries matching every word of `query`, best first."""
    from luoshi.search.models import SearchEntry

    terms = segment.query_terms(query or "")
    if not terms:
        return []
    ranked = _ranked_ids(terms, publication_id, limit)
    entries = {
        e.pk: e
        for e in SearchEntry.objects.filter(pk__in=[i for i, _ in ranked])
        .select_related("progress__task__section", "publication__period__plan__government")
        .prefetch_related("progress__task__task_units__unit")
    }
    marks = segment.highlight_words(query)
    hits = []
    for entry_id, rank in ranked:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        hit = Hit(entry_id=entry_id, rank=rank, progress=entry.progress, entry=entry)
        hit.content_html = highlight(entry.progress.task.content, marks)
        hit.text_html = highlight(entry.progress.text, marks, width=160)
        hits.append(hit)
    return hits
