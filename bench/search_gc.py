"""Search latency with and without the worker's frozen start-up objects (luoshi/startup.py),
side by side: two worker processes over the same PostgreSQL rows, one frozen as
luoshi/wsgi.py freezes a worker, one not, taking turns at rounds of bench.search_pg's 20
words (so both see the same machine load). Prints the p50/p99 of each and its full
collections (how many, and their pauses).

    LUOSHI_PG_KEEP=<dir> scripts/with-postgres .venv/bin/python -m bench.search_gc

on a cluster bench.search_pg has loaded (BENCH_GC_ROUNDS rounds, default 30)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROUNDS = int(os.environ.get("BENCH_GC_ROUNDS", "30"))


def worker(frozen: bool) -> None:
    """One round of the 20 words per line read: their latencies and full-collection pauses."""
    import gc

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    import django

    django.setup()
    from bench.search_pg import QUERIES
    from luoshi.search.query import search
    from luoshi.startup import freeze_loaded_objects

    if frozen:
        freeze_loaded_objects()
    else:
        gc.collect()
    pauses: list[float] = []
    started = [0.0]

    def watch(phase, info):
        if info["generation"] == 2:
            if phase == "start":
                started[0] = time.perf_counter()
            else:
                pauses.append((time.perf_counter() - started[0]) * 1000)

    gc.callbacks.append(watch)
    for q in QUERIES:  # warm, as bench.search_pg does
        search(q)
    print("ready", flush=True)
    for _line in sys.stdin:
        latencies, seen = [], len(pauses)
        for q in QUERIES:
            t0 = time.perf_counter()
            search(q)
            latencies.append((time.perf_counter() - t0) * 1000)
        print(json.dumps({"latencies": latencies, "pauses": pauses[seen:]}), flush=True)


def main() -> None:
    from bench.search_pg import summary

    here = str(Path(__file__).resolve())
    sides = {
        name: subprocess.Popen(
            [sys.executable, here, "--worker", name], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True,
        )
        for name in ("not_frozen", "frozen")
    }  # fmt: skip
    for proc in sides.values():
        if proc.stdout.readline().strip() != "ready":
            sys.exit("bench.search_gc: a worker did not start")
    got: dict[str, dict[str, list[float]]] = {n: {"latencies": [], "pauses": []} for n in sides}
    for r in range(ROUNDS):
        for name in sides if r % 2 == 0 else reversed(list(sides)):
            proc = sides[name]
            proc.stdin.write("go\n")
            proc.stdin.flush()
            for key, values in json.loads(proc.stdout.readline()).items():
                got[name][key] += values
    result = {}
    for name, values in got.items():
        pauses = values["pauses"]
        result[name] = {
            **summary(values["latencies"]),
            "full_collections": len(pauses),
            "full_collection_ms": round(sum(pauses), 1),
            "largest_pause_ms": round(max(pauses, default=0.0), 1),
        }
    for proc in sides.values():
        proc.stdin.close()
        proc.wait()
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2] == "frozen")
    else:
        main()
