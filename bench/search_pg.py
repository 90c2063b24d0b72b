"""Search over 1,000,000 published task rows on PostgreSQL: p50/p99 of luoshi's search().

Run inside a throwaway cluster (bench_scale does: scripts/with-postgres python -m
bench.search_pg). 2,500 counties x 100 tasks x 4 quarters are bulk-loaded in SQL from a
pool of synthetic texts tokenised by the same code the index uses (the stored tsvector
column is generated on insert); the GIN index is built after the load, as a restore would, and the table VACUUMed. Prints one JSON line.

    [BENCH_BASELINE=<commit>] [LUOSHI_PG_DURABLE=1] scripts/with-postgres \
        .venv/bin/python -m bench.search_pg

With BENCH_BASELINE the loaded rows are also searched by that revision (a temporary
worktree), so both figures come from the same data in the same run. To time again without
reloading, keep the cluster (LUOSHI_PG_KEEP=<dir> for scripts/with-postgres) and set
BENCH_REUSE=1: rows already loaded are searched as they are (no load, no index build)."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

GOVERNMENTS = int(os.environ.get("BENCH_GOVERNMENTS", "2500"))
TASKS = 100
QUARTERS = 4
POOL = 5000
QUERIES = [
    "养老", "养老床位", "电梯", "加装电梯", "停车泊位", "垃圾分类", "就业", "外资",
    "高标准农田", "城市书房", "一网通办", "学位", "家庭医生", "美丽河湖", "断头路",
    "老旧小区改造", "安全生产", "高新技术企业", "固定资产投资", "居家养老服务中心",
]  # fmt: skip
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "10"))


def _fill(cursor, table: str, given: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions for an INSERT … SELECT into `table`: `given`,
    plus a neutral value for every other NOT NULL column without a default."""
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL",
        [table],
    )
    neutral = {"text": "''", "character varying": "''", "boolean": "false", "jsonb": "'[]'",
               "integer": "0", "smallint": "0", "bigint": "0",
               "timestamp with time zone": "now()", "date": "current_date"}  # fmt: skip
    columns = dict(given)
    for name, data_type in cursor.fetchall():
        columns.setdefault(name, neutral[data_type])
    return ", ".join(columns), ", ".join(columns.values())


