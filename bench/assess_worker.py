"""One timed run of the assessment engine of one source tree, in its own process.

    python bench/assess_worker.py TREE TASKS.jsonl [SAMPLE.jsonl]

TREE goes first on sys.path, so `luoshi.textparse` is imported from it (a baseline checkout
or this tree) and not from the installed package. The tasks go through `run_assess` once,
timed after the imports (wall clock, and the process's CPU time, steadier on a loaded
machine); the sample is assessed untimed for its classes. Prints one JSON object: tasks,
seconds, cpu_seconds, tasks_per_s, the engine's file and the sample's {id: status}.

This file runs from the current tree against any tree, so it only uses the interface every
revision has had: `luoshi.textparse.cli.run_assess(infile, outfile, errfile)`."""

import io
import json
import sys
import time


def main(tree: str, tasks_path: str, sample_path: str | None = None) -> dict:
    sys.path.insert(0, tree)
    from luoshi.textparse import cli

    if not cli.__file__.startswith(tree):
        raise SystemExit(f"luoshi.textparse came from {cli.__file__}, not from {tree}")
    with open(tasks_path, encoding="utf-8") as fh:
        data = fh.read()
    n = sum(1 for line in data.splitlines() if line.strip())
    out = io.StringIO()
    t0, c0 = time.perf_counter(), time.process_time()
    cli.run_assess(io.StringIO(data), out, io.StringIO())
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    if len(out.getvalue().splitlines()) != n:
        raise SystemExit("run_assess did not give one output line per task")
    statuses = {}
    if sample_path:
        with open(sample_path, encoding="utf-8") as fh:
            sample_out = io.StringIO()
            cli.run_assess(fh, sample_out, io.StringIO())
        for line in sample_out.getvalue().splitlines():
            row = json.loads(line)
            statuses[row["id"]] = row["status"]
    return {"tasks": n, "seconds": seconds, "cpu_seconds": cpu_seconds,
            "tasks_per_s": n / seconds if seconds else 0.0,
            "engine": cli.__file__, "statuses": statuses}  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4]), ensure_ascii=False))
