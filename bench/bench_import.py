"""Import throughput: synthetic county reports stored as `luoshi import` stores them, each
in its own transaction (a commit each), first a quarter that creates the plans, then the
next quarter restating every task. Prints tasks per second and queries per task.

    [BENCH_BASELINE=<commit>] .venv/bin/python bench/bench_import.py [COUNTIES]

On SQLite a scratch database (LUOSHI_BENCH_DATABASE_URL names another); under
`scripts/with-postgres` (LUOSHI_PG_DURABLE=1 for production durability) the cluster's
database, emptied first. With BENCH_BASELINE the same reports also go through the importer
of that revision (a temporary worktree), alternating who goes first; prints both and the
ratio. Each run is a process of its own; the reports come from this tree's bench.synth."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TASKS = 100


def worker(tree: str, counties: int) -> dict:
    """One timed run of `tree`'s importer (its luoshi first on sys.path)."""
    sys.path.insert(0, tree)
    sys.path.insert(1, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    import luoshi
    from bench.synth import county_report

    try:
        from luoshi.imports.importer import store_report
    except ImportError:  # a baseline from before the importer had its own app
        from luoshi.plans.importer import store_report

    if not luoshi.__file__.startswith(tree):
        raise SystemExit(f"luoshi came from {luoshi.__file__}, not from {tree}")
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    phases = {}
    for label, quarter in (("new plans", 3), ("restated", 4)):
        reports = [county_report(c, quarter, tasks=TASKS) for c in range(counties)]
        queries = 0
        t0 = time.perf_counter()
        with connection.execute_wrapper(count):
            for report in reports:
                store_report(report)
        seconds = time.perf_counter() - t0
        tasks = counties * TASKS
        phases[label] = {"tasks": tasks, "seconds": seconds, "queries": queries}
    tasks = sum(p["tasks"] for p in phases.values())
    seconds = sum(p["seconds"] for p in phases.values())
    queries = sum(p["queries"] for p in phases.values())
    call_command("flush", interactive=False, verbosity=0)
    return {"vendor": connection.vendor, "tasks": tasks, "seconds": seconds,
            "tasks_per_s": tasks / seconds, "queries_per_task": queries / tasks,
            "phases": phases}  # fmt: skip


def run_worker(tree: Path, counties: int, env: dict) -> dict:
    args = [sys.executable, str(HERE / "bench_import.py"), "--worker", str(tree), str(counties)]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"the import worker for {tree} failed:\n{proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def line(label: str, r: dict) -> str:
    phases = ", ".join(
        f"{name} {p['tasks'] / p['seconds']:,.0f}/s {p['queries'] / p['tasks']:.2f} q/task"
        for name, p in r["phases"].items()
    )
    return (f"  {label:<18} {r['tasks_per_s']:>7,.0f} tasks/s  {r['queries_per_task']:5.2f} "
            f"queries/task  ({r['tasks']:,} tasks in {r['seconds']:.1f} s; {phases})")  # fmt: skip


def main(counties: int | None = None) -> None:
    """Also called by `python -m bench` (its own argv is not ours: COUNTIES from the
    environment, BENCH_COUNTIES)."""
    from bench.bench_assess import baseline_tree
    from bench.common import scratch_env

    counties = counties or int(os.environ.get("BENCH_COUNTIES", 20))
    rounds = int(os.environ.get("BENCH_ROUNDS", 1))
    baseline = os.environ.get("BENCH_BASELINE") or None
    with scratch_env() as env:
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        vendor = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
        print(f"import: {counties} synthetic counties x {TASKS} tasks x 2 quarters on {vendor}, "
              f"one transaction per report, best of {rounds}")  # fmt: skip
        if not baseline:
            best = max((run_worker(ROOT, counties, env) for _ in range(rounds)),
                       key=lambda r: r["tasks_per_s"])  # fmt: skip
            print(line("this tree", best))
            return
        with baseline_tree(baseline) as (tree, short, subject):
            base, cur = [], []
            for r in range(rounds):
                order = [(tree, base), (ROOT, cur)]
                for t, acc in order if r % 2 == 0 else order[::-1]:
                    acc.append(run_worker(t, counties, env))
            b = max(base, key=lambda r: r["tasks_per_s"])
            c = max(cur, key=lambda r: r["tasks_per_s"])
            print(line(f"baseline {short}", b))
            print(line("this tree", c))
            print(f"  ratio this tree / baseline: {c['tasks_per_s'] / b['tasks_per_s']:.2f}x tasks/s, "
                  f"{b['queries_per_task'] / c['queries_per_task']:.1f}x fewer queries")  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        print(json.dumps(worker(sys.argv[2], int(sys.argv[3]))))
    else:
        sys.path.insert(0, str(ROOT))
        main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