def load(cursor) -> int:
    from bench.synth import SECTIONS, text_pool
    from luoshi.search.index import _joined

    t0 = time.perf_counter()
    pool = text_pool(POOL)
    cursor.execute(
        "CREATE TEMP TABLE pool (i int PRIMARY KEY, content text, progress text, "
        "content_words text, text_words text)"
    )
    with cursor.copy("COPY pool FROM STDIN") as copy:
        for i, (content, progress) in enumerate(pool):
            copy.write_row((i, content, progress, _joined(content), _joined(progress)))
    segmenting = time.perf_counter() - t0
    g = f"generate_series(1, {GOVERNMENTS}) g"
    steps = [
        ("plans_government", {"id": "g", "name": "'第' || lpad(g::text, 4, '0') || '县'",
                              "org_code": "'SYN' || g", "index_no_pattern": "'{code}/{year}-{serial:05d}'"},
         g),
        ("plans_plan", {"id": "g", "government_id": "g", "year": "2021"}, g),
        ("plans_section", {"id": f"(g - 1) * {len(SECTIONS)} + s", "plan_id": "g",
                           "title": "(ARRAY[" + ",".join(f"'{s}'" for s in SECTIONS) + "])[s]",
                           "position": "s"},
         f"{g} CROSS JOIN generate_series(1, {len(SECTIONS)}) s"),
        ("plans_task", {"id": f"(g - 1) * {TASKS} + t", "plan_id": "g",
                        "section_id": f"(g - 1) * {len(SECTIONS)} + 1 + (t - 1) * {len(SECTIONS)} / {TASKS}",
                        "seq": "t", "content": "p.content", "milestones": "'{}'"},
         f"{g} CROSS JOIN generate_series(1, {TASKS}) t JOIN pool p ON p.i = ((g * 7919 + t * 104729) % {POOL})"),
        ("progress_period", {"id": f"(g - 1) * {QUARTERS} + q", "plan_id": "g", "year": "2021",
                             "quarter": "q", "start_month": "1", "end_month": "3 * q",
                             "label": "'2021年第' || q || '季度'", "status": "'published'"},
         f"{g} CROSS JOIN generate_series(1, {QUARTERS}) q"),
        ("disclosure_publication", {"id": f"(g - 1) * {QUARTERS} + q", "period_id": f"(g - 1) * {QUARTERS} + q",
                                    "title": "'第' || lpad(g::text, 4, '0') || '县2021年第' || q || '季度任务完成情况'",
                                    "index_no": "'SYN' || g || '/2021-' || q", "version": "1", "clicks": "0"},
         f"{g} CROSS JOIN generate_series(1, {QUARTERS}) q"),
        ("progress_progress", {"id": f"((g - 1) * {TASKS} + t - 1) * {QUARTERS} + q",
                               "task_id": f"(g - 1) * {TASKS} + t", "period_id": f"(g - 1) * {QUARTERS} + q",
                               "text": "p.progress", "state": "'approved'", "status": "'ongoing'",
                               "engine_status": "'ongoing'"},
         f"{g} CROSS JOIN generate_series(1, {TASKS}) t CROSS JOIN generate_series(1, {QUARTERS}) q "
         f"JOIN pool p ON p.i = ((g * 7919 + t * 104729 + q) % {POOL})"),
        # Each report's frozen copy of its rows: what a search hit shows.
        ("disclosure_publishedprogress", {"id": f"((g - 1) * {TASKS} + t - 1) * {QUARTERS} + q",
                                          "publication_id": f"(g - 1) * {QUARTERS} + q",
                                          "progress_id": f"((g - 1) * {TASKS} + t - 1) * {QUARTERS} + q",
                                          "task_id": f"(g - 1) * {TASKS} + t",
                                          "text": "p.progress", "status": "'ongoing'",
                                          "engine_status": "'ongoing'"},
         f"{g} CROSS JOIN generate_series(1, {TASKS}) t CROSS JOIN generate_series(1, {QUARTERS}) q "
         f"JOIN pool p ON p.i = ((g * 7919 + t * 104729 + q) % {POOL})"),
        # Entry ids as luoshi gives them: index_publication creates one report's entries
        # together, and the reports come quarter after quarter, so the newest ids are the
        # latest quarter's reports, each report's rows consecutive (and, inserted in id
        # order, on consecutive pages, as rows appended by bulk_create are).
        ("search_entry", {"id": f"((q - 1) * {GOVERNMENTS} + g - 1) * {TASKS} + t",
                          "publication_id": f"(g - 1) * {QUARTERS} + q",
                          "task_id": f"(g - 1) * {TASKS} + t",
                          "progress_id": f"((g - 1) * {TASKS} + t - 1) * {QUARTERS} + q",
                          "content_words": "c.content_words", "text_words": "p.text_words"},
         f"{g} CROSS JOIN generate_series(1, {TASKS}) t CROSS JOIN generate_series(1, {QUARTERS}) q "
         f"JOIN pool c ON c.i = ((g * 7919 + t * 104729) % {POOL}) "
         f"JOIN pool p ON p.i = ((g * 7919 + t * 104729 + q) % {POOL})"),
    ]  # fmt: skip
    from luoshi.search.query import POSTGRES_INDEX

    cursor.execute(f"DROP INDEX IF EXISTS {POSTGRES_INDEX}")
    for table, given, source in steps:
        columns, values = _fill(cursor, table, given)
        order = " ORDER BY 1" if table == "search_entry" else ""  # 1: the id
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {values} FROM {source}{order}")
    return segmenting, time.perf_counter() - t0


