"""Ranked full-text search over the published reports, on SQLite (FTS5 + bm25) and
PostgreSQL (tsvector + ts_rank) alike, with hit words highlighted safely."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString

from luoshi.disclosure.models import Publication, PublishedProgress
from luoshi.plans.models import Section, Task, TaskUnit, Unit
from luoshi.search import segment
from luoshi.textparse import CLASS_LABELS

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


class HitSection:
    __slots__ = ("number", "title")

    def __init__(self, number: str, title: str):
        self.number, self.title = number, title

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"  # as plans.Section.heading


class HitTask:
    """What a hit shows of its task (read with the hit, not as a plans.Task). Equal to
    the Task of the same id, so callers may look for their task among the hits."""

    __slots__ = ("pk", "seq", "content", "section", "lead_unit_names")

    def __init__(self, pk, seq, content, section, lead_unit_names):
        self.pk, self.seq, self.content = pk, seq, content
        self.section, self.lead_unit_names = section, lead_unit_names

    @property
    def id(self):
        return self.pk

    def __eq__(self, other):
        if isinstance(other, (HitTask, Task)):
            return self.pk == other.pk
        return NotImplemented

    def __hash__(self):
        return hash(self.pk)


class HitRow:
    """The published row a hit shows (disclosure.PublishedProgress's id, text, class)."""

    __slots__ = ("pk", "text", "status")

    def __init__(self, pk, text, status):
        self.pk, self.text, self.status = pk, text, status

    @property
    def id(self):
        return self.pk

    @property
    def status_label(self) -> str:
        return CLASS_LABELS.get(self.status, "")


class HitPublication:
    __slots__ = ("pk", "title")

    def __init__(self, pk, title):
        self.pk, self.title = pk, title

    @property
    def id(self):
        return self.pk


@dataclass
class Hit:
    """One search hit: plain values read by one query (a search of common words shows
    hundreds of hits; building ORM objects for them cost most of a search's time)."""

    entry_id: int
    rank: float
    row: HitRow
    task: HitTask
    publication: HitPublication
    content_html: SafeString = field(default_factory=SafeString)
    text_html: SafeString = field(default_factory=SafeString)


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
    """[(entry id, rank)], best first. search() uses it on SQLite; on PostgreSQL search()
    ranks inside _postgres_hits, and this two-step form is the reference the tests hold
    that statement's order to."""
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
        return SafeString()
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for word in words:  # longest first: a long word wins over its parts
        start = lowered.find(word)
        while start != -1:
            end = start + len(word)
            for s, e in spans:
                if s < end and start < e:
                    break
            else:
                spans.append((start, end))
            start = lowered.find(word, end)
    spans.sort()
    lo, hi = 0, len(text)
    if width and len(text) > width:
        first = spans[0][0] if spans else 0
        lo = max(0, first - width // 3)
        hi = min(len(text), lo + width)
    # html.escape is what django.utils.html.escape returns, without its lazy-string
    # wrapper (a search highlights 400 texts; the wrapper was most of this function's time).
    out = ["…" if lo > 0 else ""]
    pos = lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:hi]))
    if hi < len(text):
        out.append("…")
    return SafeString("".join(out))


_HIT_COLUMNS = "r.id, r.text, r.status, t.id, t.seq, t.content, s.number, s.title, p.id, p.title"
_HIT_JOINS = (
    f"JOIN {PublishedProgress._meta.db_table} r "
    "ON r.publication_id = e.publication_id AND r.task_id = e.task_id "
    f"JOIN {Task._meta.db_table} t ON t.id = e.task_id "
    f"JOIN {Section._meta.db_table} s ON s.id = t.section_id "
    f"JOIN {Publication._meta.db_table} p ON p.id = e.publication_id "
)


def _hits_sql() -> str:
    """The shown hits, with their task's lead units (one row per lead unit, in order), in
    one query; `{ids}` is filled with the ranking query's ids, as integers."""
    return (
        f"SELECT e.id, {_HIT_COLUMNS}, u.name FROM search_entry e {_HIT_JOINS}"
        f"LEFT JOIN {TaskUnit._meta.db_table} tu ON tu.task_id = t.id AND tu.role = '{TaskUnit.LEAD}' "
        f"LEFT JOIN {Unit._meta.db_table} u ON u.id = tu.unit_id "
        "WHERE e.id IN ({ids}) ORDER BY e.id, tu.position"
    )


