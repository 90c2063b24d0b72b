"""Every output of the assessment engine over a fixed set of tasks, to show a change of the
engine's speed changes nothing it says.

    python bench/assess_snapshot.py OUT.json            # write the snapshot of this tree
    python bench/assess_snapshot.py --check OUT.json    # compare this tree against it

The tasks: every case of the gold file, the held-out files and tests/data/gold, and the
benchmark's synthetic tasks (both seeds). For each, the whole result of assess() (targets,
figures, class, evidence) and, for the labelled files, `luoshi eval --json` (the misses and
the rule that decided each), which reads the engine's trace."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_assess import LABELLED, make_tasks  # noqa: E402
from luoshi.textparse.assess import assess  # noqa: E402
from luoshi.textparse.cli import run_eval  # noqa: E402

FILES = [*LABELLED, ROOT / "tests" / "data" / "gold" / "examples.json"]


def labelled_tasks() -> dict[str, list[dict]]:
    out = {}
    for path in FILES:
        if path.exists():
            out[
                str(path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path)
            ] = json.loads(path.read_text(encoding="utf-8"))
    return out


def snapshot(synthetic: int = 3000) -> dict:
    results: dict[str, object] = {}
    for name, cases in labelled_tasks().items():
        results[name] = [assess(c) for c in cases]
    for seed in (7, 11):
        tasks = [json.loads(line) for line in make_tasks(synthetic, seed=seed)]
        results[f"synthetic-{seed}"] = [assess(t) for t in tasks]
    evals = {}
    for path in FILES:
        if path.exists():
            out = io.StringIO()
            run_eval(str(path), out, misses=True, as_json=True)
            evals[path.name + ":" + path.parent.name] = json.loads(out.getvalue())
    return {"assess": results, "eval": evals}


def main(argv: list[str]) -> int:
    check = argv[:1] == ["--check"]
    path = Path(argv[-1])
    snap = snapshot()
    if not check:
        path.write_text(json.dumps(snap, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"wrote {path}: {sum(len(v) for v in snap['assess'].values())} tasks")
        return 0
    want = json.loads(path.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(snap, ensure_ascii=False))
    bad = 0
    for name, rows in want["assess"].items():
        for i, (a, b) in enumerate(zip(rows, got["assess"].get(name, []), strict=False)):
            if a != b:
                bad += 1
                if bad <= 5:
                    print(f"{name}[{i}] differs:\n  was {a}\n  now {b}")
        if len(rows) != len(got["assess"].get(name, [])):
            bad += 1
            print(
                f"{name}: {len(rows)} results were stored, {len(got['assess'].get(name, []))} now"
            )
    if want["eval"] != got["eval"]:
        bad += 1
        print("luoshi eval --json differs")
    n = sum(len(v) for v in want["assess"].values())
    print(f"{n} tasks: {'identical' if not bad else f'{bad} differ'}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