def build_index(cursor) -> int:
    from luoshi.search.query import POSTGRES_INDEX, POSTGRES_VECTOR_COLUMN

    cursor.execute(
        f"CREATE INDEX {POSTGRES_INDEX} ON search_entry USING gin ({POSTGRES_VECTOR_COLUMN})"
    )
    cursor.execute("ANALYZE")
    # What docs/operations.md tells operators to run after a bulk load: the pages marked
    # all-visible, as a live table's are once autovacuum has been by.
    cursor.execute("VACUUM (ANALYZE) search_entry")
    cursor.execute("SELECT count(*) FROM search_entry")
    return cursor.fetchone()[0]


def timing() -> dict:
    """p50/p99 of search() over the loaded rows (the luoshi first on sys.path)."""
    import gc

    from luoshi.search.query import search

    try:  # as a worker does once loaded (luoshi/wsgi.py); a revision without it does not
        from luoshi.startup import freeze_loaded_objects
    except ImportError:
        gc.collect()  # the load's garbage is not the searches'
    else:
        freeze_loaded_objects()
    latencies, hits = [], {}
    for q in QUERIES:  # warm: the first query of a word pulls its index pages in
        search(q)
    for _ in range(ROUNDS):
        for q in QUERIES:
            t0 = time.perf_counter()
            found = search(q)
            latencies.append(time.perf_counter() - t0)
            hits[q] = len(found)
    empty = [q for q, n in hits.items() if not n]
    if empty:  # timing searches that find nothing would flatter the figures
        sys.exit(f"bench.search_pg: no hits for {empty}")
    return {**summary([t * 1000 for t in latencies]), "hits": hits}


def summary(latencies_ms: list[float]) -> dict:
    """How many searches, their p50, p99 and max in ms (bench.search_gc reports the same)."""
    lat = sorted(latencies_ms)
    return {
        "queries": len(lat),
        "p50_ms": round(statistics.median(lat), 1),
        "p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1),
        "max_ms": round(lat[-1], 1),
    }


def _timed_by(tree: str) -> dict:
    """timing() in a process of its own, with `tree`'s luoshi (a baseline worktree)."""
    import subprocess

    here = Path(__file__).resolve()
    proc = subprocess.run(
        [sys.executable, str(here), "--time", tree], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"search timing with {tree} failed:\n{proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _setup(tree: str | None = None) -> None:
    if tree:
        sys.path.insert(0, tree)
    sys.path.insert(1 if tree else 0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "bench.search_pg needs DATABASE_URL=postgres://… (run it under scripts/with-postgres)"
        )
    import django

    django.setup()
    import luoshi

    if tree and not luoshi.__file__.startswith(tree):
        sys.exit(f"luoshi came from {luoshi.__file__}, not from {tree}")


def main() -> None:
    """Load, index, time. With BENCH_BASELINE=<commit>, the same loaded rows are searched
    by that revision's search() too (each side in a process of its own, the baseline
    first), and the JSON line holds both: {"baseline": {...}, "baseline_rev": …}."""
    _setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_entry")
        rows = cursor.fetchone()[0]
    if rows and os.environ.get("BENCH_REUSE") == "1":
        result = {"rows": rows, "reused": True}
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            segmenting, loading = load(cursor)
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            rows = build_index(cursor)
        indexing = time.perf_counter() - t0
        result = {"rows": rows, "load_s": round(loading, 1), "index_s": round(indexing, 1)}
    baseline = os.environ.get("BENCH_BASELINE")
    if baseline:
        from bench.bench_assess import baseline_tree

        connection.close()
        with baseline_tree(baseline) as (tree, short, _subject):
            result["baseline"] = _timed_by(str(tree))
            result["baseline_rev"] = short
        result.update(_timed_by(str(Path(__file__).resolve().parent.parent)))
    else:
        result.update(timing())
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--time"]:
        _setup(sys.argv[2])
        print(json.dumps(timing(), ensure_ascii=False))
    else:
        main()
