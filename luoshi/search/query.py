"""Ranked full-text search over the published reports, on SQLite (FTS5 + bm25) and
PostgreSQL (tsvector + ts_rank) alike, with hit words highlighted safely."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luoshi.search import segment

# PostgreSQL: the stored, GIN-indexed tsvector column of migration 0002 and its index.
POSTGRES_VECTOR_COLUMN = "search_vector"
POSTGRES_INDEX = "search_entry_vector_gin"
# PostgreSQL ranks at most this many matches, the newest ones (highest entry ids, i.e. the
# latest stored reports); a word common enough to match more is ranked among its newest
# matches instead of reading and ranking every one of 60,000+ rows.
RANK_CANDIDATES = 2000


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


def _fts5_query(terms: list[segment.Term]) -> str:
    # Tokens are \w+ only (segment keeps nothing else), so quoting cannot break out.
    def match(term):
        return f'"{term.tokens[0]}"*' if term.prefix else '"' + " ".join(term.tokens) + '"'

    return " AND ".join(match(t) for t in terms)


def _tsquery(terms: list[segment.Term]) -> str:
    def match(term):
        if term.prefix:
            return f"'{term.tokens[0]}':*"
        return "(" + " <-> ".join(f"'{t}'" for t in term.tokens) + ")"

    return " & ".join(match(t) for t in terms)


def _ranked_ids(terms, publication_id=None, limit=200) -> list[tuple[int, float]]:
    scope = "AND e.publication_id = %s" if publication_id is not None else ""
    scope_params = [publication_id] if publication_id is not None else []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            sql = (
                "SELECT e.id, bm25(search_entry_fts, 2.0, 1.0) AS rank "
                "FROM search_entry_fts JOIN search_entry e ON e.id = search_entry_fts.rowid "
                f"WHERE search_entry_fts MATCH %s {scope} ORDER BY rank, e.id LIMIT %s"
            )
            params = [_fts5_query(terms), *scope_params, limit]
        else:
            # The matches come from the GIN index; only the newest RANK_CANDIDATES of them
            # are ranked, with ts_rank over the stored vector (nothing is recomputed).
            vector = f"e.{POSTGRES_VECTOR_COLUMN}"
            sql = (
                f"SELECT c.id, -ts_rank(c.vector, CAST(%s AS tsquery)) AS rank FROM ("
                f"SELECT e.id, {vector} AS vector FROM search_entry e "
                f"WHERE {vector} @@ CAST(%s AS tsquery) {scope} "
                "ORDER BY e.id DESC LIMIT %s) c "
                "ORDER BY rank, c.id LIMIT %s"
            )
            tsquery = _tsquery(terms)
            candidates = max(RANK_CANDIDATES, limit)
            params = [tsquery, tsquery, *scope_params, candidates, limit]
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
