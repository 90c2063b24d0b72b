"""Ranked full-text search over the published reports, on SQLite (FTS5 + bm25) and
PostgreSQL (tsvector + ts_rank) alike, with hit words highlighted safely."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luoshi.disclosure.models import PublishedProgress
from luoshi.search import segment

# PostgreSQL: the stored, GIN-indexed tsvector column of migration 0002 and its index.
POSTGRES_VECTOR_COLUMN = "search_vector"
POSTGRES_INDEX = "search_entry_vector_gin"
# PostgreSQL ranks at most RANK_CANDIDATES matches, the newest ones (highest entry ids,
# i.e. the latest stored reports), instead of reading and ranking every match of a common
# word (60,000+ of 1M rows). The newest matches are looked for first among the newest
# NEWEST_WINDOW entries, read in id order (a common word fills the candidates after a few
# thousand rows); only when that window holds fewer does the GIN index find them all (the
# word is then rare, so there are few to read).
RANK_CANDIDATES = 2000
NEWEST_WINDOW = 100_000


@dataclass
class Hit:
    entry_id: int
    rank: float
    row: object = None  # the published row (disclosure.PublishedProgress)
    content_html: SafeString = field(default_factory=lambda: mark_safe(""))
    text_html: SafeString = field(default_factory=lambda: mark_safe(""))

    entry: object = None

    @property
    def task(self):
        return self.row.task

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
            tsquery = _tsquery(terms)
            candidates = max(RANK_CANDIDATES, limit)
            ranked, found = [], 0
            if publication_id is None:
                # The newest NEWEST_WINDOW entries by the primary key (the LIMIT keeps the
                # planner from turning this into a GIN scan of every match).
                ranked, found = _postgres_rank(
                    cursor,
                    "SELECT w.id, w.vector FROM ("
                    f"SELECT e.id, e.{POSTGRES_VECTOR_COLUMN} AS vector FROM search_entry e "
                    "ORDER BY e.id DESC LIMIT %s) w WHERE w.vector @@ CAST(%s AS tsquery) "
                    "LIMIT %s",
                    [NEWEST_WINDOW, tsquery, candidates],
                    tsquery,
                    limit,
                )
            if publication_id is not None or found < candidates:
                ranked, found = _postgres_rank(
                    cursor,
                    f"SELECT e.id, e.{POSTGRES_VECTOR_COLUMN} AS vector FROM search_entry e "
                    f"WHERE e.{POSTGRES_VECTOR_COLUMN} @@ CAST(%s AS tsquery) {scope} "
                    "ORDER BY e.id DESC LIMIT %s",
                    [tsquery, *scope_params, candidates],
                    tsquery,
                    limit,
                )
            return ranked
        cursor.execute(sql, params)
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _postgres_rank(cursor, candidates_sql, params, tsquery, limit):
    """([(id, rank)] of the best `limit` of the candidates, how many candidates there were),
    ranked by ts_rank over the stored vector (nothing is recomputed)."""
    cursor.execute(
        "SELECT c.id, -ts_rank(c.vector, CAST(%s AS tsquery)) AS rank, count(*) OVER () "
        f"FROM ({candidates_sql}) c ORDER BY rank, c.id LIMIT %s",
        [tsquery, *params, limit],
    )
    rows = cursor.fetchall()
    return [(row[0], float(row[1])) for row in rows], (rows[0][2] if rows else 0)


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
        for e in SearchEntry.objects.filter(pk__in=[i for i, _ in ranked]).select_related(
            "publication__period__plan__government"
        )
    }
    # What a hit shows is the row as its report published it (the entries were made from
    # those rows), never the working row a correction in progress may have changed.
    published = {
        (r.publication_id, r.task_id): r
        for r in PublishedProgress.objects.filter(
            publication_id__in={e.publication_id for e in entries.values()},
            task_id__in={e.task_id for e in entries.values()},
        )
        .select_related("task__section")
        .prefetch_related("task__task_units__unit")
    }
    marks = segment.highlight_words(query)
    hits = []
    for entry_id, rank in ranked:
        entry = entries.get(entry_id)
        row = entry and published.get((entry.publication_id, entry.task_id))
        if row is None:
            continue
        hit = Hit(entry_id=entry_id, rank=rank, row=row, entry=entry)
        hit.content_html = highlight(row.task.content, marks)
        hit.text_html = highlight(row.text, marks, width=160)
        hits.append(hit)
    return hits