def _hit(entry_id, rank, row_id, text, status, task_id, seq, content, number, title,
         pub_id, pub_title, units) -> Hit:  # fmt: skip
    return Hit(
        entry_id=entry_id,
        rank=rank,
        row=HitRow(row_id, text, status),
        task=HitTask(task_id, seq, content, HitSection(number, title), units),
        publication=HitPublication(pub_id, pub_title),
    )


def _hits(ranked: list[tuple[int, float]]) -> dict[int, Hit]:
    if not ranked:
        return {}
    ids = ", ".join(str(int(i)) for i, _ in ranked)
    rank = dict(ranked)
    hits: dict[int, Hit] = {}
    with connection.cursor() as cursor:
        cursor.execute(_hits_sql().format(ids=ids))
        for entry_id, *shown, unit in cursor.fetchall():
            hit = hits.get(entry_id)
            if hit is None:
                hit = hits[entry_id] = _hit(entry_id, rank[entry_id], *shown, [])
            if unit is not None:
                hit.task.lead_unit_names.append(unit)
    return hits


def _postgres_hits(terms, publication_id, limit) -> list[Hit]:
    """PostgreSQL: rank and read the shown hits in one statement (one round trip, one
    plan), best first. The candidates are those of _ranked_ids (the newest
    RANK_CANDIDATES matches: from the newest NEWEST_WINDOW entries, or through the GIN
    index when the window holds fewer), carried with their entry's report and task so the
    entries are not read twice; the lead units come as one array per hit."""
    tsquery = _tsquery(terms)
    candidates = max(RANK_CANDIDATES, limit)
    vector = f"e.{POSTGRES_VECTOR_COLUMN}"
    chosen = f"SELECT e.id, e.publication_id, e.task_id, {vector} AS vector FROM search_entry e "
    if publication_id is not None:
        pick = (
            f"candidates AS ({chosen}WHERE {vector} @@ CAST(%s AS tsquery) "
            "AND e.publication_id = %s ORDER BY e.id DESC LIMIT %s)"
        )
        params = [tsquery, publication_id, candidates]
    else:
        # Both branches are gated by a one-time filter on the window's count: only one
        # runs (the GIN scan of a common word is never started).
        pick = (
            "newest AS (SELECT w.* FROM ("
            f"{chosen}ORDER BY e.id DESC LIMIT %s) w "
            "WHERE w.vector @@ CAST(%s AS tsquery) LIMIT %s), "
            "candidates AS ("
            "SELECT * FROM newest WHERE (SELECT count(*) FROM newest) >= %s UNION ALL ("
            f"{chosen}WHERE {vector} @@ CAST(%s AS tsquery) "
            "AND (SELECT count(*) FROM newest) < %s ORDER BY e.id DESC LIMIT %s))"
        )
        params = [NEWEST_WINDOW, tsquery, candidates, candidates, tsquery, candidates,
                  candidates]  # fmt: skip
    sql = (
        f"WITH {pick}, ranked AS ("
        "SELECT c.id, c.publication_id, c.task_id, "
        "-ts_rank(c.vector, CAST(%s AS tsquery)) AS rank "
        "FROM candidates c ORDER BY rank, c.id LIMIT %s) "
        f"SELECT e.id, e.rank, {_HIT_COLUMNS}, ARRAY("
        f"SELECT u.name FROM {TaskUnit._meta.db_table} tu "
        f"JOIN {Unit._meta.db_table} u ON u.id = tu.unit_id "
        f"WHERE tu.task_id = t.id AND tu.role = '{TaskUnit.LEAD}' ORDER BY tu.position) "
        f"FROM ranked e {_HIT_JOINS}ORDER BY e.rank, e.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, tsquery, limit])
        return [_hit(entry_id, float(rank), *shown) for entry_id, rank, *shown in cursor]


def search(query: str, publication_id: int | None = None, limit: int = 200) -> list[Hit]:
    """Entries matching every word of `query`, best first. What a hit shows is the row as
    its report published it (the entries were made from those rows), never the working
    row a correction in progress may have changed."""
    terms = segment.query_terms(query or "")
    if not terms:
        return []
    if connection.vendor == "postgresql":
        hits = _postgres_hits(terms, publication_id, limit)
    else:
        ranked = _ranked_ids(terms, publication_id, limit)
        found = _hits(ranked)
        hits = [found[i] for i, _ in ranked if i in found]
    marks = segment.highlight_words(query)
    for hit in hits:
        hit.content_html = highlight(hit.task.content, marks)
        hit.text_html = highlight(hit.row.text, marks, width=160)
    return hits
