"""How fast `luoshi assess` runs: N synthetic tasks (default 10,000) through run_assess.

Tasks are synthetic but shaped like real ones: each picks a promise template (growth, count,
amount, share, qualitative) and a progress wording (met, short, pending, ongoing), with
random numbers and periods. Every task names its own 街道 (a name built from its index),
after the content and after the progress text, so no two tasks share a text: the figure is
for distinct texts, and a cache keyed on a whole text would not make it look better.

With BENCH_BASELINE=<commit> the same tasks also go through the engine of that revision,
checked out in a temporary `git worktree`, in the same run: each engine runs in its own
process with its tree first on sys.path (bench/assess_worker.py), the two interleaved for
BENCH_ROUNDS rounds (default 3); the best round of each is reported with their ratio, and
the least CPU time (time.process_time) of each with theirs, which load disturbs less, and
both engines assess a fixed sample (BENCH_SAMPLE synthetic tasks, default 1,000, plus every
labelled case in the gold and held-out files) to say how many classes differ.

Usage: [BENCH_BASELINE=<commit>] .venv/bin/python bench/bench_assess.py [N]"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().parent / "assess_worker.py"
LABELLED = [
    # The project's own copy of the gold file (tests/test_data_copies.py keeps it equal to
    # the shared one), so a clone alone benchmarks and snapshots the same cases.
    ROOT / "tests" / "data" / "gold" / "examples.json",
    *sorted((ROOT / "tests" / "textparse").glob("heldout*.json")),
]

CONTENTS = [
    "大力发展数字经济,实现规上工业增加值增长{a}%。",
    "地区生产总值增长{a}%左右,固定资产投资增长{b}%以上。",
    "全力推动回迁提速,完成{n}个安置房项目{m}万平方米主体结顶,开工配套设施项目{k}个、交付{j}个,回迁安置{p}户。",
    "出台就业创业政策,力争城镇新增就业{a}万人、失业人员再就业{p}人,培养高技能人才{k}人以上。",
    "实际利用外资{a}亿美元以上。",
    "85%以上依申请政务服务事项实现“一网通办”,掌上执法率达到{r}%以上。",
    "深化机关内部“最多跑一次”改革,优化营商环境“10+N”便利化改革举措。",
    "实现婴幼儿照护服务指导率、社区覆盖率和健康管理率“3个100%”,新增驿站{k}家。",
    "推进中共浙江省委机关旧址红色阵地建设,打造“24小时不打烊”美食体验潮玩地。",
    "创建省市级“美丽河湖”{n}条以上,新增绿地八十万平方米。",
]
PROGRESS = [
    "1-{mo}月,规上工业增加值增长{a}%。1-12月数据尚未出。",
    "已完成{n}个安置房项目{m}万平方米主体结顶,开工配套设施项目{k}个、交付{j}个,回迁安置{p}户。",
    "城镇新增就业{q}人,失业人员再就业{p}人,培养高技能人才{k}人。",
    "{mo}月政务服务事项一网通办率达到{r}%,掌上执法率{r}%。",
    "项目已建设完工,开馆。",
    "地铁恢复道路任务调整为14条,目前已完工2条道路,剩余12条道路因地铁交地推迟暂未完工。",
    "已完成19条省级美丽河道、11条市级美丽河道创建工作。新增绿地82.58万方。",
    "持续推进各项工作,完成两区平台融合,深化改革迭代升级系统功能,网办率100%。",
    "1-{mo}月,实际利用外资{a}亿美元。预计全年增长{b}%左右。",
    "新增驿站{k}家、托育机构16家,婴幼儿照护服务指导率、社区覆盖率和健康管理率100%。",
]


# Characters of the place names that make every task's texts distinct: none is a numeral, a
# measure word, a joiner (和/及/与) or part of a rule's wording.
NAME_CHARS = "东南西北安康宁泰丰源德美嘉善福明晨阳春秋江湖山林青云龙凤祥瑞桥溪星岭塘沙石松竹梅兰"


def place_name(i: int) -> str:
    """A distinct three-character name for each i below len(NAME_CHARS) ** 3."""
    k = len(NAME_CHARS)
    return NAME_CHARS[i // (k * k) % k] + NAME_CHARS[i // k % k] + NAME_CHARS[i % k] + "街道"


def make_tasks(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    lines = []
    for i in range(n):
        nums = {
            "a": round(rnd.uniform(1, 20), 1), "b": round(rnd.uniform(1, 12), 1),
            "n": rnd.randint(2, 60), "m": rnd.randint(10, 400), "k": rnd.randint(2, 90),
            "j": rnd.randint(2, 40), "p": rnd.randint(100, 9000), "q": rnd.randint(1000, 150000),
            "r": rnd.randint(60, 100), "mo": rnd.randint(1, 12),
        }  # fmt: skip
        content = rnd.choice(CONTENTS).format(**nums)
        progress = "".join(rnd.choice(PROGRESS).format(**nums) for _ in range(rnd.randint(1, 4)))
        place = f"({place_name(i)})"
        task = {"id": f"bench-{i:05d}", "content": content + place, "status_text": progress + place,
                "as_of": f"2021-{rnd.choice([3, 6, 9, 12]):02d}"}  # fmt: skip
        lines.append(json.dumps(task, ensure_ascii=False))
    return lines


def sample_tasks(n: int) -> list[str]:
    """The fixed sample whose classes both engines must agree on: synthetic tasks of their
    own seed and every labelled case (id prefixed with its file, so ids stay unique)."""
    lines = [line.replace('"bench-', '"sample-', 1) for line in make_tasks(n, seed=11)]
    for path in LABELLED:
        if not path.exists():
            continue
        for ex in json.loads(path.read_text(encoding="utf-8")):
            task = {k: ex.get(k) for k in ("content", "status_text", "as_of")}
            task["id"] = f"{path.stem}:{ex.get('id')}"
            lines.append(json.dumps(task, ensure_ascii=False))
    return lines


def run_worker(tree: Path, tasks: Path, sample: Path | None = None) -> dict:
    args = [sys.executable, str(WORKER), str(tree), str(tasks)]
    if sample is not None:
        args.append(str(sample))
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"the worker for {tree} failed:\n{proc.stderr.strip()}")
    return json.loads(proc.stdout)


def git(*args: str) -> str:
    proc = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {proc.stderr.strip()}")
    return proc.stdout.strip()


@contextlib.contextmanager
def baseline_tree(rev: str):
    """The tree of `rev` in a temporary git worktree, removed afterwards; yields
    (path, short hash, subject)."""
    try:
        commit = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except RuntimeError:
        raise RuntimeError(f"BENCH_BASELINE={rev}: not a commit of this repository") from None
    tmp = Path(tempfile.mkdtemp(prefix="luoshi-baseline-"))
    path = tmp / "tree"
    try:
        git("worktree", "add", "--detach", "--quiet", str(path), commit)
        yield path, git("rev-parse", "--short", commit), git("log", "-1", "--format=%s", commit)
    finally:
        with contextlib.suppress(RuntimeError):
            git("worktree", "remove", "--force", str(path))
        shutil.rmtree(tmp, ignore_errors=True)
        with contextlib.suppress(RuntimeError):
            git("worktree", "prune")


def best(runs: list[dict]) -> dict:
    """The round with the most tasks per second (the least disturbed by other load)."""
    return max(runs, key=lambda r: r["tasks_per_s"])


def least_cpu(runs: list[dict]) -> float:
    """The least CPU time of the rounds (0.0 from a worker that does not measure it)."""
    return min(r.get("cpu_seconds", 0.0) for r in runs)


def class_differences(base: dict[str, str], current: dict[str, str]) -> list[tuple]:
    """(id, baseline class, current class) for every sample task the two classify apart."""
    return [(k, base.get(k), current.get(k)) for k in sorted(set(base) | set(current))
            if base.get(k) != current.get(k)]  # fmt: skip


def run(n: int, rounds: int = 3, sample_n: int = 1000, baseline: str | None = None) -> dict:
    """Time this tree (and the baseline's) on the same n tasks; see the module docstring."""
    with tempfile.TemporaryDirectory(prefix="luoshi-bench-assess-") as tmp:
        tasks = Path(tmp) / "tasks.jsonl"
        tasks.write_text("\n".join(make_tasks(n)) + "\n", encoding="utf-8")
        sample = Path(tmp) / "sample.jsonl"
        sample.write_text("\n".join(sample_tasks(sample_n)) + "\n", encoding="utf-8")
        if not baseline:
            runs = [run_worker(ROOT, tasks) for _ in range(rounds)]
            return {"n": n, "rounds": rounds, "current": best(runs)}
        with baseline_tree(baseline) as (tree, short, subject):
            base_runs, cur_runs = [], []
            for r in range(rounds):
                # Alternate who goes first, so neither side always meets the same load.
                order = [(tree, base_runs), (ROOT, cur_runs)]
                for t, acc in order if r % 2 == 0 else order[::-1]:
                    acc.append(run_worker(t, tasks, sample if r == 0 else None))
            base_best, cur_best = best(base_runs), best(cur_runs)
            diffs = class_differences(base_runs[0]["statuses"], cur_runs[0]["statuses"])
            return {"n": n, "rounds": rounds, "baseline": base_best, "current": cur_best,
                    "baseline_rev": short, "baseline_subject": subject,
                    "ratio": cur_best["tasks_per_s"] / base_best["tasks_per_s"],
                    "cpu": (least_cpu(base_runs), least_cpu(cur_runs)),
                    "sample": len(base_runs[0]["statuses"]), "differ": diffs}  # fmt: skip


def report(r: dict) -> str:
    def line(label: str, x: dict, note: str = "") -> str:
        figure = f"{x['tasks_per_s']:>8,.0f} tasks/s  ({x['seconds']:.2f} s)"
        return f"  {label:<18} {figure}  {note}".rstrip()

    out = [f"assess: {r['n']:,} synthetic tasks, best of {r['rounds']} round(s), one process each"]
    if "baseline" in r:
        subject = r["baseline_subject"]
        subject = subject if len(subject) <= 40 else subject[:40] + "…"
        out.append(line(f"baseline {r['baseline_rev']}", r["baseline"], subject))
    out.append(line("this tree", r["current"]))
    if "baseline" in r:
        out.append(f"  ratio this tree / baseline: {r['ratio']:.2f}x")
        base_cpu, cur_cpu = r["cpu"]
        if base_cpu and cur_cpu:
            out.append(f"  CPU time, least of the rounds: baseline {base_cpu:.2f} s, this tree "
                       f"{cur_cpu:.2f} s, ratio {base_cpu / cur_cpu:.2f}x")  # fmt: skip
        out.append(
            f"  classes on a fixed sample of {r['sample']:,} tasks: {len(r['differ'])} differ"
        )
        out += [f"    {k}: {a} -> {b}" for k, a, b in r["differ"][:5]]
    return "\n".join(out)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_ASSESS_TASKS", 10_000))
    r = run(n, int(os.environ.get("BENCH_ROUNDS", 3)), int(os.environ.get("BENCH_SAMPLE", 1000)),
            os.environ.get("BENCH_BASELINE") or None)  # fmt: skip
    print(report(r))


if __name__ == "__main__":
    main()
