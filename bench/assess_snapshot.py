"""Every output of the assessment engine over a fixed set of tasks, to show that a change
made for speed changes nothing the engine says.

    python bench/assess_snapshot.py OUT.json               # write this tree's outputs
    python bench/assess_snapshot.py --check OUT.json       # compare this tree against them
    python bench/assess_snapshot.py --labelled OUT.json    # only the labelled cases

The tasks: every case of the gold file and the held-out files (tests/data/gold/examples.json
is the gold file byte for byte), and 3,000 synthetic tasks of each of the benchmark's two
seeds. For each task the whole result of assess() (targets, figures, class, evidence), and
for each labelled file `luoshi eval --json` (the misses and the rule that decided each),
which reads the engine's trace. tests/textparse/outputs.json is the labelled part, kept for
tests/textparse/test_outputs.py; a change of a rule rewrites it with --labelled."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_assess import LABELLED, make_tasks  # noqa: E402
from luoshi.textparse.assess import assess  # noqa: E402
from luoshi.textparse.cli import run_eval  # noqa: E402

SYNTHETIC = 3000


def name_of(path: Path) -> str:
    """The file's path from the project root."""
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    return "../" + str(path.relative_to(ROOT.parent))


def snapshot(synthetic: int = SYNTHETIC) -> dict[str, Any]:
    """{"assess": {file or synthetic seed: [result, ...]}, "eval": {file: evaluation}}."""
    results: dict[str, list[dict[str, Any]]] = {}
    evals: dict[str, Any] = {}
    for path in LABELLED:
        if not path.exists():
            continue
        results[name_of(path)] = [assess(c) for c in json.loads(path.read_text("utf-8"))]
        out = io.StringIO()
        run_eval(str(path), out, misses=True, as_json=True)
        evals[name_of(path)] = json.loads(out.getvalue())
    for seed in (7, 11) if synthetic else ():
        tasks = [json.loads(line) for line in make_tasks(synthetic, seed=seed)]
        results[f"synthetic-{seed}"] = [assess(t) for t in tasks]
    # Through JSON, so tuples and lists compare as the stored file will.
    return json.loads(json.dumps({"assess": results, "eval": evals}, ensure_ascii=False))


def differences(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """One line per task (or evaluation) whose output is not the stored one."""
    out = []
    for name, rows in want["assess"].items():
        now = got["assess"].get(name, [])
        if len(rows) != len(now):
            out.append(f"{name}: {len(rows)} results stored, {len(now)} now")
        out += [f"{name}[{i}] {a.get('id')}: was {a}\n  now {b}"
                for i, (a, b) in enumerate(zip(rows, now, strict=False)) if a != b]  # fmt: skip
    out += [f"luoshi eval {name} differs" for name, ev in want["eval"].items()
            if got["eval"].get(name) != ev]  # fmt: skip
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the stored outputs (written, or compared)")
    parser.add_argument("--check", action="store_true", help="compare this tree against PATH")
    parser.add_argument("--labelled", action="store_true", help="only the labelled cases")
    args = parser.parse_args(argv)
    path = args.path
    snap = snapshot(0 if args.labelled else SYNTHETIC)
    n = sum(len(v) for v in snap["assess"].values())
    if not args.check:
        path.write_text(json.dumps(snap, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {path}: the outputs of {n} tasks")
        return 0
    diffs = differences(json.loads(path.read_text(encoding="utf-8")), snap)
    if diffs:
        print("\n".join(diffs[:5]))
    print(f"{n} tasks: {f'{len(diffs)} differ' if diffs else 'identical'}")
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
