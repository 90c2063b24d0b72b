"""Held-out evaluation: cases the engine was not first tuned on (see docs/assessment-rules.md,
"Held-out sets"). heldout.json: 17 seed tasks outside the gold file and 36 cases written in
the style of other governments' reports; heldout2.json: 24 further cases labelled after the
first round of fixes. Thresholds sit just below what the engine achieves, so a regression
shows; the numbers measured before each round of fixes are recorded in the docs."""

import json
from pathlib import Path

import pytest

from luoshi.textparse.cli import evaluate

HERE = Path(__file__).parent


@pytest.mark.parametrize("name", ["heldout.json", "heldout2.json"])
def test_heldout_evaluation_meets_the_thresholds(name):
    examples = json.loads((HERE / name).read_text(encoding="utf-8"))
    r = evaluate(examples)
    assert r["target_f1"] >= 0.97, r["misses"]
    assert r["figures_matched"] >= 0.95, r["misses"]
    assert r["status_within_accept"] >= 0.95, r["misses"]


@pytest.mark.parametrize("name", ["heldout.json", "heldout2.json"])
def test_heldout_files_follow_the_contract_form(name):
    keys = {"id", "content", "status_text", "as_of", "targets", "actuals", "data_pending",
            "status", "accept"}  # fmt: skip
    for ex in json.loads((HERE / name).read_text(encoding="utf-8")):
        assert keys <= set(ex), ex["id"]
        assert ex["status"] in ex["accept"], ex["id"]
        for t in ex["targets"]:
            assert {"text", "metric", "value", "unit", "comparator", "kind"} <= set(t)
            assert t["text"] in ex["content"], (ex["id"], t["text"])
        for a in ex["actuals"]:
            assert 0 <= a["target"] < len(ex["targets"]), ex["id"]
            assert {"text", "value", "unit", "period", "estimate"} <= set(a)
