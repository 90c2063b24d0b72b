"""The assessment benchmark's harness (bench/bench_assess.py): the speed figures themselves
live in bench/, these check that it measures what it says, on a few tasks."""

import json
import re
import subprocess

import pytest

from bench import bench_assess as ba


def test_the_best_round_is_the_fastest_one():
    runs = [{"tasks_per_s": 900.0}, {"tasks_per_s": 1200.0}, {"tasks_per_s": 1100.0}]
    assert ba.best(runs)["tasks_per_s"] == 1200.0


def test_class_differences_name_each_task_the_engines_classify_apart():
    base = {"a": "completed", "b": "behind", "c": "on_track"}
    current = {"a": "completed", "b": "on_track", "d": "behind"}
    assert ba.class_differences(base, current) == [
        ("b", "behind", "on_track"), ("c", "on_track", None), ("d", None, "behind")
    ]  # fmt: skip


def test_the_least_cpu_time_of_the_rounds_is_reported():
    assert ba.least_cpu([{"cpu_seconds": 2.5}, {"cpu_seconds": 1.5}, {"cpu_seconds": 3.0}]) == 1.5


def test_no_two_synthetic_tasks_share_a_content_or_a_progress_text():
    tasks = [json.loads(line) for line in ba.make_tasks(3000)]
    assert len({t["content"] for t in tasks}) == 3000
    assert len({t["status_text"] for t in tasks}) == 3000


def test_the_fixed_sample_holds_synthetic_and_labelled_cases_with_unique_ids():
    lines = ba.sample_tasks(5)
    ids = [re.search(r'"id": "([^"]+)"', line).group(1) for line in lines]
    assert len(ids) == len(set(ids))
    assert sum(i.startswith("sample-") for i in ids) == 5
    assert any(i.startswith("heldout3:") for i in ids)


def test_the_worker_times_the_engine_of_the_tree_it_is_given(tmp_path):
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("\n".join(ba.make_tasks(8)) + "\n", encoding="utf-8")
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(ba.sample_tasks(3)[:3]) + "\n", encoding="utf-8")
    r = ba.run_worker(ba.ROOT, tasks, sample)
    assert r["tasks"] == 8 and r["tasks_per_s"] > 0
    assert r["cpu_seconds"] > 0
    assert r["engine"].startswith(str(ba.ROOT))
    assert set(r["statuses"]) == {"sample-00000", "sample-00001", "sample-00002"}


def test_a_baseline_runs_from_a_temporary_worktree_beside_this_tree_and_is_removed():
    r = ba.run(6, rounds=2, sample_n=4, baseline="HEAD")
    assert r["baseline"]["engine"] != r["current"]["engine"]
    assert "luoshi-baseline-" in r["baseline"]["engine"]
    assert r["ratio"] == r["current"]["tasks_per_s"] / r["baseline"]["tasks_per_s"]
    assert r["sample"] >= 4
    text = ba.report(r)
    assert "this tree" in text and "ratio this tree / baseline" in text and " differ" in text
    worktrees = subprocess.run(["git", "-C", str(ba.ROOT), "worktree", "list"],
                               capture_output=True, text=True).stdout  # fmt: skip
    assert "luoshi-baseline-" not in worktrees


def test_a_baseline_that_is_no_commit_is_a_clear_error_and_leaves_nothing_behind():
    with pytest.raises(RuntimeError, match="BENCH_BASELINE=no-such-rev: not a commit"):
        ba.run(2, rounds=1, sample_n=1, baseline="no-such-rev")
